import { Flex, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import type { CardView } from '../../src/app/cards/contract/view-model.ts';
import { cardViewFixture } from './card-fixtures.ts';
import { textOf } from './card-queries.ts';
import { plainFetch, startStubBackend, type StubBackend } from './stub-backend.ts';

// The record tab's "what changed in 30 days": the factors whose score moved since then (from the
// history of cs_health_factors), in the user's language.

let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

async function render(view: CardView, locale: string) {
  backend.reply({ status: 200, body: view });
  const r = createRenderer('crm.record.tab');
  r.mocks.context.user.locale = locale;
  r.mocks.context.portal.timezone = 'UTC';
  r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} />);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  return r;
}

const moved = cardViewFixture((view) => {
  view.health.factorChanges = { since: '2026-02-13', threshold: 10, changes: [{ key: 'support', from: 40, to: 90 }, { key: 'nps', from: 100, to: 85 }] };
});

describe('what changed in 30 days', () => {
  it('names each factor that moved, from its old score to its new one, down in red and up in green (English)', async () => {
    const r = await render(moved, 'en-US');
    const section = r.findByTestId(Flex, 'what-changed');
    expect(textOf(section)).toContain('What changed in 30 days');
    expect(textOf(r.findByTestId(Flex, 'changed-support'))).toBe('▲ Support: 40 → 90');
    expect(textOf(r.findByTestId(Flex, 'changed-nps'))).toBe('▼ NPS: 100 → 85');
    expect(r.findByTestId(Flex, 'changed-nps').find(StatusTag).props.variant).toBe('danger');
    expect(r.findByTestId(Flex, 'changed-support').find(StatusTag).props.variant).toBe('success');
  });

  it('says it in Japanese with the glossary\'s factor names', async () => {
    const r = await render(moved, 'ja-JP');
    expect(textOf(r.findByTestId(Flex, 'what-changed'))).toContain('30 日間の変化');
    expect(textOf(r.findByTestId(Flex, 'changed-support'))).toBe('▲ サポート：40 → 90');
    expect(textOf(r.findByTestId(Flex, 'changed-nps'))).toBe('▼ NPS：100 → 85');
  });

  it('says when nothing moved by the threshold, and when there is no history that old yet', async () => {
    const still = await render(cardViewFixture((view) => {
      view.health.factorChanges = { since: '2026-02-13', threshold: 10, changes: [] };
    }), 'pl-PL');
    expect(textOf(still.findByTestId(Flex, 'what-changed'))).toContain('Żaden czynnik nie zmienił się o 10 lub więcej punktów.');
    const young = await render(cardViewFixture((view) => {
      view.health.factorChanges = null;
    }), 'en-US');
    expect(textOf(young.findByTestId(Flex, 'what-changed'))).toContain('No factor history from 30 days ago yet.');
  });

  it('shows the warning, in the user\'s language, when the factor scores of 30 days ago cannot be read', async () => {
    const unreadable = cardViewFixture((view) => {
      view.warnings = ['cs_health_factors as written on 2026-02-10 cannot be read (the score of "nps" is "great", not a whole number from 0 to 100 or -), so what changed is not shown'];
      view.warningMessages = [{ code: 'warning.factorHistoryUnreadable', params: { date: '2026-02-10', property: 'cs_health_factors' } }];
    });
    const en = await render(unreadable, 'en-US');
    expect(en.maybeFind(Flex, { testId: 'what-changed' })).toBeNull();
    expect(en.findAll(Text).map((text) => text.text)).toContain('The factor scores recorded on Feb 10, 2026 (cs_health_factors) cannot be read, so “What changed in 30 days” is not shown');
    const ja = await render(unreadable, 'ja-JP');
    expect(ja.findAll(Text).map((text) => text.text)).toContain('2026/02/10 に記録された要因のスコア（cs_health_factors）を読み取れないため、「30 日間の変化」は表示していません');
  });
});
