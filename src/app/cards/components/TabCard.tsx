import { AutoGrid, Flex, Text, Tile } from '@hubspot/ui-extensions';
import type { CardView } from '../../../domain/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { ActionsSection } from './ActionsSection.tsx';
import { CardFrame } from './CardFrame.tsx';
import type { CardProps } from './CardFrame.tsx';
import { HandoffSection } from './HandoffSection.tsx';
import { FactorBreakdown, HealthSection } from './HealthSection.tsx';
import { NpsSection } from './NpsSection.tsx';
import { RenewalSection } from './RenewalSection.tsx';
import { ScoreHistory } from './ScoreHistory.tsx';
import { SupportSection } from './SupportSection.tsx';
import { WarningsSection } from './WarningsSection.tsx';

/** The full card of the company record's tab. */
export function TabCard(props: CardProps) {
  return <CardFrame {...props} body={(view, data) => <TabBody view={view} data={data} />} />;
}

function TabBody({ view, data }: { view: CardView; data: CardData }) {
  return (
    <Flex direction="column" gap="md">
      <AsOf view={view} />
      <WarningsSection warnings={view.warnings} />
      <AutoGrid columnWidth={260} gap="md" flexible>
        <Tile compact><HealthSection health={view.health} /></Tile>
        <Tile compact><RenewalSection renewal={view.renewal} /></Tile>
        <Tile compact><NpsSection nps={view.nps} /></Tile>
        <Tile compact><SupportSection support={view.support} /></Tile>
      </AutoGrid>
      <Tile><ActionsSection actions={view.actions} data={data} asOf={view.asOf} /></Tile>
      <Tile><HandoffSection view={view} data={data} /></Tile>
      <Tile>
        <Flex direction="column" gap="md">
          <FactorBreakdown factors={view.health.factors} />
          <ScoreHistory history={view.health.history} />
        </Flex>
      </Tile>
    </Flex>
  );
}

export function AsOf({ view }: { view: CardView }) {
  const i18n = useI18n();
  return (
    <Text variant="microcopy" testId="as-of">
      {i18n.t('card.asOf', { date: i18n.date(view.asOf), dateTime: i18n.dateTime(view.generatedAt) })}
    </Text>
  );
}
