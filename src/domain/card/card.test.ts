import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { buildCardView } from './card.ts';
import { cardViewSchema } from '../../app/cards/contract/view-model.ts';
import { at, atRiskCompany, healthyCompany, snapshot } from '../testing/fixtures.ts';

describe('buildCardView', () => {
  it('produces a view the view-model schema accepts, stamped with the as-of date', () => {
    const view = buildCardView(healthyCompany({ id: '4242' }), defaultConfig, at);
    expect(cardViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ companyId: '4242', asOf: at.asOf, generatedAt: at.generatedAt, warnings: [] });
  });

  it('turns each failed source into a readable warning and an excluded factor', () => {
    const view = buildCardView(
      atRiskCompany({
        issues: [
          { source: 'feedback', kind: 'forbidden', detail: 'the app lacks the crm.objects.feedback_submissions.read scope' },
          { source: 'tickets', kind: 'unavailable', detail: 'HubSpot answered 503 three times' },
          { source: 'contacts', kind: 'malformed', detail: '2 records skipped' },
        ],
      }),
      defaultConfig,
      at,
    );
    expect(view.warnings).toEqual([
      'NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope',
      'Support tickets unavailable: HubSpot answered 503 three times',
      'Contacts (engagement, NPS) incomplete: 2 records skipped',
    ]);
    const status = Object.fromEntries(view.health.factors.map((f) => [f.key, f.status]));
    expect(status).toMatchObject({ nps: 'error', support: 'error', engagement: 'ok' });
    expect(view.health.coverage).toBe(0.6);
    // The NPS facts are still shown: the card says they are unreliable through the warning.
    expect(view.nps.responses).toBe(1);
  });

  it('shows an empty company with no data rather than failing', () => {
    const view = buildCardView(snapshot({ id: '7' }), defaultConfig, at);
    expect(view).toMatchObject({
      health: { score: null, band: 'unknown' },
      renewal: { date: null, window: null, source: null },
      nps: { score: null, responses: 0, latest: null, lowSample: true },
      support: { openTickets: 0, openHighPriority: 0, oldestOpenDays: null },
      handoff: { status: 'not_started', completeness: 0 },
    });
  });

  it('rejects an as-of date that is not YYYY-MM-DD', () => {
    expect(() => buildCardView(snapshot(), defaultConfig, { asOf: '23/11/2026', generatedAt: at.generatedAt })).toThrow(/asOf must be a YYYY-MM-DD date/);
  });
});
