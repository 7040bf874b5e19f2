import { Flex, Heading, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import type { CardView, FactorView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { factorFact } from './presentation.ts';

/** Open tickets, how many are urgent or high priority, and the oldest; when the tickets could not be read, that (the support factor's words). */
export function SupportSection({ support, unread = null }: { support: CardView['support']; unread?: FactorView | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (unread !== null) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>{t('support.title')}</Heading>
        <Text testId="support-unread">{factorFact(i18n, unread)}</Text>
      </Flex>
    );
  }
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
