import { Accordion, Button, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { CrmContext } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { CardView } from '../contract/view-model.ts';
import { BACKEND_URL } from '../backend.ts';
import type { BackendError, CardFetch } from '../data/cardApi.ts';
import { useCardView } from '../data/useCardView.ts';
import type { CardData } from '../data/useCardView.ts';
import { I18nProvider, useI18n } from '../i18n/I18nContext.tsx';
import type { I18n } from '../i18n/format.ts';
import { isMessageKey } from '../i18n/messages.ts';

/** What every card location is given by its entry file (from HubSpot's context) or by a test. */
export interface CardProps {
  readonly companyId: string;
  readonly fetchFn: CardFetch;
  /** Defaults to BACKEND_URL. */
  readonly baseUrl?: string;
  /** `context.user.locale`. */
  readonly locale?: string;
  /** `context.portal.timezone`. */
  readonly timeZone?: string;
}

/** The props every entry file gives its card, from what HubSpot tells it about the record and the user. */
export function cardProps(context: CrmContext, fetchFn: CardFetch): CardProps {
  return {
    companyId: String(context.crm.objectId),
    fetchFn,
    locale: context.user.locale,
    timeZone: context.portal.timezone,
  };
}

type Body = (view: CardView, data: CardData) => ReactNode;

/** Loading, error-with-retry and ready states around a location's body; the same for every location. */
export function CardFrame({ locale, timeZone, ...rest }: CardProps & { readonly body: Body }) {
  return (
    <I18nProvider locale={locale} timeZone={timeZone}>
      <CardLoader {...rest} />
    </I18nProvider>
  );
}

function CardLoader({ companyId, fetchFn, baseUrl = BACKEND_URL, body }: Omit<CardProps, 'locale' | 'timeZone'> & { readonly body: Body }) {
  const i18n = useI18n();
  const data = useCardView({ fetchFn, baseUrl }, companyId, i18n.locale);
  const { state } = data;
  if (state.status === 'loading') return <LoadingSpinner label={i18n.t(state.busy ? 'error.busy' : 'card.loading')} showLabel layout="centered" />;
  if (state.status === 'error') {
    return (
      <ErrorState title={i18n.t('error.title')}>
        <ErrorExplanation error={state.error} />
        <Button onClick={data.retry}>{i18n.t('error.retry')}</Button>
      </ErrorState>
    );
  }
  return body(state.view, data);
}

/** One sentence, in the user's language, on what went wrong and what to do (no HTTP codes, no setting names). */
export function errorText(i18n: I18n, error: BackendError): string {
  switch (error.kind) {
    case 'network':
      return i18n.t('error.network');
    case 'invalid_response':
      return i18n.t('error.invalidResponse');
    case 'http': {
      const byCode = error.code ? `error.code.${error.code}` : null;
      if (byCode !== null && isMessageKey(byCode)) return i18n.t(byCode);
      if (error.status === 401) return i18n.t('error.signature');
      if (error.status === 404) return i18n.t('error.notFound');
      if (error.status === 429) return i18n.t('error.busy');
      if (error.status < 500) return i18n.t('error.badRequest');
      return i18n.t('error.server');
    }
  }
}

/** The technical detail an admin needs (status, code, the backend's own words); null when there is none. */
export function errorAdminDetail(i18n: I18n, error: BackendError): string | null {
  if (error.kind !== 'http') return error.detail || null;
  if (error.status === 401) return i18n.t('error.admin.signature', { status: error.status });
  return i18n.t('error.admin.http', { status: error.status, code: error.code ?? 'none', detail: error.detail ?? '' });
}

/** The sentence for the user, then the technical detail collapsed under "Details for admins". */
export function ErrorExplanation({ error }: { error: BackendError }) {
  const i18n = useI18n();
  const detail = errorAdminDetail(i18n, error);
  return (
    <Flex direction="column" gap="xs">
      <Text>{errorText(i18n, error)}</Text>
      {detail ? (
        <Accordion title={i18n.t('error.adminDetails')} size="xs" testId="error-admin-details">
          <Text variant="microcopy">{detail}</Text>
        </Accordion>
      ) : null}
    </Flex>
  );
}
