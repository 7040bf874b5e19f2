import {
  Button,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  LoadingSpinner,
  Select,
  Text,
} from '@hubspot/ui-extensions';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import { errorAdminDetail, errorText } from '../../cards/components/CardFrame.tsx';
import type { BackendError, CardFetch } from '../../cards/data/cardApi.ts';
import { I18nProvider, useI18n } from '../../cards/i18n/I18nContext.tsx';
import { fetchPortfolio } from '../data/portfolioApi.ts';
import { AsOfNotes, AsOfNotesAbove, asOfNotesOf } from './PortfolioAsOfNotes.tsx';
import { Kpis } from './PortfolioKpis.tsx';
import { BandsTable, Churned, RenewalsAtRisk } from './PortfolioTables.tsx';

// The managers' page: customers and ARR per health band (churned apart), the renewals of the
// next 90 days (or overdue) on accounts that are not healthy, by renewal amount, each linking to
// its company record, the customers churned this quarter with why, and the KPIs of this and the
// last quarter; filtered by owner. It only renders what GET /api/portfolio computed. As of a past
// day it says, once, above the first figures concerned, what could not be taken back to it, and
// points back to that from the deal figures further down (PortfolioAsOfNotes.tsx).

export interface PageDeps {
  readonly fetchFn: CardFetch;
  readonly baseUrl: string;
  /** `context.user.locale`. */
  readonly locale?: string;
  /** `context.portal.timezone`. */
  readonly timeZone?: string;
  /** `context.portal.id`: record links point into this portal. */
  readonly portalId: number;
}

/** Routes get no props: the entry file (or a test) gives the page its dependencies through this context. */
export const PortfolioPageDeps = createContext<PageDeps | null>(null);

export { companyRecordUrl } from './portfolio-format.ts';

/** `asOf`: the day (YYYY-MM-DD) the page's URL asks for (PortfolioRouter.tsx); today when absent. */
export function PortfolioPage({ asOf }: { readonly asOf?: string } = {}) {
  const deps = useContext(PortfolioPageDeps);
  if (deps === null) return <Text>PortfolioPageDeps is not provided</Text>;
  return (
    <I18nProvider locale={deps.locale} timeZone={deps.timeZone}>
      <PortfolioLoader deps={deps} asOf={asOf ?? null} />
    </I18nProvider>
  );
}

type State = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: BackendError } | { readonly status: 'ready'; readonly page: PageData };

const allOwners = 'all';

function PortfolioLoader({ deps, asOf }: { readonly deps: PageDeps; readonly asOf: string | null }) {
  const i18n = useI18n();
  const [owner, setOwner] = useState<string>(allOwners);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void fetchPortfolio({ fetchFn: deps.fetchFn, baseUrl: deps.baseUrl }, { owner: owner === allOwners ? null : owner, asOf }).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', page: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [deps.fetchFn, deps.baseUrl, owner, asOf, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (state.status === 'loading') return <LoadingSpinner label={i18n.t('portfolio.loading')} showLabel layout="centered" />;
  if (state.status === 'error') {
    return (
      <ErrorState title={i18n.t('portfolio.error.title')}>
        <Text testId="portfolio-error">{errorText(i18n, state.error)}</Text>
        <Text variant="microcopy" testId="portfolio-error-detail">{errorAdminDetail(i18n, state.error) ?? ''}</Text>
        <Button onClick={retry}>{i18n.t('error.retry')}</Button>
      </ErrorState>
    );
  }
  return <PortfolioView page={state.page} owner={owner} onOwner={setOwner} portalId={deps.portalId} />;
}

function PortfolioView({ page, owner, onOwner, portalId }: { readonly page: PageData; readonly owner: string; readonly onOwner: (owner: string) => void; readonly portalId: number }) {
  const i18n = useI18n();
  const { overview } = page;
  const churnedTotal = overview.bands.find((line) => line.band === 'churned')?.customers ?? 0;
  const notes = asOfNotesOf(page);
  const ownerOptions = [
    { label: i18n.t('portfolio.owner.all'), value: allOwners },
    ...page.owners.map((o) => ({ label: `${o.name} (${i18n.number(o.customers)})`, value: o.id })),
  ];
  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" justify="between" align="end" wrap="wrap" gap="sm">
        <Flex direction="column" gap="xs">
          <Heading>{i18n.t('portfolio.title')}</Heading>
          <Text variant="microcopy">
            {i18n.parts([i18n.t('portfolio.asOf', { date: page.asOf }), i18n.t('portfolio.customers', { count: overview.customers })])}
          </Text>
        </Flex>
        <Select
          name="owner"
          testId="owner-filter"
          label={i18n.t('portfolio.owner')}
          value={owner}
          options={ownerOptions}
          onChange={(value) => onOwner(typeof value === 'string' && value !== '' ? value : allOwners)}
        />
      </Flex>
      {overview.customers === 0 && churnedTotal === 0 ? (
        <EmptyState testId="portfolio-empty" title={i18n.t('portfolio.empty.title')} layout="vertical">
          <Text>{i18n.t('portfolio.empty.body')}</Text>
        </EmptyState>
      ) : (
        <>
          <AsOfNotes page={page} notes={notes} />
          <BandsTable page={page} />
          <Divider />
          <RenewalsAtRisk page={page} portalId={portalId} />
          <Divider />
          <AsOfNotesAbove page={page} notes={notes} />
          <Churned page={page} portalId={portalId} />
          <Divider />
          <Kpis page={page} />
        </>
      )}
    </Flex>
  );
}
