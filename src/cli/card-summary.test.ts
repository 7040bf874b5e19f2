import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/cards/i18n/format.ts';
import { catalogs, loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { cardSummary } from './card-summary.ts';
import { displayWidth } from './display-width.ts';
import { leftOutMessages, leftOutWarnings } from '../domain/card/left-out-messages.ts';
import { cardViewFixture } from '../../test/app/card-fixtures.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The terminal form of a card: one labelled line per section, in the card's order, in the
// card's own words (the message catalog), so the terminal and the card never disagree.

function line(summary: string, label: string): string | undefined {
  return summary.split('\n').find((candidate) => candidate.startsWith(label));
}

describe('cardSummary', () => {
  it('names the company, then prints the lifecycle stage, health, renewal, NPS, support, actions and handoff in the card\'s order', () => {
    const summary = cardSummary(cardViewFixture(), { name: 'Northwind Traders' });

    expect(summary.split('\n')[0]).toMatch(/^Northwind Traders \(company \d+\) as of [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(summary.split('\n').flatMap((text) => /^\S+(?: \S+)?/.exec(text)?.[0] ?? []).slice(1)).toEqual(['Lifecycle', 'Health', 'Renewal', 'NPS', 'Support', 'Suggested actions', 'Sales handoff']);
    expect(line(summary, 'Health')).toMatch(/^Health +82 \/ 100 · Healthy · Up 4 points in 30 days · Data coverage: 90% of the score’s weight had data$/);
    expect(line(summary, 'Renewal')).toMatch(/^Renewal +May 1, 2026 \(in 47 days\) · Within 60 days · €48,000(\.00)? · deal 501$/);
    expect(line(summary, 'NPS')).toMatch(/^NPS +\+70 · 8 responses · Promoters 6 · Passives 2 · Detractors 0 · /);
    expect(line(summary, 'Support')).toMatch(/^Support +Open tickets 1 · High priority or urgent 0 · Oldest open ticket 3 days$/);
    expect(summary).toMatch(/ {2}- \[Low priority\] .+ \(due in 14 days, task open; promoter_reference\): /);
  });

  it('never contradicts itself: an overdue renewal says so once, the support line counts urgent with high priority as the factor does', () => {
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.renewal = { ...view.renewal, date: '2026-03-10', daysToRenewal: -5, window: 'overdue' };
        view.support = { openTickets: 5, openHighPriority: 4, oldestOpenDays: 1 };
        view.actions = [
          { id: 'renewal-call', title: 'Call about the renewal', reason: 'Renewal overdue.', priority: 'high', dueInDays: 0, alreadyTasked: false },
          { id: 'qbr-schedule', title: 'Schedule a QBR', reason: 'No QBR in 90 days.', priority: 'low', dueInDays: 1, alreadyTasked: false },
        ];
      }),
    );

    const renewal = line(summary, 'Renewal') ?? '';
    expect(renewal).toMatch(/^Renewal +Mar 10, 2026 \(5 days ago\) · Overdue · /);
    expect(renewal.match(/overdue/gi)).toHaveLength(1);
    expect(line(summary, 'Support')).toBe(`${'Support'.padEnd(20)}Open tickets 5 · High priority or urgent 4 · Oldest open ticket 1 day`);
    expect(summary).not.toMatch(/\d+ high priority/);
    expect(summary).toContain('(due today; renewal-call)');
    expect(summary).toContain('(due tomorrow; qbr-schedule)');
  });

  it('calls a renewal date worked out from the contract an estimate, not the won deal plus a term it does not equal', () => {
    // Renewal won Nov 18, 2026, two days before the contract's end (Nov 20): the contract runs on to Nov 20, 2027.
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.asOf = '2026-12-07';
        view.renewal = { ...view.renewal, date: '2027-11-20', daysToRenewal: 348, window: 'later', dealId: null, stage: null, source: 'contract_term', status: 'renewed', lastOutcome: { result: 'won', date: '2026-11-18', dealId: '28' }, staleDeals: [] };
      }),
    );
    expect(line(summary, 'Renewal')).toMatch(/^Renewal +Nov 20, 2027 \(in 348 days\) · More than 90 days away · .+ · Estimated from the contract’s end date and term · Renewal won on Nov 18, 2026$/);
  });

  it('says what is missing instead of printing blanks, and lists warnings last', () => {
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.health = { ...view.health, score: null, band: 'unknown', trend30d: null, coverage: 0.3 };
        view.renewal = { date: null, daysToRenewal: null, window: null, amount: null, currency: null, dealId: null, stage: null, source: null, status: 'none', lastOutcome: null, staleDeals: [] };
        view.nps = { ...view.nps, score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, lowSample: true, latest: null };
        view.actions = [];
        view.warnings = ['NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope'];
        delete view.warningMessages;
      }),
    );

    expect(summary.split('\n')[0]).toMatch(/^Company \d+ \(no name on record\) as of /);
    expect(line(summary, 'Health')).toMatch(/^Health +Not enough data for a score · Unknown · Data coverage: 30% /);
    expect(line(summary, 'Renewal')).toMatch(/^Renewal +No renewal on record$/);
    expect(line(summary, 'NPS')).toMatch(/^NPS +No NPS answers from this company’s contacts in the last 180 days\.$/);
    expect(line(summary, 'Suggested actions')).toMatch(/^Suggested actions +none suggested$/);
    expect(summary.split('\n').slice(-2)).toEqual(['Some data is missing', '  ! NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope']);
  });

  it('says first what a past as-of day left out, then the card computed without it', () => {
    const asOf = '2026-10-25';
    const leftOut = { created: { contacts: 0, deals: 0, tickets: 1, answers: 0, tasks: 0 }, closed: { deals: 1, tickets: 0, tasks: 0 }, changes: 1, count: 3, latest: '2026-11-02' };
    const summary = cardSummary(
      cardViewFixture((view) => {
        view.asOf = asOf;
        view.leftOut = leftOut;
        view.warnings = leftOutWarnings(leftOut, asOf);
        view.warningMessages = leftOutMessages(leftOut, asOf);
      }),
      { name: 'Northwind' },
    );
    expect(summary.split('\n').slice(1, 5)).toEqual([
      '! Data dated after Oct 25, 2026 is left out (3 records and values, the latest on Nov 2, 2026): this card shows the company as it stood on Oct 25, 2026',
      '  - 1 ticket created after Oct 25, 2026: not counted',
      '  - 1 deal closed after Oct 25, 2026: counted as still open, as on that day',
      '  - 1 property value written after Oct 25, 2026: the value before is used, or none when none is on record',
    ]);
    expect(summary).not.toContain('Some data is missing');
    expect(cardSummary(cardViewFixture(), { name: 'Northwind' })).not.toContain('dated after');
  });

  it('speaks the reader\'s language', () => {
    const summary = cardSummary(cardViewFixture(), { name: 'Northwind' }, createI18n('pl', 'UTC'));
    expect(summary.split('\n')[0]).toMatch(/^Northwind \(firma \d+\) na dzień /);
    expect(line(summary, 'Odnowienie') ?? line(summary, 'Odnowienie umowy')).toBeTruthy();
  });
});

describe('cardSummary in Chinese, Japanese and Thai', () => {
  const sectionKeys = ['health.title', 'renewal.title', 'nps.title', 'support.title', 'handoff.title'] as const;
  const overdue = (view: CardView) => {
    view.actions = [
      { id: 'renewal-call', title: 'Call about the renewal', reason: 'Renewal overdue.', priority: 'high', dueInDays: 0, alreadyTasked: true },
      { id: 'qbr-schedule', title: 'Schedule a QBR', reason: 'No QBR in 90 days.', priority: 'low', dueInDays: 1, alreadyTasked: false },
    ];
  };

  it.each(['ja', 'zh-CN', 'th', 'pl'] as const)('%s: every section\'s text starts at one column, whatever the label\'s script or length', (locale) => {
    const summary = cardSummary(cardViewFixture(overdue), { name: 'Northwind' }, createI18n(locale, 'UTC'));
    const columns = sectionKeys.map((key) => {
      const label = catalogs[locale][key];
      const text = summary.split('\n').find((candidate) => candidate.startsWith(`${label} `)) ?? '';
      return displayWidth(label) + (/^ +/.exec(text.slice(label.length))?.[0].length ?? -99);
    });
    expect(new Set(columns).size, columns.join(',')).toBe(1);
    expect(columns[0]).toBeGreaterThanOrEqual(20);
  });

  it('words a factor\'s and an action\'s line with the language\'s own punctuation, from the catalog', () => {
    const zh = cardSummary(cardViewFixture(overdue), {}, createI18n('zh-CN', 'UTC'));
    expect(zh).toContain('\n  - NPS（权重 20）：85 / 100——Company NPS +70 from 8 answers.\n');
    expect(zh).toContain('\n  - 【高优先级】Call about the renewal（截止日期：今天，已有未完成任务；renewal-call）：Renewal overdue.\n');
    expect(zh).toContain('\n  - 【低优先级】Schedule a QBR（截止日期：明天；qbr-schedule）：No QBR in 90 days.\n');
    const ja = cardSummary(cardViewFixture(overdue), {}, createI18n('ja', 'UTC'));
    expect(ja).toContain('\n  - NPS（重み 20）：85 / 100。Company NPS +70 from 8 answers.\n');
    expect(ja).toContain('\n  - 【優先度：高】Call about the renewal（期日：今日、タスク作成済み / renewal-call）：Renewal overdue.\n');
  });

  it('joins a section\'s facts and puts a figure after its label the way each language writes them', () => {
    const ja = cardSummary(cardViewFixture(overdue), {}, createI18n('ja', 'UTC')).split('\n');
    expect(ja.find((text) => text.startsWith('NPS '))).toMatch(/ \+70・回答 8 件・推奨者：6・中立者：2・批判者：0・/);
    expect(ja.find((text) => text.startsWith(catalogs.ja['support.title']))).toMatch(/ 未解決のチケット：1・優先度高または緊急：0・最も古い未解決チケット：3 日$/);
    const zh = cardSummary(cardViewFixture(overdue), {}, createI18n('zh-CN', 'UTC')).split('\n');
    expect(zh.find((text) => text.startsWith('NPS '))).toMatch(/ \+70 · 8 条回复 · 推荐者：6 · 被动者：2 · 贬损者：0 · /);
    const pl = cardSummary(cardViewFixture(overdue), {}, createI18n('pl', 'UTC')).split('\n');
    expect(pl.find((text) => text.startsWith('NPS '))).toMatch(/ \+70 · 8 odpowiedzi · Promotorzy 6 · Neutralni 2 · Krytycy 0 · /);
  });

  it('leaves English as it was, byte for byte', () => {
    const summary = cardSummary(cardViewFixture(overdue), { name: 'Northwind' }).split('\n');
    expect(summary.filter((text) => !text.startsWith('Renewal '))).toEqual([
      'Northwind (company 9001) as of Mar 15, 2026',
      'Lifecycle           Renewing · in this stage since Jan 31, 2026',
      'Health              82 / 100 · Healthy · Up 4 points in 30 days · Data coverage: 90% of the score’s weight had data',
      '  - NPS (weight 20): 85 / 100 — Company NPS +70 from 8 answers.',
      '  - Support (weight 20): 90 / 100 — 1 open ticket, none urgent.',
      '  - Adoption (weight 20): No data — No usage properties configured.',
      '  - CSM sentiment (weight 10): Stale — Sentiment last set 120 days ago.',
      'NPS                 +70 · 8 responses · Promoters 6 · Passives 2 · Detractors 0 · Each contact’s latest answer in the last 180 days',
      'Support             Open tickets 1 · High priority or urgent 0 · Oldest open ticket 3 days',
      'Suggested actions',
      '  - [High priority] Call about the renewal (due today, task open; renewal-call): Renewal overdue.',
      '  - [Low priority] Schedule a QBR (due tomorrow; qbr-schedule): No QBR in 90 days.',
      'Sales handoff       Accepted by CS · 100% of the required fields filled',
    ]);
  });
});
