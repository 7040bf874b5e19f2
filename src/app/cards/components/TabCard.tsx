import { Accordion, AutoGrid, Flex, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import type { CardView } from '../contract/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { OtherActions, TopAction } from './ActionsSection.tsx';
import { CardFrame } from './CardFrame.tsx';
import type { CardProps } from './CardFrame.tsx';
import { ChurnReasonSection } from './ChurnReasonSection.tsx';
import { HandoffSection, handoffPhaseLabel, useHandoff } from './HandoffSection.tsx';
import { FactorDetail, HealthSummary, WhySection } from './HealthSection.tsx';
import { NpsSection } from './NpsSection.tsx';
import { RenewalDetails, RenewalSection } from './RenewalSection.tsx';
import { ScoreHistory } from './ScoreHistory.tsx';
import { SupportSection } from './SupportSection.tsx';
import { WarningsSection } from './WarningsSection.tsx';
import { WhatChanged } from './WhatChanged.tsx';
import { handoffIsRelevant, lifecycleLabels, stageUncertain, unreadFactor } from './presentation.ts';

/** The full card of the company record's tab. */
export function TabCard(props: CardProps) {
  return <CardFrame {...props} body={(view, data) => <TabBody view={view} data={data} />} />;
}

/**
 * The first screen answers "in trouble? why? what now? by when?": stage and band, the score in
 * its band's colour with the trend, the renewal, the costliest factors, what changed, and the
 * top action with the card's one primary button. The detail follows below.
 */
function TabBody({ view, data }: { view: CardView; data: CardData }) {
  const i18n = useI18n();
  const handoff = useHandoff(view, data);
  const churnAsked = view.churn?.needed === true;
  return (
    <Flex direction="column" gap="sm">
      <CardHeader view={view} />
      <WarningsSection warnings={view.warnings} messages={view.warningMessages} />
      {/* Three columns from ~800 px, so the top action stays on a 1280x800 screen (test/e2e/first-screen.test.ts). */}
      <AutoGrid columnWidth={250} gap="sm" flexible>
        <Tile compact>
          <Flex direction="column" gap="sm">
            <HealthSummary health={view.health} stage={view.lifecycle.stage} />
            <WhatChanged health={view.health} />
          </Flex>
        </Tile>
        <Tile compact><WhySection health={view.health} stage={view.lifecycle.stage} /></Tile>
        <Tile compact><RenewalSection renewal={view.renewal} asOf={view.asOf} unread={unreadFactor(view.health, 'renewal')} compact /></Tile>
      </AutoGrid>
      <Tile compact><TopAction actions={view.actions} data={data} asOf={view.asOf} /></Tile>
      {churnAsked && view.churn ? <Tile compact><ChurnReasonSection churn={view.churn} state={handoff} /></Tile> : null}
      {handoffIsRelevant(view) ? (
        <Tile compact><HandoffSection view={view} state={handoff} /></Tile>
      ) : (
        <Accordion title={i18n.t('handoff.collapsed', { status: handoffPhaseLabel(i18n, view.handoff) })} size="sm" testId="handoff-collapsed">
          <HandoffSection view={view} state={handoff} showHeading={false} />
        </Accordion>
      )}
      {!churnAsked && view.churn && view.churn.reason !== null ? <Tile compact><ChurnReasonSection churn={view.churn} state={handoff} /></Tile> : null}
      {view.actions.length > 1 ? <Tile compact><OtherActions actions={view.actions} data={data} asOf={view.asOf} /></Tile> : null}
      <Tile compact>
        <Flex direction="column" gap="sm">
          <FactorDetail health={view.health} stage={view.lifecycle.stage} />
          <ScoreHistory view={view} />
        </Flex>
      </Tile>
      <AutoGrid columnWidth={250} gap="sm" flexible>
        <Tile compact><RenewalDetails renewal={view.renewal} unread={unreadFactor(view.health, 'renewal')} /></Tile>
        <Tile compact><NpsSection nps={view.nps} unread={unreadFactor(view.health, 'nps')} /></Tile>
        <Tile compact><SupportSection support={view.support} unread={unreadFactor(view.health, 'support')} /></Tile>
      </AutoGrid>
    </Flex>
  );
}

/** Lifecycle stage (when the backend sends it; uncertain while the deals could not be read) and when the view was computed. */
function CardHeader({ view }: { view: CardView }) {
  const i18n = useI18n();
  const stage = view.lifecycle ? lifecycleLabels[view.lifecycle.stage] : undefined;
  return (
    <Flex direction="row" gap="sm" align="center" wrap testId="card-header">
      {stage && view.lifecycle ? (
        <StatusTag variant={view.lifecycle.stage === 'churned' ? 'default' : 'info'} testId="lifecycle-stage">
          {view.lifecycle.since ? i18n.parts([i18n.t(stage), i18n.t('lifecycle.since', { date: view.lifecycle.since })]) : i18n.t(stage)}
        </StatusTag>
      ) : null}
      {stage && stageUncertain(view.health) ? <StatusTag variant="warning" testId="lifecycle-uncertain">{i18n.t('lifecycle.uncertain')}</StatusTag> : null}
      <AsOf view={view} />
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
