import { describe, expect, it } from 'vitest';
import { listeningPortal } from '../sandbox/listening-portal.ts';
import { closeDayOf, csCardAt, dayOf, recompute, rounded } from './report-recompute.ts';

// `cs-card report --as-of` a day before the sandbox's own (2026-11-23): the book is taken back to
// that day by the card's as-of rule (card/later-data.ts) — deals created after it left out, deals
// closed after it counted as open — and the report says so, and says which values it could not
// take back. Checked against the figures recomputed from the raw deals as they stood on that day.

const asOf = '2026-11-23';

const portal = listeningPortal({ asOf });

const csCard = (args: string[]) => csCardAt(portal.url, args);

describe('cs-card report --as-of a past day', () => {
  it('--as-of before a deal closed counts it as open then, and says what it left out and what it could not', async () => {
    // A renewal the sandbox shows won in November, after 2026-11-01: as of that day it was still open.
    const before = '2026-11-01';
    const wonInNovember = portal.sandbox.store.list('deals').filter((deal) => {
      const { closedate, dealstage, dealtype } = deal.properties;
      if (typeof closedate !== 'string' || dealstage !== 'closedwon' || dealtype !== 'existingbusiness') return false;
      const day = closeDayOf(closedate);
      return day > dayOf(before) && day <= dayOf(asOf);
    });
    expect(wonInNovember.length).toBeGreaterThan(0);
    // Independent processes, run side by side: the test waits for the slowest only.
    const [json, text, csv] = await Promise.all([
      csCard(['report', '--period', '2026-Q4', '--json', '--as-of', before]),
      csCard(['report', '--period', '2026-Q4', '--as-of', before, '--locale', 'pl']),
      csCard(['report', '--period', '2026-Q4', '--csv', '--as-of', before]),
    ]);
    const { code, stdout, stderr } = json;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { arrBasis: _basis, asOf: notes, ...report } = JSON.parse(stdout) as Record<string, unknown>;
    expect(rounded(report)).toEqual(rounded(recompute(portal.sandbox, '2026-10-01', '2026-12-31', before)));
    // The same quarter as of the sandbox's day counts those renewals as renewed.
    const later = recompute(portal.sandbox, '2026-10-01', '2026-12-31', asOf);
    expect((report as { renewals: { renewed: number } }).renewals.renewed).toBeLessThan(later.renewals.renewed);
    expect(notes).toMatchObject({ day: before, leftOut: { closed: { deals: expect.any(Number) as number } } });
    const said = notes as { leftOut: { closed: { deals: number } }; notes: Array<{ code: string; text: string }> };
    expect(said.leftOut.closed.deals).toBeGreaterThanOrEqual(wonInNovember.length);
    expect(said.notes.map((note) => note.code)).toEqual(expect.arrayContaining(['report.asOf.leftOut', 'warning.asOf.closed', 'report.asOf.currentValues']));
    // The readable report says it too, in the user's language.
    expect(text.stdout).toContain('Pominięto dane z datą późniejszą niż');
    expect(text.stdout).toContain('Tych danych nie odtworzono na dzień');
    // Beside the CSV (data only), on stderr.
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^scope,owner_id,owner,from,to,/);
    expect(csv.stderr).toContain('Data dated after');
    expect(csv.stderr).toContain('today’s values are used');
  });
});
