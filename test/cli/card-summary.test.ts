import { describe, expect, it } from 'vitest';
import { cardSummary } from '../../src/cli/card-summary.ts';
import { cardViewFixture } from '../app/card-fixtures.ts';

// The terminal form of a card: one labelled line per section, in the card's order.

function line(summary: string, label: string): string | undefined {
  return summary.split('\n').find((candidate) => candidate.startsWith(label));
}

describe('cardSummary', () => {
  it('prints health, renewal, NPS, support, actions and handoff in the card\'s order', () => {
    const summary = cardSummary(cardViewFixture());

    expect(summary.split('\n').flatMap((text) => /^\S+/.exec(text)?.[0] ?? [])).toEqual([
      'Company',
      'Health',
      'Renewal',
      'NPS',
      'Support',
      'Actions',
      'Handoff',
    ]);
    expect(line(summary, 'Health')).toBe('Health      82/100, healthy, +4 in 30 days (90% of the weight had data)');
    expect(line(summary, 'Renewal')).toBe('Renewal     2026-05-01, in 47 days (within 60 days), 48,000 EUR, deal 501');
    expect(line(summary, 'NPS')).toBe('NPS         +70 (8 answers: 6 promoters, 2 passives, 0 detractors, last 180 days)');
    expect(line(summary, 'Support')).toBe('Support     1 open ticket, 0 high priority, oldest 3 days');
    expect(summary).toContain('  - [low] Ask for a reference (due in 14 days, task open; id promoter_reference): Contact answered 9 on NPS.');
  });

  it('says one day, today and overdue in words', () => {
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.renewal = { ...view.renewal, date: '2026-03-10', daysToRenewal: -5, window: 'overdue' };
        view.support = { openTickets: 2, openHighPriority: 1, oldestOpenDays: 1 };
        view.actions = [
          { id: 'renewal-call', title: 'Call about the renewal', reason: 'Renewal overdue.', priority: 'high', dueInDays: 0, alreadyTasked: false },
          { id: 'qbr-schedule', title: 'Schedule a QBR', reason: 'No QBR in 90 days.', priority: 'low', dueInDays: 1, alreadyTasked: false },
        ];
      }),
    );

    expect(line(summary, 'Renewal')).toMatch(/^Renewal {5}2026-03-10, 5 days overdue \(overdue\)/);
    expect(line(summary, 'Support')).toBe('Support     2 open tickets, 1 high priority, oldest 1 day');
    expect(summary).toContain('(due today; id renewal-call)');
    expect(summary).toContain('(due in 1 day; id qbr-schedule)');
  });

  it('says what is missing instead of printing blanks, and lists warnings last', () => {
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.health = { ...view.health, score: null, band: 'unknown', trend30d: null, coverage: 0.3 };
        view.renewal = { date: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, stage: null, source: null, status: 'none', lastOutcome: null, staleDeals: [] };
        view.nps = { ...view.nps, score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, lowSample: true, latest: null };
        view.actions = [];
        view.warnings = ['NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope'];
      }),
    );

    expect(line(summary, 'Health')).toBe('Health      no score, unknown (too little data) (30% of the weight had data)');
    expect(line(summary, 'Renewal')).toBe('Renewal     none found');
    expect(line(summary, 'NPS')).toBe('NPS         no answers in the last 180 days');
    expect(line(summary, 'Actions')).toBe('Actions     none suggested');
    expect(summary.split('\n').slice(-2)).toEqual(['Warnings', '  ! NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope']);
  });
});
