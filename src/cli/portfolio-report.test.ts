import { describe, expect, it } from 'vitest';
import { messages as en } from '../app/cards/i18n/catalog/en.ts';
import { messages as ja } from '../app/cards/i18n/catalog/ja.ts';
import { portfolioReport } from './portfolio-report.ts';
import { reportCsv, reportText } from './period-report-text.ts';
import { parseIsoDate } from '../domain/parsing/index.ts';
import { bookReports, portfolioOverview, type BookCompany } from '../domain/portfolio/portfolio-book.ts';
import type { Period } from '../domain/portfolio/renewal-period.ts';
import type { PortfolioPage } from '../usecases/portfolio-book.ts';

// The npm start summary on a portal where sync never wrote health: it says so first, instead of
// "every customer Unknown, no renewals at risk" with nothing to tell why.

const day = (iso: string) => parseIsoDate(iso) ?? Number.NaN;
const asOf = day('2026-11-23');
const quarter: Period = { start: day('2026-10-01'), end: asOf };

function customer(id: string, healthWritten: boolean): BookCompany {
  return {
    id, name: `Company ${id}`, ownerId: null, band: healthWritten ? 'healthy' : 'unknown', score: healthWritten ? 90 : null, healthWritten,
    renewalDate: null, renewalAmount: null, currency: 'USD', arr: 10_000, arrInferred: false, churnedOn: null, churnReason: null, churnedArr: 0, rows: [],
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

describe('an ARR inferred from an open renewal deal', () => {
  it('is said under the headline of the summary and in the readable report, in the reader\'s language', () => {
    const inferred = { ...customer('1', true), arrInferred: true };
    expect(portfolioReport(page([inferred, customer('2', true)]))).toContain('ARR inferred from an open renewal deal for 1 company:');
    expect(portfolioReport(page([customer('2', true)]))).not.toContain('ARR inferred');
    const [report] = bookReports([], [quarter], 'USD');
    if (report === undefined) throw new Error('bookReports gave no report');
    expect(reportText({ ownerId: null, ownerName: null, report: { ...report, arrInferred: 2 } }, 'pl')).toContain('ARR 2 firm wywnioskowano z otwartej transakcji odnowienia');
    expect(reportCsv([{ ownerId: null, ownerName: null, report: { ...report, arrInferred: 2 } }]).split('\r\n').map((line) => line.split(',').at(-1))).toEqual(['arr_inferred_companies', '2', '']);
  });
});
