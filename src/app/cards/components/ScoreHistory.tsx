import { Flex, Heading, LineChart } from '@hubspot/ui-extensions';
import type { CardView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { scoreHistoryOf } from './presentation.ts';

/**
 * The health score over time, when the backend sends a history with more than one point; a churned
 * customer's up to the churn, titled so (scoreHistoryOf), none for a prospect.
 */
export function ScoreHistory({ view }: { view: Pick<CardView, 'health' | 'lifecycle'> }) {
  const { t } = useI18n();
  const history = scoreHistoryOf(view);
  if (history === null) return null;
  return (
    <Flex direction="column" gap="sm">
      <Heading>{history.churnedOn === null ? t('history.title') : t('history.beforeChurn', { date: history.churnedOn })}</Heading>
      <LineChart
        testId="score-history"
        data={history.points.map(({ date, score }) => ({ date, score }))}
        axes={{
          x: { field: 'date', fieldType: 'datetime', label: t('history.date') },
          y: { field: 'score', fieldType: 'linear', label: t('history.score') },
        }}
        options={{ showLegend: false, showTooltips: true }}
      />
    </Flex>
  );
}
