import { createI18n, type I18n } from '../app/cards/i18n/format.ts';
import type { MessageKey } from '../app/cards/i18n/messages.ts';
import type { Money } from '../domain/portfolio/portfolio-overview.ts';
import type { PortfolioPage } from '../usecases/portfolio-book.ts';
import { displayWidth, padEndColumns, padStartColumns } from './display-width.ts';

// The portfolio summary as `cs-card start` prints it: the managers' page (usecases/portfolio-book.ts)
// in a terminal, in the catalog's words. Amounts are per currency, never added across currencies;
// churned customers are counted apart, in no health band. What is not known is said and counted,
// never printed as 0: a band's customers without a known ARR (their own column), a renewal at risk
// without a renewal amount (its ARR in force, marked) or without either (left out of the total).

/** How many at-risk renewals are listed one per line before the rest is counted. */
const listedRenewals = 15;

/** Cells padded by the columns they take in a terminal (a company's name may be Chinese), so columns line up in every script. */
function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  return rows.map((row) =>
    `  ${row.map((cell, column) => (rightAligned.has(column) ? padStartColumns(cell, widths[column] ?? 0) : padEndColumns(cell, widths[column] ?? 0))).join('  ')}`.trimEnd(),
  );
}

function wholeMoney(locale: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount)} ${currency}`;
  }
}

/** Amounts in several currencies, each labelled, never summed: "USD 17,012,300 · EUR 2,001,000" (the catalog's separator). */
export function moneyList(i18n: I18n, amounts: readonly Money[]): string {
  return amounts.length === 0 ? new Intl.NumberFormat(i18n.locale).format(0) : i18n.parts(amounts.map((m) => wholeMoney(i18n.locale, m.amount, m.currency)));
}

function percent(i18n: I18n, value: number | null): string {
  return value === null ? i18n.t('report.notDefined') : new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A renewal at risk's amount: its renewal amount, or its ARR in force marked as such; '—' when neither is known. */
function renewalAmountCell(i18n: I18n, renewal: PortfolioPage['overview']['renewalsAtRisk'][number]): string {
  if (renewal.amount === null || renewal.currency === null) return '—';
  const amount = wholeMoney(i18n.locale, renewal.amount, renewal.currency);
  return renewal.amountSource === 'arr' ? i18n.t('portfolio.renewalAmount.arr', { amount }) : amount;
}

const bandKeys: Readonly<Record<string, MessageKey>> = {
  at_risk: 'band.at_risk',
  attention: 'band.attention',
  healthy: 'band.healthy',
  unknown: 'band.unknown',
  churned: 'portfolio.band.churned',
};

export function portfolioReport(page: PortfolioPage, locale = 'en'): string {
  const i18n = createI18n(locale, 'UTC');
  const { overview } = page;
  const money = (amounts: readonly Money[]) => moneyList(i18n, amounts);
  // A total with nothing known behind it (every amount unknown, said below it) is no 0.
  const total = (amounts: readonly Money[], unknown: number | undefined) => (amounts.length === 0 && (unknown ?? 0) > 0 ? '—' : money(amounts));
  const churned = overview.bands.find((line) => line.band === 'churned')?.customers ?? 0;
  const lines = [i18n.t('summary.headline', { date: page.asOf, count: overview.customers, arr: total(overview.arr, overview.arrUnknown) })];
  if (overview.neverSynced) lines.push(`  ${i18n.t('summary.neverSynced')}`);
  if (churned > 0) lines.push(`  ${i18n.t('summary.churned', { count: churned })}`);
  const arrUnknown = overview.arrUnknown ?? 0;
  if (arrUnknown > 0) lines.push(`  ${i18n.t('summary.arrUnknown', { count: arrUnknown })}`);
  if (overview.arr.length > 1) lines.push(`  ${i18n.t('portfolio.perCurrency')}`);
  if (overview.arrInferred > 0) lines.push(`  ${i18n.t('report.arrInferred', { companies: overview.arrInferred })}`);
  // Contracts that ended with no renewal deal (the cards' "contract lapsed"): in force until a renewal or the churn is recorded.
  const lapsed = overview.lapsed ?? 0;
  if (lapsed > 0) lines.push(`  ${i18n.t('summary.lapsed', { count: lapsed, arr: money(overview.arrLapsed ?? []) })}`);
  lines.push('');
  const currencies = overview.arr.map((m) => m.currency);
  const bandRows = overview.bands.map((line) => {
    const label = bandKeys[line.band];
    // A band whose every customer has an unknown ARR has no ARR to show: not a 0.
    const noneKnown = line.customers > 0 && (line.arrUnknown ?? 0) === line.customers;
    return [
      label === undefined ? line.band : i18n.t(label),
      i18n.number(line.customers),
      ...currencies.map((currency) => {
        const amount = line.arr.find((m) => m.currency === currency)?.amount;
        return line.band === 'churned' || (amount === undefined && noneKnown) ? '—' : wholeMoney(i18n.locale, amount ?? 0, currency);
      }),
      ...(arrUnknown > 0 ? [line.band === 'churned' ? '—' : i18n.number(line.arrUnknown ?? 0)] : []),
    ];
  });
  const header = [
    i18n.t('portfolio.column.band'),
    i18n.t('portfolio.column.customers'),
    ...currencies.map((currency) => `${i18n.t('portfolio.column.arr')} ${currency}`),
    ...(arrUnknown > 0 ? [i18n.t('portfolio.column.arrUnknown')] : []),
  ];
  lines.push(...table([header, ...bandRows], new Set(header.map((_, index) => index).filter((index) => index > 0))), '');
  const risky = overview.renewalsAtRisk;
  if (risky.length === 0) lines.push(i18n.t('portfolio.atRisk.none'));
  else {
    lines.push(i18n.t('summary.atRisk', { count: page.renewalsAtRiskCount, amount: total(overview.arrAtRisk, overview.atRiskAmountUnknown) }));
    if ((overview.atRiskFromArr ?? 0) > 0) lines.push(`  ${i18n.t('summary.atRisk.fromArr', { count: overview.atRiskFromArr ?? 0 })}`);
    if ((overview.atRiskAmountUnknown ?? 0) > 0) lines.push(`  ${i18n.t('summary.atRisk.amountUnknown', { count: overview.atRiskAmountUnknown ?? 0 })}`);
    const rows = risky.slice(0, listedRenewals).map((renewal) => {
      return [
        renewal.name,
        renewal.renewalDate,
        // A lapsed contract's date is its end, not an overdue renewal deal's: the card's "contract lapsed, no renewal on record".
        // An open renewal deal past its date reads as on the card ("Overdue · 11 days ago"), not as a date that merely passed.
        renewal.lapsed === true ? i18n.t('portfolio.lapsedWhen', { days: -renewal.daysToRenewal }) : i18n.parts([...(renewal.daysToRenewal < 0 ? [i18n.t('window.overdue')] : []), i18n.relativeDays(renewal.daysToRenewal)]),
        // The band as a word in a running line ("41 at risk"), as the catalog writes it (no case to change in Chinese or Thai).
        i18n.t('portfolio.scoreBand', { score: renewal.score, band: renewal.band }),
        renewalAmountCell(i18n, renewal),
      ];
    });
    const columns = [i18n.t('portfolio.column.company'), i18n.t('portfolio.column.renews'), i18n.t('portfolio.column.when'), i18n.t('portfolio.column.band'), i18n.t('portfolio.column.renewalAmount')];
    lines.push(...table([columns, ...rows], new Set([4])));
    if (page.renewalsAtRiskCount > listedRenewals) lines.push(`  ${i18n.t('summary.more', { count: page.renewalsAtRiskCount - listedRenewals })}`);
  }
  lines.push('');
  // The current quarter is counted up to the as-of day: named "this quarter so far", as the app page names it, so it
  // is not read as `cs-card report --period` for the whole quarter (which also counts the renewals due after today).
  const kpiLines = [
    { period: i18n.t('portfolio.kpis.last', { period: page.kpis.lastQuarter.label }), report: page.kpis.lastQuarter.report },
    { period: i18n.t('portfolio.kpis.current', { period: page.kpis.current.label }), report: page.kpis.current.report },
  ];
  for (const { period, report } of kpiLines) {
    // Every due renewal accounted for, as the report's rows do (due = renewed + lost + open + lapsed; a contract that
    // ended with no renewal on record is due and not renewed); the parts that are 0 are left out of the line.
    const { due, renewed, lost, open } = report.renewals;
    const lapsed = report.renewals.lapsed ?? 0;
    lines.push(i18n.t('summary.kpis', { period, renewalRate: percent(i18n, report.renewalRate), due, renewed, lost, open, lapsed, revenueChurnRate: percent(i18n, report.revenueChurnRate), nrr: percent(i18n, report.netRevenueRetention) }));
  }
  return lines.join('\n');
}
