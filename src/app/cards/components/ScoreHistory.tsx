import { Flex, Heading, LineChart } from '@hubspot/ui-extensions';
import type { CardView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';

/** The health score over time, when the backend sends a history with more than one point. */
export function ScoreHistory({ history }: { history: CardView['health']['history'] }) {
  const { t } = useI18n();
  if (!history || history.length < 2) return null;
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t('history.title')}</Heading>
      <LineChart
        testId="score-history"
        data={history.map(({ date, score }) => ({ date, score }))}
        axes={{
          x: { field: 'date', fieldType: 'datetime', label: t('history.date') },
          y: { field: 'score', fieldType: 'linear', label: t('history.score') },
        }}
        options={{ showLegend: false, showTooltips: true }}
      />
    </Flex>
  );
}
