import { Flex, Heading, Statistics, StatisticsItem } from '@hubspot/ui-extensions';
import type { CardView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';

export function SupportSection({ support }: { support: CardView['support'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const oldest = support.oldestOpenDays === null ? t('support.noneOpen') : i18n.days(support.oldestOpenDays);
  return (
    <Flex direction="column" gap="xs">
      <Heading>{t('support.title')}</Heading>
      <Statistics>
        <StatisticsItem label={t('support.open')} number={i18n.number(support.openTickets)} testId="support-open" />
        <StatisticsItem label={t('support.urgent')} number={i18n.number(support.openHighPriority)} testId="support-urgent" />
        <StatisticsItem label={t('support.oldest')} number={oldest} testId="support-oldest" />
      </Statistics>
    </Flex>
  );
}
