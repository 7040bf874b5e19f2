import {
  Flex,
  Heading,
  ScoreCircle,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { CardView, FactorView, HealthBand } from '../../../domain/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { NO_VALUE, bandLook, factorLabelKey, factorStatusLook } from './presentation.ts';

type Health = CardView['health'];

export function BandTag({ band }: { band: HealthBand }) {
  const { t } = useI18n();
  const look = bandLook[band];
  return <StatusTag variant={look.variant} testId="health-band">{t(look.label)}</StatusTag>;
}

/** Score, band and 30-day trend: the health at a glance, in every card location. */
export function HealthSummary({ health }: { health: Health }) {
  const i18n = useI18n();
  const trend =
    health.trend30d === null ? i18n.t('health.trendNone') : i18n.t('health.trend', { trend: i18n.signed(health.trend30d) });
  return (
    <Flex direction="row" gap="md" align="center">
      {health.score === null ? (
        <Text format={{ fontWeight: 'demibold' }}>{i18n.t('health.noScore')}</Text>
      ) : (
        <ScoreCircle score={health.score} testId="health-score" />
      )}
      <Flex direction="column" gap="xs">
        <BandTag band={health.band} />
        <Text variant="microcopy" testId="health-trend">{trend}</Text>
      </Flex>
    </Flex>
  );
}

export function HealthSection({ health }: { health: Health }) {
  const i18n = useI18n();
  return (
    <Flex direction="column" gap="sm">
      <Heading>{i18n.t('health.title')}</Heading>
      <HealthSummary health={health} />
      <Text variant="microcopy" testId="health-coverage">
        {i18n.t('health.coverage', { percent: i18n.percent(health.coverage) })}
      </Text>
    </Flex>
  );
}

/** Each factor's score, weight, contribution and status, with the backend's explanation of why. */
export function FactorBreakdown({ factors }: { factors: readonly FactorView[] }) {
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
  const labelKey = factorLabelKey(factor.key);
  const status = factorStatusLook[factor.status];
  const maybe = (value: number | null) => (value === null ? NO_VALUE : i18n.number(value));
  return (
    <TableRow testId={`factor-${factor.key}`}>
      <TableCell>{labelKey ? i18n.t(labelKey) : factor.label}</TableCell>
      <TableCell align="right">{maybe(factor.score)}</TableCell>
      <TableCell align="right">{i18n.percent(factor.weight / 100)}</TableCell>
      <TableCell align="right">{maybe(factor.contribution)}</TableCell>
      <TableCell>
        <StatusTag variant={status.variant}>{i18n.t(status.label)}</StatusTag>
      </TableCell>
      <TableCell>{factor.explanation}</TableCell>
    </TableRow>
  );
}
