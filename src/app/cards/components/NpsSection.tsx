import { Alert, Flex, Heading, Statistics, StatisticsItem, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardView, FactorView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { NO_VALUE, factorFact } from './presentation.ts';

type Nps = CardView['nps'];

/** Company NPS and its response count; the full card adds the mix, the low-sample warning and the latest answer; when the answers could not be read, that (the NPS factor's words). */
export function NpsSection({ nps, unread = null, compact = false }: { nps: Nps; unread?: FactorView | null; compact?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (unread !== null) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>{t('nps.title')}</Heading>
        <Text testId="nps-unread">{factorFact(i18n, unread)}</Text>
      </Flex>
    );
  }
  if (nps.responses === 0) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>{t('nps.title')}</Heading>
        <Text testId="nps-none">{t('nps.none', { days: nps.windowDays })}</Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="xs">
      <Heading>{t('nps.title')}</Heading>
      <Statistics>
        <StatisticsItem label={t('nps.score')} number={nps.score === null ? NO_VALUE : i18n.signed(nps.score)} testId="nps-score" />
        <StatisticsItem label={t('nps.responses')} number={i18n.number(nps.responses)} testId="nps-responses" />
        {compact ? null : <NpsMix nps={nps} />}
      </Statistics>
      {compact && nps.lowSample ? <StatusTag variant="warning" testId="nps-low-sample">{t('nps.lowSample.title')}</StatusTag> : null}
      {compact ? null : <NpsDetails nps={nps} />}
    </Flex>
  );
}

function NpsMix({ nps }: { nps: Nps }) {
  const i18n = useI18n();
  return (
    <>
      <StatisticsItem label={i18n.t('nps.promoters')} number={i18n.number(nps.promoters)} testId="nps-promoters" />
      <StatisticsItem label={i18n.t('nps.passives')} number={i18n.number(nps.passives)} testId="nps-passives" />
      <StatisticsItem label={i18n.t('nps.detractors')} number={i18n.number(nps.detractors)} testId="nps-detractors" />
    </>
  );
}

function NpsDetails({ nps }: { nps: Nps }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { latest } = nps;
  return (
    <>
      <Text variant="microcopy">{t('nps.window', { days: nps.windowDays })}</Text>
      {nps.lowSample ? (
        <Alert variant="warning" title={t('nps.lowSample.title')} testId="nps-low-sample">
          {t('nps.lowSample.body', { count: nps.responses })}
        </Alert>
      ) : null}
      {latest ? (
        <Flex direction="column" gap="flush" testId="nps-latest">
          <Text format={{ fontWeight: 'demibold' }}>{t('nps.latest')}</Text>
          <Text>{t('nps.latestValue', { value: latest.value, date: i18n.dateTime(latest.submittedAt) })}</Text>
          <Text format={{ italic: true }}>{latest.comment ?? t('nps.noComment')}</Text>
        </Flex>
      ) : null}
    </>
  );
}
