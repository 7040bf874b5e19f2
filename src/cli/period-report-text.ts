import { createI18n, type I18n } from '../app/cards/i18n/format.ts';
import type { MessageKey } from '../app/cards/i18n/messages.ts';
import type { PeriodReport } from '../domain/portfolio/period-report.ts';
import { displayWidth, padEndColumns } from './display-width.ts';

// `cs-card report` for a person (a short table with the definitions' names, in the catalog's
// words) and for a spreadsheet (CSV: a row for all companies, then with --by owner a row per owner).

export interface ReportScope {
  /** null: every company; else an owner id ('' for companies without an owner). */
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly report: PeriodReport;
}

function rate(i18n: I18n, value: number | null): string {
  return value === null ? i18n.t('report.notDefined') : new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

function wholeMoney(locale: string, currency: string): (amount: number) => string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
    return (amount) => format.format(amount);
  } catch {
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return (amount) => `${plain.format(amount)} ${currency}`;
  }
}

/** Labels padded by the columns they take in a terminal, so values line up in every script. */
function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(0, ...rows.map(([label]) => displayWidth(label)));
  return rows.map(([label, value]) => (value === '' ? `  ${label}` : `    ${padEndColumns(label, width)}  ${value}`));
}

/** The readable report: sections of label / value lines, amounts in the report's currency. */
export function reportText(scope: ReportScope, locale = 'en'): string {
  const i18n = createI18n(locale, 'UTC');
  const r = scope.report;
  const format = wholeMoney(i18n.locale, r.currency);
  const money = (amount: number | null) => (amount === null ? i18n.t('report.notDefined') : format(amount));
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => i18n.t(key, params);
  const lines: string[] = [];
  if (scope.ownerId !== null) lines.push(t('report.owner', { owner: scope.ownerName ?? t('report.owner.none') }));
  lines.push(i18n.parts([t('report.title', { from: r.period.from, to: r.period.to }), t('report.currency', { currency: r.currency })]), '');
  const rows: Array<readonly [string, string]> = [
    [t('report.section.customers'), ''],
    [t('report.customers.atStart'), i18n.number(r.customers.atStart)],
    [t('report.customers.underContractAtStart'), i18n.number(r.customers.underContractAtStart)],
    [t('report.customers.new'), i18n.number(r.customers.new)],
    [t('report.customers.churned'), i18n.number(r.customers.churned)],
    [t('report.customers.atEnd'), i18n.number(r.customers.atEnd)],
    [t('report.section.renewals'), ''],
    [t('report.renewals.due'), i18n.number(r.renewals.due)],
    [t('report.renewals.renewed'), i18n.number(r.renewals.renewed)],
    [t('report.renewals.lost'), i18n.number(r.renewals.lost)],
    [t('report.renewals.open'), i18n.number(r.renewals.open)],
    // Due, not renewed, neither lost nor open (domain/portfolio/period-report.ts): due = renewed + lost + open + this.
    [t('report.renewals.lapsed'), i18n.number(r.renewals.lapsed ?? 0)],
    [t('report.renewals.dueValue'), money(r.renewals.dueValue)],
    [t('report.renewals.renewedValue'), money(r.renewals.renewedValue)],
    [t('report.section.rates'), ''],
    [t('report.renewalRate'), rate(i18n, r.renewalRate)],
    [t('report.revenueRenewalRate'), rate(i18n, r.revenueRenewalRate)],
    [t('report.logoChurnRate'), rate(i18n, r.logoChurnRate)],
    [t('report.revenueChurnRate'), rate(i18n, r.revenueChurnRate)],
    [t('report.grossRevenueRetention'), rate(i18n, r.grossRevenueRetention)],
    [t('report.netRevenueRetention'), rate(i18n, r.netRevenueRetention)],
    [t('report.section.arr'), ''],
    [t('report.arr.start'), money(r.arr.start)],
    [t('report.arr.expansion'), money(r.arr.expansion)],
    [t('report.arr.contraction'), money(r.arr.contraction)],
    [t('report.arr.churned'), money(r.arr.churned)],
    [t('report.arr.new'), money(r.arr.new)],
    [t('report.arr.end'), money(r.arr.end)],
    [t('report.section.ltv'), ''],
    [t('report.ltv.averageArr'), money(r.ltv.averageArr)],
    [t('report.ltv.annualChurn'), rate(i18n, r.ltv.revenueChurnRate)],
    [t('report.ltv.lifetime'), r.ltv.expectedLifetimeYears === null ? t('report.notDefined') : t('report.ltv.years', { years: i18n.number(r.ltv.expectedLifetimeYears) })],
    [t('report.ltv.estimate'), money(r.ltv.estimatedLtv)],
  ];
  if (r.churnReasons.length > 0) {
    rows.push([t('report.section.churnReasons'), '']);
    for (const reason of r.churnReasons) rows.push([reasonLabel(i18n, reason.reason), i18n.parts([i18n.number(reason.companies), money(reason.value)])]);
  }
  lines.push(...table(rows), '');
  lines.push(t('report.arrBasis', { hsArr: r.arrBasis.hs_arr, annualised: r.arrBasis.annualised, amount: r.arrBasis.amount }));
  for (const other of r.leftOut) lines.push(t('report.leftOut', { companies: other.companies, currency: other.currency }));
  if (r.arrInferred > 0) lines.push(t('report.arrInferred', { companies: r.arrInferred }));
  // The contracts that ended with no renewal on record, apart, so the renewal rate explains itself; those without an
  // amount on record are not in the amount due (nor guessed).
  const lapsed = r.renewals.lapsed ?? 0;
  if (lapsed > 0) lines.push(t('report.lapsed', { count: lapsed }));
  const unknown = r.renewals.lapsedAmountUnknown ?? 0;
  if (unknown > 0) lines.push(t('report.lapsedAmountUnknown', { count: unknown }));
  return lines.join('\n');
}

/**
 * The footnote of a report whose period runs past its as-of day (the current quarter, by default): its figures are that
 * day's, and the renewals due after it are counted due and still open (a customer renewal rate of 9 of 44 on 2026-12-07
 * for 2026-Q4, 30 still open, 15 of them not due yet). Null when the period is over.
 */
export function periodNotOverNote(report: PeriodReport, asOf: string, locale = 'en'): string | null {
  return report.period.to > asOf ? createI18n(locale, 'UTC').t('report.periodNotOver', { asOf }) : null;
}

function reasonLabel(i18n: I18n, reason: string): string {
  const key = `churn.reason.${reason}`;
  if (isMessageKey(key)) return i18n.t(key);
  return reason === 'not_recorded' ? i18n.t('report.churnReason.not_recorded') : reason;
}

const churnReasonKeys: ReadonlySet<string> = new Set<MessageKey>([
  'churn.reason.competitor',
  'churn.reason.value_not_realised',
  'churn.reason.budget',
  'churn.reason.out_of_business_or_ma',
  'churn.reason.product_gap',
  'churn.reason.other',
]);

function isMessageKey(key: string): key is MessageKey {
  return churnReasonKeys.has(key);
}

// ---- CSV -----------------------------------------------------------------------------------------

/** What a row covers: every company, one owner's companies, or the companies with no owner (owner_id empty in both of the latter two would read alike). */
function scopeOf(scope: ReportScope): 'all' | 'owner' | 'no_owner' {
  return scope.ownerId === null ? 'all' : scope.ownerId === '' ? 'no_owner' : 'owner';
}

const csvColumns: ReadonlyArray<readonly [string, (r: PeriodReport, asOf: string) => string | number | null]> = [
  ['from', (r) => r.period.from],
  ['to', (r) => r.period.to],
  ['currency', (r) => r.currency],
  ['customers_at_start', (r) => r.customers.atStart],
  ['customers_new', (r) => r.customers.new],
  ['customers_churned', (r) => r.customers.churned],
  ['customers_at_end', (r) => r.customers.atEnd],
  ['renewals_due', (r) => r.renewals.due],
  ['renewals_renewed', (r) => r.renewals.renewed],
  ['renewals_lost', (r) => r.renewals.lost],
  ['renewals_open', (r) => r.renewals.open],
  ['renewals_due_value', (r) => r.renewals.dueValue],
  ['renewals_renewed_value', (r) => r.renewals.renewedValue],
  ['renewal_rate', (r) => r.renewalRate],
  ['revenue_renewal_rate', (r) => r.revenueRenewalRate],
  ['logo_churn_rate', (r) => r.logoChurnRate],
  ['revenue_churn_rate', (r) => r.revenueChurnRate],
  ['gross_revenue_retention', (r) => r.grossRevenueRetention],
  ['net_revenue_retention', (r) => r.netRevenueRetention],
  ['arr_start', (r) => r.arr.start],
  ['arr_expansion', (r) => r.arr.expansion],
  ['arr_contraction', (r) => r.arr.contraction],
  ['arr_churned', (r) => r.arr.churned],
  ['arr_new', (r) => r.arr.new],
  ['arr_end', (r) => r.arr.end],
  ['ltv_average_arr', (r) => r.ltv.averageArr],
  ['ltv_annual_revenue_churn_rate', (r) => r.ltv.revenueChurnRate],
  ['ltv_expected_lifetime_years', (r) => r.ltv.expectedLifetimeYears],
  ['ltv_estimated', (r) => r.ltv.estimatedLtv],
  ['churn_reasons', (r) => r.churnReasons.map((c) => `${c.reason}:${c.companies}:${c.value}`).join(';')],
  ['arr_from_hs_arr', (r) => r.arrBasis.hs_arr],
  ['arr_annualised', (r) => r.arrBasis.annualised],
  ['arr_from_amount', (r) => r.arrBasis.amount],
  ['left_out', (r) => r.leftOut.map((l) => `${l.currency}:${l.companies}`).join(';')],
  ['arr_inferred_companies', (r) => r.arrInferred],
  // Appended, so the columns before keep their positions in existing spreadsheets.
  ['customers_under_contract_at_start', (r) => r.customers.underContractAtStart],
  // Renewals due because the contract ended in the period with no renewal on record (counted in renewals_due, not renewed),
  // and those of them with no amount on record (not in renewals_due_value).
  ['renewals_lapsed', (r) => r.renewals.lapsed ?? 0],
  ['renewals_lapsed_amount_unknown', (r) => r.renewals.lapsedAmountUnknown ?? 0],
  // The day the figures are as of (the JSON's asOf.day): a period that runs past it (the current quarter, by default) reads
  // "so far", its renewals due after that day counted due and still open, so a row dated to the quarter's end must carry
  // the day it was taken on (demo on 2026-12-07: 2026-Q4 read 9 renewed of 44 due, 30 open, 15 of them not due yet).
  ['as_of', (_r, asOf) => asOf],
];

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = value;
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header, then a row for all companies (scope all), then one per owner (scope owner, or no_owner for the
 * companies without one); each row carries the day its figures are as of (as_of, YYYY-MM-DD).
 */
export function reportCsv(scopes: readonly ReportScope[], asOf: string): string {
  const header = ['scope', 'owner_id', 'owner', ...csvColumns.map(([name]) => name)];
  const rows = scopes.map((scope) => [scopeOf(scope), scope.ownerId ?? '', scope.ownerName ?? '', ...csvColumns.map(([, get]) => get(scope.report, asOf))].map(csvCell).join(','));
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
