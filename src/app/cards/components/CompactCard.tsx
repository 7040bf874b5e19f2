import { Flex, Text } from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { CardView } from '../../../domain/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { ActionItem } from './ActionsSection.tsx';
import { CardFrame } from './CardFrame.tsx';
import type { CardProps } from './CardFrame.tsx';
import { HealthSummary } from './HealthSection.tsx';
import { NpsSection } from './NpsSection.tsx';
import { RenewalSection } from './RenewalSection.tsx';
import { WarningsSection } from './WarningsSection.tsx';

/** The record whose page holds the full tab card. */
export interface RecordRef {
  readonly objectId: number;
  readonly objectTypeId: string;
}

/**
 * The sidebar and preview card: health, renewal, NPS and the top action from the same view as
 * the tab. Only standard components and CrmActionLink, which both locations allow.
 */
export function CompactCard({ fullCard, ...props }: CardProps & { readonly fullCard?: RecordRef }) {
  return <CardFrame {...props} body={(view, data) => <CompactBody view={view} data={data} fullCard={fullCard} />} />;
}

function CompactBody({ view, data, fullCard }: { view: CardView; data: CardData; fullCard: RecordRef | undefined }) {
  const { t } = useI18n();
  const [top, ...others] = view.actions;
  return (
    <Flex direction="column" gap="sm">
      <WarningsSection warnings={view.warnings} compact />
      <HealthSummary health={view.health} />
      <RenewalSection renewal={view.renewal} compact />
      <NpsSection nps={view.nps} compact />
      <Text format={{ fontWeight: 'bold' }}>{t('compact.topAction')}</Text>
      {top ? <ActionItem action={top} data={data} asOf={view.asOf} /> : <Text testId="actions-none">{t('actions.none')}</Text>}
      {others.length > 0 ? <Text variant="microcopy">{t('compact.moreActions', { count: others.length })}</Text> : null}
      {fullCard ? (
        <CrmActionLink actionType="RECORD_APP_LINK" actionContext={fullCard} testId="open-full-card">
          {t('compact.openRecord')}
        </CrmActionLink>
      ) : null}
    </Flex>
  );
}
