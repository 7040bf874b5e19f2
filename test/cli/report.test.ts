import { describe, expect, it } from 'vitest';
import { listeningPortal } from '../sandbox/listening-portal.ts';
import { closeDayOf, csCardAt, dayOf, recompute, rounded } from './report-recompute.ts';

// `cs-card report` as a user runs it, against the demo portfolio on loopback, checked against
// figures recomputed from the sandbox's raw deals (report-recompute.ts) — straight from the
// definitions (DOMAIN.md "Metrics", DESIGN.md "Renewal"), without the product's domain code.
// --as-of before the sandbox's day: report-as-of.test.ts.

const asOf = '2026-11-23';

const portal = listeningPortal({ asOf });

const csCard = (args: string[]) => csCardAt(portal.url, args);


describe('cs-card report on the demo portfolio', () => {
  for (const [quarter, from, to] of [
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
  ] as const) {
    it(`--period ${quarter} --json matches the figures recomputed from the raw deals`, async () => {
      const { code, stdout, stderr } = await csCard(['report', '--period', quarter, '--json', '--as-of', asOf]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const { arrBasis, asOf: notes, ...report } = JSON.parse(stdout) as Record<string, unknown>;
      const expected = recompute(portal.sandbox, from, to, asOf);
      // Both sides add the same numbers in other orders: equal to 12 significant digits.
      expect(rounded(report)).toEqual(rounded(expected));
      // Every demo deal has a plain amount: no hs_arr, no contract term.
      expect(arrBasis).toMatchObject({ hs_arr: 0, annualised: 0 });
      // The portfolio is not trivial: there is something to get wrong.
      expect(expected.customers.atStart).toBeGreaterThan(150);
      // Contracts ended in Q1 with no renewal deal on record (the cards' "contract lapsed"): due, not renewed.
      if (quarter === '2026-Q1') expect(expected.renewals.lapsed).toBeGreaterThan(0);
      // EUR and GBP deals carry HubSpot's amount_in_home_currency: converted, none left out.
      expect(expected.leftOut).toEqual([]);
      expect(portal.sandbox.store.list('deals').some((deal) => deal.properties.deal_currency_code !== 'USD' && deal.properties.amount_in_home_currency)).toBe(true);
      // As of the sandbox's own day (read later: the test runs after it) no deal was created later; the renewals
      // signed early with a close date after the day count as open then, as on the card (outside these quarters).
      const customers = portal.sandbox.store.list('companies').filter((c) => c.properties.lifecyclestage === 'customer');
      const signedEarly = [...new Set(customers.flatMap((c) => portal.sandbox.store.associations('companies', c.id, 'deals')))].filter((id) => {
        const p = portal.sandbox.store.get('deals', id)?.properties ?? {};
        return p.hs_is_closed === 'true' && typeof p.closedate === 'string' && closeDayOf(p.closedate) > dayOf(asOf);
      });
      expect(notes).toMatchObject({ day: asOf, leftOut: { created: { deals: 0 }, closed: { deals: signedEarly.length } } });
    });
  }

  it('prints the JSON shape of the portfolio issue, with fractions for the rates', async () => {
    const { stdout } = await csCard(['report', '--period', '2026-Q4', '--json', '--as-of', asOf]);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ['period', 'currency', 'customers', 'renewals', 'renewalRate', 'revenueRenewalRate', 'logoChurnRate', 'revenueChurnRate', 'grossRevenueRetention', 'netRevenueRetention', 'arr', 'churnReasons', 'ltv']) {
      expect(report).toHaveProperty(key);
    }
    expect(Object.keys(report.customers as object)).toEqual(['atStart', 'atEnd', 'new', 'churned', 'underContractAtStart']);
    // The customer churn rate recomputes from the figures beside it: its base is the customers under contract at the
    // start, fewer than the customers at the start (the demo has customers with no contract deal on record).
    const customers = report.customers as { atStart: number; churned: number; underContractAtStart: number };
    expect(customers.underContractAtStart).toBeLessThan(customers.atStart);
    expect(report.logoChurnRate).toBeCloseTo(customers.churned / customers.underContractAtStart, 12);
    // The contracts that ended with no renewal on record (due, not renewed) were added later: after the fields before them.
    expect(Object.keys(report.renewals as object)).toEqual(['due', 'renewed', 'lost', 'open', 'dueValue', 'renewedValue', 'lapsed', 'lapsedAmountUnknown']);
    expect(Object.keys(report.ltv as object)).toEqual(['averageArr', 'revenueChurnRate', 'expectedLifetimeYears', 'estimatedLtv']);
  });

  it('prints a readable table and CSV split by owner', async () => {
    // Five independent processes, run side by side: the test waits for the slowest only.
    const [text, inEuro, csv, wholeCsv, help] = await Promise.all([
      csCard(['report', '--period', '2026-Q4', '--as-of', asOf]),
      csCard(['report', '--period', '2026-Q4', '--currency', 'EUR', '--as-of', asOf]),
      csCard(['report', '--period', '2026-Q4', '--csv', '--by', 'owner', '--as-of', asOf]),
      csCard(['report', '--period', '2026-Q4', '--csv', '--as-of', asOf]),
      csCard(['report', '--help']),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Customer renewal rate');
    expect(text.stdout).toContain('Net revenue retention (NRR)');
    expect(text.stdout).toMatch(/Under contract at the start \(churn rates’ base\) +\d+/);
    // Reported in EUR, the USD and GBP companies' amounts cannot be converted (HubSpot converts only into the home currency, USD).
    expect(inEuro.stdout).toMatch(/companies with amounts in GBP/);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^scope,owner_id,owner,from,to,currency,customers_at_start/);
    // Columns added later go at the end: the existing ones keep their positions.
    expect(lines[0]).toMatch(/,arr_inferred_companies,customers_under_contract_at_start,renewals_lapsed,renewals_lapsed_amount_unknown,as_of$/);
    // Q4 is not over on the day of the read: each row says the day, and the note is beside the CSV, as under the readable table.
    expect(lines.slice(1).every((line) => line.endsWith(`,${asOf}`))).toBe(true);
    expect(csv.stderr).toContain('The period is not over: these figures are as of');
    expect(lines.length).toBeGreaterThan(3);
    // What a row is, as --help says it: all companies first, then one per owner; the companies
    // without an owner have their own scope, so their row never reads as the whole portfolio's.
    expect(lines[1]).toMatch(/^all,,,2026-10-01,2026-12-31,/);
    expect(lines.slice(2).every((line) => /^(owner,\d+,|no_owner,,,)/.test(line))).toBe(true);
    // Amounts to the cent: no float noise (29700.000000000004) in a spreadsheet.
    const header = (lines[0] ?? '').split(',');
    const moneyColumns = header.flatMap((name, index) => (/_value$|^arr_(start|expansion|contraction|churned|new|end)$|^ltv_(average_arr|estimated)$/.test(name) ? [index] : []));
    expect(moneyColumns).toHaveLength(10);
    for (const line of lines.slice(1)) for (const index of moneyColumns) expect(line.split(',')[index]).toMatch(/^(-?\d+(\.\d{1,2})?)?$/);
    const whole = wholeCsv.stdout.trim().split('\r\n');
    expect(whole).toHaveLength(2);
    expect(whole[1]).toBe(lines[1]);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('print the figures as CSV: a row for all companies, then (with --by owner) a row for each owner; the scope column says which (all, owner, no_owner)');
  });

  it.each([
    [['--period', '2026-Q5'], /--period "2026-Q5" is not a period/],
    [['--from', '2026-01-01'], /--from and --to go together/],
    [['--from', '2026-03-01', '--to', '2026-02-01'], /before --from/],
    [['--json', '--csv'], /cannot be combined/],
    [['--by', 'region'], /--by "region"/],
    [['--currency', 'usd'], /--currency "usd"/],
  ])('refuses %j with exit 2 and one sentence', async (args, message) => {
    const { code, stderr } = await csCard(['report', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
