import { describe, expect, it } from 'vitest';
import { messages as en } from '../app/cards/i18n/catalog/en.ts';
import { messages as ja } from '../app/cards/i18n/catalog/ja.ts';
import { catalogs, loadEveryCatalog, type CatalogLocale } from '../app/cards/i18n/messages.ts';
import { displayWidth } from './display-width.ts';
import { portfolioReport } from './portfolio-report.ts';
import { periodNotOverNote, reportCsv, reportText } from './period-report-text.ts';
import { parseIsoDate } from '../domain/parsing/index.ts';
import { bookReports, type BookCompany } from '../domain/portfolio/portfolio-book.ts';
import { portfolioOverview } from '../domain/portfolio/portfolio-overview.ts';
import type { Period } from '../domain/portfolio/renewal-period.ts';
import type { PortfolioPage } from '../usecases/portfolio-book.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The npm start summary on a portal where sync never wrote health: it says so first, instead of
// "every customer Unknown, no renewals at risk" with nothing to tell why.

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const asOf = day('2026-11-23');
const quarter: Period = { start: day('2026-10-01'), end: asOf };

function customer(id: string, healthWritten: boolean): BookCompany {
  return {
    id, name: `Company ${id}`, ownerId: null, band: healthWritten ? 'healthy' : 'unknown', score: healthWritten ? 90 : null, healthWritten,
    renewalDate: null, renewalAmount: null, renewalLapsed: false, currency: 'USD', customer: true, arr: 10_000, arrInferred: false, arrUnknown: false, churnedOn: null, churnReason: null, churnedArr: 0, churnedArrInferred: false, rows: [],
  };
}

function page(book: readonly BookCompany[]): PortfolioPage {
  const [report] = bookReports([], [quarter], 'USD');
  if (report === undefined) throw new Error('bookReports gave no report');
  return {
    asOf: '2026-11-23', currency: 'USD', ownerId: null, owners: [],
    overview: portfolioOverview(book, { asOf, churnPeriod: quarter, reporting: 'USD' }),
    renewalsAtRiskCount: 0, churnedCount: 0,
    kpis: { current: { label: '2026-Q4', report }, lastQuarter: { label: '2026-Q3', report } },
  };
}

describe('the portfolio summary of npm start', () => {
  it('says health was never written to the portal, in the reader\'s language', () => {
    const text = portfolioReport(page([customer('1', false), customer('2', false)]));
    expect(text).toContain(en['summary.neverSynced']);
    expect(portfolioReport(page([customer('1', false)]), 'ja')).toContain(ja['summary.neverSynced']);
  });

  it('says nothing of the kind once sync wrote health', () => {
    expect(portfolioReport(page([customer('1', false), customer('2', true)]))).not.toContain(en['summary.neverSynced']);
  });
});

describe('cs-card report for a period that is not over', () => {
  // The demo portfolio on 2026-12-07, `report --period 2026-Q4`: 9 renewed of 44 due, 30 still open, 15 of them due
  // between Dec 8 and Dec 31: the 20.5% renewal rate is the quarter's so far, with renewals not yet due counted in.
  it('says its figures are the as-of day\'s and the renewals due later count as due and still open; nothing once it is over', () => {
    const [report] = bookReports([], [{ start: day('2026-10-01'), end: day('2026-12-31') }], 'USD');
    if (report === undefined) throw new Error('bookReports gave no report');
    expect(periodNotOverNote(report, '2026-12-07')).toBe('The period is not over: these figures are as of Dec 7, 2026, and renewals due after that day count as due and still open');
    expect(periodNotOverNote(report, '2026-12-07', 'ja')).toContain('数値は 2026/12/07 時点のもので');
    expect(periodNotOverNote(report, '2026-12-31')).toBeNull();
    expect(periodNotOverNote(report, '2027-01-15')).toBeNull();
  });
});

describe('a contract that lapsed (ended with no renewal deal on record)', () => {
  // Like Quarry Dental in the demo portfolio: its contract ended 2026-06-01 (175 days before 2026-11-23), no renewal
  // deal, needs attention: it was listed as "2026-06-01  175 days ago", an overdue renewal that does not exist.
  const lapsed: BookCompany = { ...customer('1', true), name: 'Quarry Dental', band: 'attention', score: 56, renewalDate: '2026-06-01', renewalAmount: 169_300, renewalLapsed: true, arr: 169_300 };
  const overdue: BookCompany = { ...customer('2', true), name: 'Delta Software', band: 'attention', score: 71, renewalDate: '2026-11-12', renewalAmount: 150_200, arr: 150_200 };
  const text = (locale?: string) => portfolioReport({ ...page([lapsed, overdue, customer('3', true)]), renewalsAtRiskCount: 2 }, locale);

  it('is said in the When column instead of an overdue renewal, and an open overdue renewal reads "Overdue · 11 days ago", as on the card', () => {
    const rows = text().split('\n');
    expect(rows.find((row) => row.includes('Quarry Dental'))).toMatch(/2026-06-01 +contract ended 175 days ago, no renewal deal +56 needs attention +USD\u00a0169,300$/);
    expect(rows.find((row) => row.includes('Delta Software'))).toMatch(/2026-11-12 +Overdue · 11 days ago +71 needs attention/);
  });

  it('is counted under the headline with the ARR it keeps in force, in the reader\'s language', () => {
    expect(text()).toContain('  1 customer’s contract ended with no renewal deal on record (USD\u00a0169,300 of the ARR in force): still counted as a customer, at that ARR, until a renewal or the churn is recorded');
    expect(text('pl')).toContain('Umowa bez transakcji odnowienia wygasła u 1 klienta');
    expect(text('zh-CN')).toContain('合同已于 175 天前结束，无续约交易');
    expect(portfolioReport(page([overdue]))).not.toContain('no renewal deal');
  });
});

describe('the summary\'s quarter lines', () => {
  it('give the customer renewal rate\'s figures, every due renewal accounted for (renewed, lost, still open) with the parts that are 0 left out; the current quarter is named as counted so far', () => {
    const [report] = bookReports([], [quarter], 'USD');
    if (report === undefined) throw new Error('bookReports gave no report');
    const sofar = { ...report, renewals: { ...report.renewals, due: 16, renewed: 5, lost: 2, open: 9 }, renewalRate: 5 / 16 };
    const full = { ...report, renewals: { ...report.renewals, due: 4, renewed: 3, lost: 1, open: 0 }, renewalRate: 3 / 4 };
    const kpis = { current: { label: '2026-Q4', report: sofar }, lastQuarter: { label: '2026-Q3', report: full } };
    const lines = (locale?: string) => portfolioReport({ ...page([customer('1', true)]), kpis }, locale).split('\n').slice(-2);
    expect(lines()).toEqual([
      'Last quarter (2026-Q3): customer renewal rate 75% (3 of 4 due, 1 lost), revenue churn rate n/a, NRR n/a',
      // Up to the as-of day: `cs-card report --period 2026-Q4` counts the whole quarter (on the demo portfolio, 9 of 44 due
      // against 9 of 29 so far), so the bare label "2026-Q4" put two different rates under one name.
      'This quarter so far (2026-Q4): customer renewal rate 31.3% (5 of 16 due, 2 lost, 9 still open), revenue churn rate n/a, NRR n/a',
    ]);
    expect(lines('zh-CN')[1]).toMatch(/^本季度至今（2026-Q4）：客户续约率/);
    expect(lines('ja')[1]).toContain('（契約更新予定 16 件中 5 件が契約更新済み、2 件が失注、9 件未決定）');
    expect(lines('pl')[0]).toContain('(odnowiono 3 z 4 do odnowienia, utracone: 1)');
  });

  it('count the contracts that ended with no renewal on record, as cs-card report does, so renewed, lost, open and ended add up to due', () => {
    // The demo portfolio's 2026-Q1 on 2026-12-07 (`cs-card report --period 2026-Q1`): 18 renewed of 22 due, the other 4
    // contracts ended with no renewal deal. The line read "18 of 22 due" with nothing to say where the 4 went.
    const [report] = bookReports([], [quarter], 'USD');
    if (report === undefined) throw new Error('bookReports gave no report');
    const q1 = { ...report, renewals: { ...report.renewals, due: 22, renewed: 18, lost: 0, open: 0, lapsed: 4, lapsedAmountUnknown: 0 }, renewalRate: 18 / 22 };
    const sofar = { ...report, renewals: { ...report.renewals, due: 10, renewed: 5, lost: 1, open: 3, lapsed: 1, lapsedAmountUnknown: 1 }, renewalRate: 5 / 10 };
    const kpis = { current: { label: '2026-Q2', report: sofar }, lastQuarter: { label: '2026-Q1', report: q1 } };
    const lines = (locale?: string) => portfolioReport({ ...page([customer('1', true)]), kpis }, locale).split('\n').slice(-2);
    expect(lines()).toEqual([
      'Last quarter (2026-Q1): customer renewal rate 81.8% (18 of 22 due, 4 ended with no renewal on record), revenue churn rate n/a, NRR n/a',
      'This quarter so far (2026-Q2): customer renewal rate 50% (5 of 10 due, 1 lost, 3 still open, 1 ended with no renewal on record), revenue churn rate n/a, NRR n/a',
    ]);
    expect(lines('pl')[0]).toContain('(odnowiono 18 z 22 do odnowienia, umowy wygasłe bez odnowienia w systemie: 4)');
    expect(lines('ja')[1]).toContain('（契約更新予定 10 件中 5 件が契約更新済み、1 件が失注、3 件未決定、1 件が契約更新の記録がないまま終了）');
    expect(lines('zh-CN')[0]).toContain('（应续约 22 个，已续约 18 个，4 份合同已到期且无续约记录）');
    expect(lines('th')[0]).toContain('(ต่ออายุแล้ว 18 จาก 22 รายการที่ครบกำหนด สัญญาสิ้นสุดโดยไม่มีการต่ออายุสัญญาในระบบ 4 รายการ)');
    // A page from an earlier backend carries no lapsed count: nothing is said of it.
    const { lapsed: _lapsed, lapsedAmountUnknown: _unknown, ...earlier } = q1.renewals;
    const old = { ...kpis, lastQuarter: { label: '2026-Q1', report: { ...q1, renewals: { ...earlier, due: 18 }, renewalRate: 1 } } };
    expect(portfolioReport({ ...page([customer('1', true)]), kpis: old }).split('\n').at(-2)).toBe('Last quarter (2026-Q1): customer renewal rate 100% (18 of 18 due), revenue churn rate n/a, NRR n/a');
  });
});

describe('an ARR inferred from a renewal deal', () => {
  it('is said under the headline of the summary and in the readable report, in the reader\'s language', () => {
    const inferred = { ...customer('1', true), arrInferred: true };
    expect(portfolioReport(page([inferred, customer('2', true)]))).toContain('ARR inferred from a renewal deal (open, won or lost) for 1 company:');
    expect(portfolioReport(page([customer('2', true)]))).not.toContain('ARR inferred');
    const [report] = bookReports([], [quarter], 'USD');
    if (report === undefined) throw new Error('bookReports gave no report');
    expect(reportText({ ownerId: null, ownerName: null, report: { ...report, arrInferred: 2 } }, 'pl')).toContain('ARR 2 firm wywnioskowano z transakcji odnowienia (otwartej, wygranej lub utraconej)');
    const csv = reportCsv([{ ownerId: null, ownerName: null, report: { ...report, arrInferred: 2 } }], '2026-12-07').split('\r\n').map((line) => line.split(','));
    const column = csv[0]?.indexOf('arr_inferred_companies') ?? -1;
    expect(csv.map((cells) => cells[column])).toEqual(['arr_inferred_companies', '2', undefined]);
  });
});

describe('contracts that ended in the period with no renewal on record', () => {
  // The demo portfolio's 2026-Q1 on 2026-12-07: 18 renewed of 22 due, 4 contracts ended with no renewal deal (81.8%).
  const [empty] = bookReports([], [quarter], 'USD');
  if (empty === undefined) throw new Error('bookReports gave no report');
  const report = { ...empty, renewals: { ...empty.renewals, due: 22, renewed: 18, lapsed: 4, lapsedAmountUnknown: 1 }, renewalRate: 18 / 22 };
  const scope = { ownerId: null, ownerName: null, report };

  it('are a row of the renewals and a line under the report, in the reader\'s language, with those of unknown amount', () => {
    const text = reportText(scope);
    expect(text).toMatch(/Ended with no renewal on record +4\n/);
    expect(text).toContain('4 contracts ended in the period with no renewal on record: counted as due for renewal and not renewed, but not as churn');
    expect(text).toContain('1 of these contracts has no amount on record: left out of the amount due for renewal and of the revenue renewal rate, not guessed');
    expect(reportText(scope, 'pl')).toContain('4 umowy wygasły w tym okresie bez odnowienia w systemie');
    expect(reportText({ ...scope, report: { ...report, renewals: { ...report.renewals, lapsed: 5 } } }, 'pl')).toContain('5 umów wygasło w tym okresie');
    // None: the row says 0, and no line is added.
    expect(reportText({ ownerId: null, ownerName: null, report: empty })).not.toContain('ended in the period');
  });

  it('are two CSV columns after the existing ones', () => {
    const csv = reportCsv([scope], '2026-12-07').split('\r\n').map((line) => line.split(','));
    const at = csv[0]?.indexOf('renewals_lapsed') ?? -1;
    expect(csv[0]?.slice(at, at + 3)).toEqual(['renewals_lapsed', 'renewals_lapsed_amount_unknown', 'as_of']);
    expect(csv[1]?.slice(at, at + 2)).toEqual(['4', '1']);
  });
});

describe('the CSV of a period not over', () => {
  it('ends each row with the day its figures are as of, so a row dated to the quarter\'s end reads "so far"', () => {
    // Demo on 2026-12-07: 2026-Q4 read 9 renewed of 44 due, 30 still open (15 of them not due yet), with no day in the CSV.
    const [q4] = bookReports([], [quarter], 'USD');
    if (q4 === undefined) throw new Error('bookReports gave no report');
    const report = { ...q4, renewals: { ...q4.renewals, due: 44, renewed: 9, lost: 5, open: 30 }, renewalRate: 9 / 44 };
    const csv = reportCsv([{ ownerId: null, ownerName: null, report }, { ownerId: '7', ownerName: 'Ada', report }], '2026-12-07').split('\r\n').map((line) => line.split(','));
    const column = csv[0]?.indexOf('as_of') ?? -1;
    expect(column).toBeGreaterThan(csv[0]?.indexOf('renewals_lapsed_amount_unknown') ?? Number.POSITIVE_INFINITY);
    expect(csv.slice(1, 3).map((cells) => [cells[0], cells[4], cells[column]])).toEqual([['all', report.period.to, '2026-12-07'], ['owner', report.period.to, '2026-12-07']]);
  });
});

describe('the report\'s and the summary\'s columns line up in every script', () => {
  const [report] = bookReports([], [quarter], 'USD');
  if (report === undefined) throw new Error('bookReports gave no report');
  const reasons = { ...report, churnReasons: [{ reason: 'competitor', companies: 2, value: 3000 }, { reason: 'not_recorded', companies: 1, value: 100 }] };
  const atRisk = (id: string, name: string, renewalDate: string): BookCompany => ({ ...customer(id, true), name, band: 'at_risk', score: 30, renewalDate, renewalAmount: 12_000 });
  const book = [customer('1', true), atRisk('2', '北京科技有限公司', '2026-12-10'), atRisk('3', 'บริษัท ไทยเทค', '2027-01-05'), atRisk('4', 'Acme', '2027-01-20')];
  const summary = (locale: string) => portfolioReport({ ...page(book), renewalsAtRiskCount: 3 }, locale);

  /** The column each value of the report's table starts at: a label padded by its display width, then two spaces. */
  const valueColumns = (text: string) => text.split('\n').filter((line) => /^ {4}\S/.test(line)).map((line) => {
    const gap = / {2,}(?=\S)/g;
    gap.lastIndex = 4;
    const match = gap.exec(line);
    return match === null ? -1 : displayWidth(line.slice(0, match.index + match[0].length));
  });

  it.each(['ja', 'zh-CN', 'th'])('%s: every value of cs-card report starts at one column, every table line of the summary ends at one', (locale) => {
    const columns = valueColumns(reportText({ ownerId: null, ownerName: null, report: reasons }, locale));
    expect(columns.length).toBeGreaterThan(25);
    expect(new Set(columns).size, columns.join(',')).toBe(1);
    const lines = summary(locale).split('\n');
    // The band table: its last column is right-aligned, so every line of it ends at one column.
    const bandHeader = lines.findIndex((line) => line.startsWith(`  ${catalogs[locale as CatalogLocale]['portfolio.column.band']}`));
    expect(new Set(lines.slice(bandHeader, bandHeader + 6).map(displayWidth)).size).toBe(1);
    // The renewals at risk: each renewal day starts at the column of its heading, whatever the company's script.
    const heading = catalogs[locale as CatalogLocale]['portfolio.column.renews'];
    const header = lines.find((line) => line.includes(heading)) ?? '';
    const rows = lines.filter((line) => /\d{4}-\d{2}-\d{2}/.test(line));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(displayWidth(row.slice(0, row.search(/\d{4}-\d{2}-\d{2}/))), row).toBe(displayWidth(header.slice(0, header.indexOf(heading))));
  });

  it('writes a renewal\'s band as its language does, and joins figures with its own separator', () => {
    // The band beside its score in a running cell: lower case in English and Polish by the catalog, never by toLowerCase.
    const atRiskCell = (locale: string) => summary(locale).split('\n').find((line) => line.includes('Acme'))?.replace(/^ +Acme +\S+ +/, '') ?? '';
    expect(atRiskCell('en')).toMatch(/ 30 at risk /);
    expect(atRiskCell('pl')).toMatch(/ 30 ryzyko odejścia /);
    expect(atRiskCell('ja')).toMatch(/ 30 リスクあり /);
    expect(atRiskCell('zh-CN')).toMatch(/ 30 有风险 /);
    expect(atRiskCell('th')).toMatch(/ 30 มีความเสี่ยง /);
    // A churn reason's count and value: '・' in Japanese, ' · ' where the language uses it.
    const reasonLine = (locale: CatalogLocale) => reportText({ ownerId: null, ownerName: null, report: reasons }, locale).split('\n').find((line) => line.includes(catalogs[locale]['churn.reason.competitor'])) ?? '';
    expect(reasonLine('ja')).toMatch(/ 2・\$3,000$/);
    expect(reasonLine('zh-CN')).toMatch(/ 2 · US\$3,000$/);
    expect(reportText({ ownerId: null, ownerName: null, report: reasons }, 'ja').split('\n')[0]).toMatch(/^.+・.+USD/);
  });

  it('leaves English as it was, byte for byte', () => {
    const text = reportText({ ownerId: null, ownerName: null, report: reasons }, 'en').split('\n');
    expect(text.slice(2, 6)).toEqual(['  Customers', '    Customers at the start                           0', '    Under contract at the start (churn rates’ base)  0', '    New customers                                    0']);
    expect(text.filter((line) => line.startsWith('    Moved') || line.startsWith('    No reason') || line.startsWith('    Estimated'))).toEqual([
      '    Estimated lifetime value (LTV)                   n/a',
      '    Moved to a competitor                            2 · $3,000',
      '    No reason recorded                               1 · $100',
    ]);
    // Intl writes a no-break space between a currency code and its amount.
    const lines = portfolioReport({ ...page([customer('1', true), atRisk('4', 'Acme', '2027-01-20'), atRisk('5', 'Northwind Traders', '2026-12-10')]), renewalsAtRiskCount: 2 }).split('\n');
    expect(lines.slice(2, 8)).toEqual([
      '  Health           Customers     ARR USD',
      '  At risk                  2  USD\u00a020,000',
      '  Needs attention          0       USD\u00a00',
      '  Healthy                  1  USD\u00a010,000',
      '  Unknown                  0       USD\u00a00',
      '  Churned                  0           —',
    ]);
    expect(lines.slice(10, 13)).toEqual([
      '  Company            Renews      When        Health      Renewal amount',
      '  Northwind Traders  2026-12-10  in 17 days  30 at risk      USD\u00a012,000',
      '  Acme               2027-01-20  in 58 days  30 at risk      USD\u00a012,000',
    ]);
  });
});

describe('what the summary does not know, it says (never a 0)', () => {
  // The demo portfolio's five customers with no contract deal read "Unknown  5  USD 0": worth nothing, by the look of it.
  const noContract = (id: string): BookCompany => ({ ...customer(id, false), currency: null, arr: 0, arrUnknown: true });
  const renewing = (id: string, name: string, values: Partial<BookCompany>): BookCompany => ({ ...customer(id, true), name, band: 'at_risk', score: 30, renewalDate: '2026-12-20', ...values });
  // 7 customers: 4 without a known ARR (2 unscored, 1 healthy, Initech at risk); at risk, Acme renews at 12,000, Globex has no
  // renewal amount (its ARR of 9,000 counts instead), Initech has neither.
  const book: BookCompany[] = [
    customer('1', true), noContract('2'), noContract('3'), { ...noContract('4'), band: 'healthy', healthWritten: true },
    renewing('5', 'Acme', { renewalAmount: 12_000 }),
    renewing('6', 'Globex', { renewalAmount: null, arr: 9_000 }),
    renewing('7', 'Initech', { currency: null, arr: 0, arrUnknown: true }),
  ];
  const text = (locale?: string) => portfolioReport({ ...page(book), renewalsAtRiskCount: 3 }, locale);

  it('shows a band without a known ARR as —, and each band\'s customers without one in a column of their own, said under the headline', () => {
    const lines = text().split('\n');
    expect(lines[1]).toBe('  4 customers have no known ARR (no contract deal on record says what it is): the ARR figures leave them out rather than count them as 0');
    expect(lines.slice(3, 9)).toEqual([
      '  Health           Customers     ARR USD  No known ARR',
      '  At risk                  3  USD\u00a019,000             1',
      '  Needs attention          0       USD\u00a00             0',
      '  Healthy                  2  USD\u00a010,000             1',
      '  Unknown                  2           —             2',
      '  Churned                  0           —             —',
    ]);
  });

  it('adds up the renewal amounts as what is up for renewal, marks an ARR counted instead, and counts what has neither', () => {
    const lines = text().split('\n');
    const at = lines.findIndex((line) => line.startsWith('Renewals in the next 90 days'));
    expect(lines.slice(at, at + 3)).toEqual([
      'Renewals in the next 90 days (or overdue) that are not healthy: 3, USD\u00a021,000 up for renewal',
      '  1 of them has no renewal amount on record: the ARR in force counts instead, marked “(ARR)”',
      '  1 of them has neither a renewal amount nor a known ARR: left out of that amount',
    ]);
    expect(lines.find((line) => line.includes('Globex'))).toMatch(/ USD\u00a09,000 \(ARR\)$/);
    expect(lines.find((line) => line.includes('Initech'))).toMatch(/ —$/);
    expect(text('pl')).toContain('4 klientów nie ma znanego ARR');
    expect(text('zh-CN')).toContain('其中 1 个没有续约金额记录');
    expect(text('ja')).toContain('契約更新金額 USD\u00a021,000');
    expect(text('th')).toContain('ไม่ทราบ ARR ของลูกค้า 4 ราย');
  });

  it('writes a total with nothing known behind it as —, not 0', () => {
    const unknownOnly = portfolioReport({ ...page([noContract('2'), renewing('7', 'Initech', { currency: null, arr: 0, arrUnknown: true })]), renewalsAtRiskCount: 1 }).split('\n');
    expect(unknownOnly[0]).toBe('Portfolio as of Nov 23, 2026: 2 customers, ARR in force —');
    expect(unknownOnly.find((line) => line.startsWith('Renewals in the next'))).toBe('Renewals in the next 90 days (or overdue) that are not healthy: 1, — up for renewal');
  });

  it('says none of it when everything is known', () => {
    const known = portfolioReport({ ...page([customer('1', true), renewing('5', 'Acme', { renewalAmount: 12_000 })]), renewalsAtRiskCount: 1 });
    expect(known).not.toMatch(/No known ARR|no known ARR|\(ARR\)|neither/);
  });
});
