import { LoadingSpinner, ProgressBar } from '@hubspot/ui-extensions';
import { createRenderer } from './renderer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { TabCard } from '../../src/app/cards/components/TabCard.tsx';
import { fetchCardView } from '../../src/app/cards/data/cardApi.ts';
import { cardViewFixture } from './card-fixtures.ts';
import { plainFetch, startStubBackend, type StubBackend, type StubReply } from './stub-backend.ts';

// hubspot.fetch answers 429 beyond 20 concurrent requests per app and account: the card says
// "busy, retrying" and tries again with growing waits, instead of showing a failure.

let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

const busy: StubReply = { status: 429, body: { status: 'error', message: 'Too many concurrent requests' } };

describe('the card when hubspot.fetch answers 429', () => {
  it('retries with growing waits and gets the view; each wait is announced', async () => {
    backend.reply(busy, busy, { status: 200, body: cardViewFixture() });
    const waits: number[] = [];
    let announced = 0;
    const result = await fetchCardView({ fetchFn: plainFetch, baseUrl: backend.baseUrl }, '9001', () => (announced += 1), {
      attempts: 5,
      firstWaitMs: 100,
      maxWaitMs: 1_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result.ok).toBe(true);
    expect(announced).toBe(2);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
  });

  it('gives up after the last attempt with a 429 the card explains as busy', async () => {
    backend.reply(busy, busy, busy);
    const result = await fetchCardView({ fetchFn: plainFetch, baseUrl: backend.baseUrl }, '9001', undefined, { attempts: 3, firstWaitMs: 1, maxWaitMs: 1, sleep: async () => undefined });
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 429 } });
  });

  it('shows "busy, retrying" while it waits, then the card', async () => {
    backend.reply(busy, { status: 200, body: cardViewFixture() });
    const r = createRenderer('crm.record.tab');
    r.mocks.context.crm.objectId = 9001;
    r.mocks.context.user.locale = 'en-US';
    r.render(<TabCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} />);
    await r.waitFor(() => expect(r.find(LoadingSpinner).props.label).toBe('HubSpot is busy (too many requests at once); retrying…'));
    await r.waitFor(() => expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(82), { timeoutInMs: 8_000 });
  });
});
