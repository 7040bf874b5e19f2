import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/cards/i18n/format.ts';
import { catalogs, loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { handoffIsRelevant } from '../app/cards/components/presentation.ts';
import { cardSummary } from './card-summary.ts';
import { displayWidth } from './display-width.ts';
import { leftOutMessages, leftOutWarnings } from '../domain/card/left-out-messages.ts';
import { cardViewFixture, contractLapsed, dealsUnread, dealsUnreadPropertyDatePast, npsAndTicketsUnread } from '../../test/app/card-fixtures.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// The terminal form of a card: one labelled line per section, in the card's order, in the
// card's own words (the message catalog), so the terminal and the card never disagree.

function line(summary: string, label: string): string | undefined {
  return summary.split('\n').find((candidate) => candidate.startsWith(label));
}

/** The fixture's customer while it is onboarding, when the card shows the sales handoff open. */
const onboarding = (view: CardView) => {
  view.lifecycle = { stage: 'onboarding', since: '2026-01-31' };
};

describe('cardSummary', () => {
  it('names the company, then prints the lifecycle stage, health, renewal, NPS, support, actions and handoff in the card\'s order', () => {
    const summary = cardSummary(cardViewFixture(onboarding), { name: 'Northwind Traders' });

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

  it('says a lapsed contract ended on its day with no renewal on record, not "Overdue", the word of an open renewal deal past its close date (demo: Sierra Hotels)', () => {
    const summary = cardSummary(cardViewFixture(contractLapsed));
    expect(line(summary, 'Renewal')).toBe(`${'Renewal'.padEnd(20)}Contract ended Sep 9, 2024 (552 days ago) · No renewal on record · $106,600.00 · Estimated from the contract’s end date and term`);
    expect(summary).not.toMatch(/overdue/i);
    const ja = cardSummary(cardViewFixture(contractLapsed), {}, createI18n('ja', 'UTC'));
    expect(ja).toContain('契約終了日：2024/09/09（552 日前）・契約更新の記録がありません・');
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

  it('gives a renewal deal in another currency the amount the deal itself shows beside the converted value, in every language (demo: Nimbus Studios, deal £216,600.00)', () => {
    const foreign = (view: CardView) => {
      view.renewal = { ...view.renewal, amount: 275082, currency: 'USD', dealAmount: 216600, dealCurrency: 'GBP' };
    };
    expect(line(cardSummary(cardViewFixture(foreign)), 'Renewal')).toMatch(/ · \$275,082\.00 \(converted from the deal’s £216,600\.00\) · deal 501$/);
    // The same deal in the home currency: its value once, as before.
    expect(line(cardSummary(cardViewFixture()), 'Renewal')).not.toMatch(/converted/);
    for (const locale of ['pl', 'zh-CN', 'ja', 'th']) {
      const summary = cardSummary(cardViewFixture(foreign), {}, createI18n(locale, 'UTC'));
      expect(summary).toMatch(/216[,\s\u00a0.]?600/);
      expect(summary).not.toMatch(/converted/);
    }
  });

  it('says the NPS answers or the tickets could not be read where their section would read "no answers" or "none open", in the factor\'s words', () => {
    const summary = cardSummary(cardViewFixture(npsAndTicketsUnread));
    expect(line(summary, 'NPS ')).toBe(`${'NPS'.padEnd(20)}NPS answers could not be read, so NPS is not counted`);
    expect(line(summary, 'Support ')).toBe(`${'Support'.padEnd(20)}Tickets could not be read, so support is not counted`);
    expect(summary).not.toMatch(/None open|No NPS answers/);
    const noDeals = cardSummary(cardViewFixture(dealsUnread));
    expect(line(noDeals, 'Renewal ')).toBe(`${'Renewal'.padEnd(20)}Deals could not be read, so the renewal is not counted`);
  });

  it('while the deals could not be read, a renewal date from the company property past is neither "Contract ended · No renewal on record" nor "Overdue": the deals would say that; the line says they could not be read (sandbox with --fault 503@deals: Tidewater Builders, renewed)', () => {
    const summary = cardSummary(cardViewFixture(dealsUnreadPropertyDatePast));
    expect(line(summary, 'Renewal ')).toBe(`${'Renewal'.padEnd(20)}Feb 26, 2026 (17 days ago) · Company renewal date property · Deals could not be read, so the renewal is not counted`);
    expect(summary).not.toMatch(/Contract ended|No renewal on record|Overdue/);
    const ahead = cardSummary(cardViewFixture((view) => {
      dealsUnreadPropertyDatePast(view);
      view.renewal = { ...view.renewal, date: '2026-10-01', daysToRenewal: 200, window: 'later', lapsed: false };
    }));
    expect(line(ahead, 'Renewal ')).toBe(`${'Renewal'.padEnd(20)}Oct 1, 2026 (in 200 days) · More than 90 days away · Company renewal date property · Deals could not be read, so the renewal is not counted`);
    const ja = cardSummary(cardViewFixture(dealsUnreadPropertyDatePast), {}, createI18n('ja', 'UTC'));
    expect(ja).not.toContain('契約更新の記録がありません');
    expect(ja).not.toContain('契約終了日');
  });

  it('says the lifecycle stage is uncertain while the deals could not be read: it rests on them (sandbox with --fault 503@deals: churned Upland Capital read "Active customer")', () => {
    expect(line(cardSummary(cardViewFixture(dealsUnread)), 'Lifecycle')).toBe(`${'Lifecycle'.padEnd(20)}Active customer · Stage uncertain: deals could not be read`);
    expect(line(cardSummary(cardViewFixture(dealsUnread), {}, createI18n('pl', 'UTC')), 'Etap')).toMatch(/Aktywny klient · Etap niepewny: nie udało się odczytać transakcji$/);
    expect(line(cardSummary(cardViewFixture()), 'Lifecycle')).not.toContain('uncertain');
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
    // Short of data, the customer is still scored: the coverage says how short, the factors keep their weights.
    expect(line(summary, 'Health')).toMatch(/^Health +Not enough data for a score · Unknown · Data coverage: 30% /);
    expect(summary).toContain('\n  - NPS (weight 20): 85 / 100 — Company NPS +70 from 8 answers.\n');
    expect(line(summary, 'Renewal')).toMatch(/^Renewal +No renewal on record$/);
    expect(line(summary, 'NPS')).toMatch(/^NPS +No NPS answers from this company’s contacts in the last 180 days\.$/);
    expect(line(summary, 'Suggested actions')).toMatch(/^Suggested actions +none suggested$/);
    expect(summary.split('\n').slice(-2)).toEqual(['Some data is missing', '  ! NPS unavailable: the app lacks the crm.objects.feedback_submissions.read scope']);
  });

  it('for a churned customer or a prospect, says why there is no score and keeps what each factor found, with no trend, no coverage and no weights', () => {
    const cases = [
      { stage: 'churned', band: 'churned', since: '2026-02-10', reason: 'No health score: the customer has left · Churned' },
      { stage: 'prospect', band: 'unknown', since: null, reason: 'Not a customer yet: no health score and no customer-success actions. · Unknown' },
    ] as const;
    // No trend either, as the app card: none is sent (no score, no trend), and one a view still carries is not printed.
    for (const [{ stage, band, since, reason }, trend30d] of cases.flatMap((c) => [[c, null], [c, -16]] as const)) {
      const summary = cardSummary(
        cardViewFixture((view) => {
          view.health = { ...view.health, score: null, band, trend30d, coverage: 0.4, factors: view.health.factors.map((factor) => ({ ...factor, contribution: null, pointsLost: null })) };
          view.lifecycle = { stage, since };
        }),
      );
      expect(line(summary, 'Health'), stage).toBe(`${'Health'.padEnd(20)}${reason}`);
      expect(summary, stage).not.toContain('Data coverage');
      expect(summary, stage).not.toMatch(/weight|\/ 100/);
      expect(summary.split('\n').filter((text) => text.startsWith('  - ') && !text.includes('priority]')), stage).toEqual([
        '  - NPS: Company NPS +70 from 8 answers.',
        '  - Support: 1 open ticket, none urgent.',
        '  - Adoption: No usage properties configured.',
        '  - CSM sentiment: Sentiment last set 120 days ago.',
      ]);
    }
  });

  it('shows the sales handoff where the app card shows it open, by its rule (handoffIsRelevant), and leaves it out for the other customers', () => {
    const notStarted = (view: CardView) => {
      view.handoff = { ...view.handoff, status: 'not_started', phase: 'not_started', completeness: 0, submittedAt: null, acceptedAt: null };
    };
    const stage = (value: CardView['lifecycle']['stage']) => (view: CardView) => {
      view.lifecycle = { stage: value, since: value === 'prospect' ? null : '2026-01-31' };
    };
    const variants: Array<readonly [string, (view: CardView) => void, string | null]> = [
      ['active, never handed off', (view) => (notStarted(view), stage('active')(view)), null],
      ['renewing, never handed off', notStarted, null],
      ['churned, never handed off', (view) => (notStarted(view), stage('churned')(view)), null],
      ['prospect', (view) => (notStarted(view), stage('prospect')(view)), null],
      ['renewing, accepted long ago', () => undefined, null],
      ['onboarding, not started', (view) => (notStarted(view), onboarding(view)), 'Not started · 0% of the required fields filled'],
      ['onboarding, accepted', onboarding, 'Accepted by CS · 100% of the required fields filled'],
      ['active, submitted', (view) => (stage('active')(view), (view.handoff = { ...view.handoff, status: 'submitted', phase: 'submitted', acceptedAt: null })), 'Submitted to CS · 100% of the required fields filled'],
      ['active, returned', (view) => (stage('active')(view), (view.handoff = { ...view.handoff, status: 'returned', phase: 'returned', completeness: 0.8, acceptedAt: null })), 'Returned to sales · 80% of the required fields filled'],
      ['active, a draft', (view) => (notStarted(view), stage('active')(view), (view.handoff = { ...view.handoff, phase: 'draft', completeness: 0.6 })), 'Draft · 60% of the required fields filled'],
      [
        'active, owed by sales',
        (view) => (notStarted(view), stage('active')(view), view.actions.push({ id: 'handoff-complete', title: 'Complete the handoff', reason: 'Won 10 days ago.', priority: 'high', dueInDays: 1, alreadyTasked: false })),
        'Not started · 0% of the required fields filled',
      ],
    ];
    for (const [name, edit, shown] of variants) {
      const view = cardViewFixture(edit);
      const summary = cardSummary(view);
      expect(line(summary, 'Sales handoff'), name).toBe(shown === null ? undefined : `${'Sales handoff'.padEnd(20)}${shown}`);
      expect(summary.includes('Sales handoff'), name).toBe(handoffIsRelevant(view));
      if (shown === null) expect(summary, name).not.toContain('required fields filled');
    }
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
    const summary = cardSummary(cardViewFixture((view) => (overdue(view), onboarding(view))), { name: 'Northwind' }, createI18n(locale, 'UTC'));
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
    expect(zh.split('\n')).toContain('  - 【低优先级】Schedule a QBR（截止日期：明天；qbr-schedule）：No QBR in 90 days.');
    const ja = cardSummary(cardViewFixture(overdue), {}, createI18n('ja', 'UTC'));
    expect(ja).toContain('\n  - NPS（重み 20）：85 / 100。Company NPS +70 from 8 answers.\n');
    // A customer that has left is not scored: each factor's fact alone, in the language's punctuation.
    const left = (view: CardView) => {
      view.health = { ...view.health, score: null, band: 'churned', trend30d: null };
      view.lifecycle = { stage: 'churned', since: '2026-02-10' };
    };
    expect(cardSummary(cardViewFixture(left), {}, createI18n('ja', 'UTC'))).toContain('\n  - NPS：Company NPS +70 from 8 answers.\n');
    expect(cardSummary(cardViewFixture(left), {}, createI18n('zh-CN', 'UTC'))).toContain('\n  - NPS：Company NPS +70 from 8 answers.\n');
    expect(cardSummary(cardViewFixture(left), {}, createI18n('pl', 'UTC'))).toContain('\n  - NPS: Company NPS +70 from 8 answers.\n');
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

  it('leaves English as it was, byte for byte, but for the handoff a renewing customer no longer shows', () => {
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
    ]);
    // Onboarding, the same card ends with the handoff, as it always did.
    expect(cardSummary(cardViewFixture((view) => (overdue(view), onboarding(view)))).split('\n').at(-1)).toBe('Sales handoff       Accepted by CS · 100% of the required fields filled');
  });
});
