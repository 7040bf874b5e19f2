import {
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  ProgressBar,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { CardView, FactorView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { NO_VALUE, TREND_SIGNAL_POINTS, bandProgressVariant, costliestFactors, factorFact, factorLook, factorName, isUnscored, lookOfBand, noScoreKey } from './presentation.ts';

type Health = CardView['health'];
type Stage = CardView['lifecycle']['stage'];

export function BandTag({ band }: { band: string }) {
  const { t } = useI18n();
  const look = lookOfBand(band);
  return <StatusTag variant={look.variant} testId="health-band">{t(look.label)}</StatusTag>;
}

/** The 30-day trend: a coloured signal when it moved at least TREND_SIGNAL_POINTS, else quiet text. */
export function TrendSignal({ trend }: { trend: number | null }) {
  const i18n = useI18n();
  if (trend === null) return <Text variant="microcopy" testId="health-trend">{i18n.t('health.trendNone')}</Text>;
  if (Math.abs(trend) >= TREND_SIGNAL_POINTS) {
    const down = trend < 0;
    return (
      <StatusTag variant={down ? 'danger' : 'success'} testId="health-trend">
        {i18n.t(down ? 'health.trendDown' : 'health.trendUp', { points: Math.abs(trend) })}
      </StatusTag>
    );
  }
  return <Text variant="microcopy" testId="health-trend">{i18n.t('health.trend', { trend: i18n.signed(trend) })}</Text>;
}

/**
 * The score drawn in its band's colour (a ProgressBar in the band's variant), with the band and the
 * trend; without a score, why not. A customer not scored at all (isUnscored: churned, or a
 * prospect) has no trend either: "not enough history" beside "the customer has left" gave the
 * wrong reason, and the no-score line already says the right one.
 */
export function HealthSummary({ health, stage }: { health: Health; stage: Stage }) {
  const i18n = useI18n();
  const variant = bandProgressVariant(health.band);
  return (
    <Flex direction="column" gap="xs" testId="health-summary">
      <Flex direction="row" gap="sm" align="center" wrap>
        <BandTag band={health.band} />
        {isUnscored(health, stage) ? null : <TrendSignal trend={health.trend30d} />}
      </Flex>
      {health.score === null ? (
        <Text format={{ fontWeight: 'demibold' }} testId="health-no-score">
          {i18n.t(noScoreKey(health.band, stage))}
        </Text>
      ) : (
        <ProgressBar
          testId="health-score"
          title={i18n.t('health.score')}
          value={health.score}
          maxValue={100}
          valueDescription={i18n.t('health.scoreOutOf', { score: health.score })}
          variant={variant ?? 'warning'}
          aria-label={i18n.t('health.score')}
        />
      )}
    </Flex>
  );
}

/** Why the score is what it is: the 2–3 factors that cost the most points, each with its fact; without a score, why there is none. */
export function WhySection({ health, stage, count = 3 }: { health: Health; stage: Stage; count?: number }) {
  const i18n = useI18n();
  const costly = costliestFactors(health, count);
  const noScore = noScoreKey(health.band, stage);
  return (
    <Flex direction="column" gap="xs" testId="why">
      <Heading>{i18n.t('why.title')}</Heading>
      {health.score === null ? (
        <Text testId="why-none">{noScore === 'health.noScore' ? i18n.t('why.noScore', { percent: i18n.percent(health.coverage) }) : i18n.t(noScore)}</Text>
      ) : null}
      {health.score !== null && costly.length === 0 ? <Text testId="why-none">{i18n.t('why.none')}</Text> : null}
      {costly.map((factor, index) => (
        <Flex key={factor.key} direction="column" gap="flush" testId={`why-${index}`}>
          <Flex direction="row" gap="xs" align="center" wrap>
            <StatusTag variant={factorLook(factor).variant}>{factorName(i18n, factor)}</StatusTag>
            <Text variant="microcopy">{i18n.t('why.pointsLost', { points: i18n.number(factor.pointsLost ?? 0) })}</Text>
          </Flex>
          <Text>{factorFact(i18n, factor)}</Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * The factors under the score: each weighed, with the data coverage (a customer short of data
 * keeps both: the coverage says why there is no score); for a customer not scored at all
 * (isUnscored: churned, or a prospect), only what each factor found, as the CLI's card prints it.
 */
export function FactorDetail({ health, stage }: { health: Health; stage: Stage }) {
  if (isUnscored(health, stage)) return <FactorFacts factors={health.factors} />;
  return (
    <>
      <FactorBreakdown factors={health.factors} />
      <CoverageNote health={health} />
    </>
  );
}

/** Each factor's name and what it found: no score, weight or contribution, for there is no score. */
function FactorFacts({ factors }: { factors: readonly FactorView[] }) {
  const i18n = useI18n();
  return (
    <Flex direction="column" gap="sm" testId="factor-facts">
      <Heading>{i18n.t('health.factorFacts')}</Heading>
      <DescriptionList direction="column">
        {factors.map((factor) => (
          <DescriptionListItem key={factor.key} label={factorName(i18n, factor)}>
            <Text testId={`factor-fact-${factor.key}`}>{factorFact(i18n, factor)}</Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
    </Flex>
  );
}

/** Each factor's score, weight, contribution and status, with the backend's explanation of why. */
function FactorBreakdown({ factors }: { factors: readonly FactorView[] }) {
  const { t } = useI18n();
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t('health.factors')}</Heading>
      <Table bordered density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>{t('factor.column.factor')}</TableHeader>
            <TableHeader align="right">{t('factor.column.score')}</TableHeader>
            <TableHeader align="right">{t('factor.column.weight')}</TableHeader>
            <TableHeader align="right">{t('factor.column.contribution')}</TableHeader>
            <TableHeader>{t('factor.column.status')}</TableHeader>
            <TableHeader>{t('factor.column.why')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {factors.map((factor) => (
            <FactorRow key={factor.key} factor={factor} />
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}

function FactorRow({ factor }: { factor: FactorView }) {
  const i18n = useI18n();
  const look = factorLook(factor);
  const maybe = (value: number | null) => (value === null ? NO_VALUE : i18n.number(value));
  return (
    <TableRow testId={`factor-${factor.key}`}>
      <TableCell>{factorName(i18n, factor)}</TableCell>
      <TableCell align="right">{maybe(factor.score)}</TableCell>
      <TableCell align="right">{i18n.percent(factor.weight / 100)}</TableCell>
      <TableCell align="right">{maybe(factor.contribution)}</TableCell>
      <TableCell>
        <StatusTag variant={look.variant} testId={`factor-status-${factor.key}`}>{i18n.t(look.label)}</StatusTag>
      </TableCell>
      <TableCell>{factorFact(i18n, factor)}</TableCell>
    </TableRow>
  );
}

function CoverageNote({ health }: { health: Health }) {
  const i18n = useI18n();
  return (
    <Text variant="microcopy" testId="health-coverage">
      {i18n.t('health.coverage', { percent: i18n.percent(health.coverage) })}
    </Text>
  );
}
