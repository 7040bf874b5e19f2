import { Flex, Heading, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import type { PeriodReportView as PeriodReport } from '../../cards/contract/portfolio.ts';
import type { PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import type { I18n } from '../../cards/i18n/format.ts';
import { useI18n } from '../../cards/i18n/I18nContext.tsx';
import type { MessageKey } from '../../cards/i18n/messages.ts';
import { percent, wholeMoney } from './portfolio-format.ts';

// The managers' page's quarter KPIs (renewal, churn and retention rates).

/**
 * The figures each rate is worked out from, beside the rates so a manager can redo the sums: the renewals
 * (renewal rates), the customers under contract at the start and those churned (customer churn rate: that
 * base leaves out customers with no contract on record), the ARR rows (revenue churn, GRR, NRR).
 */
function figureLines(i18n: I18n, report: PeriodReport, money: (amount: number) => string): ReadonlyArray<readonly [string, ReadonlyArray<readonly [MessageKey, string]>]> {
  return [
    // Every due renewal accounted for, as cs-card report's rows: due = renewed + lost + still open + ended with no
    // renewal on record (lapsed: absent from a page of an earlier backend, which did not count lapses as due).
    ['renewals', [
      ['report.renewals.due', i18n.number(report.renewals.due)],
      ['report.renewals.renewed', i18n.number(report.renewals.renewed)],
      ['report.renewals.lost', i18n.number(report.renewals.lost)],
      ['report.renewals.open', i18n.number(report.renewals.open)],
      ['report.renewals.lapsed', i18n.number(report.renewals.lapsed ?? 0)],
      ['report.renewals.dueValue', money(report.renewals.dueValue)],
      ['report.renewals.renewedValue', money(report.renewals.renewedValue)],
    ]],
    ['customers', [
      ['report.customers.underContractAtStart', i18n.number(report.customers.underContractAtStart)],
      ['report.customers.churned', i18n.number(report.customers.churned)],
    ]],
    ['arr', [
      ['report.arr.start', money(report.arr.start)],
      ['report.arr.expansion', money(report.arr.expansion)],
      ['report.arr.contraction', money(report.arr.contraction)],
      ['report.arr.churned', money(report.arr.churned)],
      ['report.arr.end', money(report.arr.end)],
    ]],
  ];
}

function KpiSet({ title, report, testId }: { readonly title: string; readonly report: PeriodReport; readonly testId: string }) {
  const i18n = useI18n();
  const items: ReadonlyArray<readonly [MessageKey, number | null]> = [
    ['report.renewalRate', report.renewalRate],
    ['report.revenueRenewalRate', report.revenueRenewalRate],
    ['report.logoChurnRate', report.logoChurnRate],
    ['report.revenueChurnRate', report.revenueChurnRate],
    ['report.grossRevenueRetention', report.grossRevenueRetention],
    ['report.netRevenueRetention', report.netRevenueRetention],
  ];
  const money = (amount: number | null) => (amount === null ? i18n.t('report.notDefined') : wholeMoney(i18n, amount, report.currency));
  const lapsed = report.renewals.lapsed ?? 0;
  const lapsedAmountUnknown = report.renewals.lapsedAmountUnknown ?? 0;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{title}</Heading>
      <Statistics testId={testId}>
        {items.map(([key, value]) => (
          <StatisticsItem key={key} label={i18n.t(key)} number={percent(i18n, value)} />
        ))}
        <StatisticsItem label={i18n.t('report.ltv.estimate')} number={money(report.ltv.estimatedLtv)} />
      </Statistics>
      {figureLines(i18n, report, money).map(([line, figures]) => (
        <Text key={line} variant="microcopy" testId={`${testId}-${line}`}>
          {i18n.parts(figures.map(([label, value]) => i18n.t('list.labelColonValue', { label: i18n.t(label), value })))}
        </Text>
      ))}
      {report.leftOut.map((other) => (
        <Text key={other.currency} variant="microcopy">
          {i18n.t('report.leftOut', { companies: other.companies, currency: other.currency })}
        </Text>
      ))}
      {/* As under cs-card report: what a lapse counts as (due, not renewed, not churn), and those with no amount on record. */}
      {lapsed > 0 ? (
        <Text variant="microcopy" testId={`${testId}-lapsed`}>
          {i18n.t('report.lapsed', { count: lapsed })}
        </Text>
      ) : null}
      {lapsedAmountUnknown > 0 ? (
        <Text variant="microcopy" testId={`${testId}-lapsed-amount-unknown`}>
          {i18n.t('report.lapsedAmountUnknown', { count: lapsedAmountUnknown })}
        </Text>
      ) : null}
    </Flex>
  );
}

/** Both quarters' ARR at the start or the end inferred from a renewal deal (open, won or lost), in one line (the bands' own note counts the as-of day). */
function ArrInferred({ page }: { readonly page: PageData }) {
  const i18n = useI18n();
  const { current, lastQuarter } = page.kpis;
  if (current.report.arrInferred === 0 && lastQuarter.report.arrInferred === 0) return null;
  return (
    <Text variant="microcopy" testId="kpis-arr-inferred">
      {i18n.t('portfolio.kpis.arrInferred', { current: current.report.arrInferred, currentPeriod: current.label, last: lastQuarter.report.arrInferred, lastPeriod: lastQuarter.label })}
    </Text>
  );
}

export function Kpis({ page }: { readonly page: PageData }) {
  const i18n = useI18n();
  return (
    <Flex direction="column" gap="md">
      <Heading>{i18n.t('portfolio.kpis.title')}</Heading>
      <KpiSet testId="kpis-current" title={i18n.t('portfolio.kpis.current', { period: page.kpis.current.label })} report={page.kpis.current.report} />
      <KpiSet testId="kpis-last" title={i18n.t('portfolio.kpis.last', { period: page.kpis.lastQuarter.label })} report={page.kpis.lastQuarter.report} />
      <ArrInferred page={page} />
    </Flex>
  );
}
