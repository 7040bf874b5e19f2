import { Flex, Text } from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { CardView } from '../contract/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { ActionItem } from './ActionsSection.tsx';
import { CardFrame } from './CardFrame.tsx';
import type { CardProps } from './CardFrame.tsx';
import { HealthSummary } from './HealthSection.tsx';
import { NpsSection } from './NpsSection.tsx';
import { RenewalSection } from './RenewalSection.tsx';
import { WarningsSection } from './WarningsSection.tsx';
import { costliestFactors, factorFact, factorName, unreadFactor } from './presentation.ts';

/** The record tab's name as HubSpot shows it in every language: the tab card's `config.name` (customer-success-card-hsmeta.json). */
export const recordTabName = 'Customer success';

/** The record whose page holds the full tab card. */
export interface RecordRef {
  readonly objectId: number;
  readonly objectTypeId: string;
}

/**
 * The sidebar and preview card: health, the top "why", renewal date and value, NPS and the top
 * action from the same view as the tab. Only standard components and CrmActionLink, which both
 * locations allow; "more actions" opens the record, where the full card is a tab.
 */
export function CompactCard({ fullCard, ...props }: CardProps & { readonly fullCard?: RecordRef }) {
  return <CardFrame {...props} body={(view, data) => <CompactBody view={view} data={data} fullCard={fullCard} />} />;
}

function CompactBody({ view, data, fullCard }: { view: CardView; data: CardData; fullCard: RecordRef | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [top, ...others] = view.actions;
  const [why] = costliestFactors(view.health, 1);
  return (
    <Flex direction="column" gap="sm">
      <WarningsSection warnings={view.warnings} messages={view.warningMessages} compact />
      <HealthSummary health={view.health} stage={view.lifecycle.stage} />
      {why ? <Text testId="compact-why">{t('compact.why', { factor: factorName(i18n, why), fact: factorFact(i18n, why) })}</Text> : null}
      <RenewalSection renewal={view.renewal} asOf={view.asOf} unread={unreadFactor(view.health, 'renewal')} compact />
      <NpsSection nps={view.nps} unread={unreadFactor(view.health, 'nps')} compact />
      <Text format={{ fontWeight: 'bold' }}>{t('compact.topAction')}</Text>
      {top ? <ActionItem action={top} data={data} asOf={view.asOf} primary /> : <Text testId="actions-none">{t('actions.none')}</Text>}
      {fullCard ? (
        <CrmActionLink actionType="RECORD_APP_LINK" actionContext={fullCard} testId="open-full-card">
          {others.length > 0 ? t('compact.moreActions', { count: others.length }) : t('compact.openRecord')}
        </CrmActionLink>
      ) : others.length > 0 ? (
        // The sidebar: the full card is a tab of this same page, which no CRM action of the pinned
        // @hubspot/ui-extensions opens (RECORD_APP_LINK reloads the record), so it names the tab.
        <Text variant="microcopy" testId="more-actions-in-tab">{t('compact.moreActionsInTab', { count: others.length, tab: recordTabName })}</Text>
      ) : null}
    </Flex>
  );
}
