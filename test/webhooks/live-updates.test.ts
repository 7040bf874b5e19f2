import { describe, expect, it } from 'vitest';
import type { WebhookTargets } from '../../src/domain/sync/webhook-events.ts';
import type { RecordsToFollow } from '../../src/hubspot/webhook-targets.ts';
import { LiveUpdates, type LiveUpdatesDeps } from '../../src/usecases/live-updates.ts';
import type { LogEntry } from '../../src/usecases/log-entry.ts';
import { ManualScheduler } from './fixtures.ts';

// The debounce and batching of live updates, driven by a hand-moved clock: no real waiting.

function targets(partial: Partial<Record<keyof WebhookTargets, string[]>>): WebhookTargets {
  return { companies: [], deals: [], tickets: [], contacts: [], feedback_submissions: [], ...partial };
}

/** Deals 2xx belong to company 1xx with the same last two digits. */
function companyOfDeal(dealId: string): string {
  return `1${dealId.slice(1)}`;
}

function setup(overrides: Partial<LiveUpdatesDeps> = {}) {
  const scheduler = new ManualScheduler();
  const recomputed: string[][] = [];
  const followed: RecordsToFollow[] = [];
  const logs: LogEntry[] = [];
  const live = new LiveUpdates({
    recompute: async (ids) => {
      recomputed.push([...ids]);
      return { written: ids.length, unchanged: 0, skipped: 0 };
    },
    follow: async (records) => {
      followed.push(records);
      return { companyIds: records.deals.map(companyOfDeal), unresolved: 0 };
    },
    scheduler,
    quietMs: 5_000,
    maxWaitMs: 30_000,
    log: (entry) => logs.push(entry),
    ...overrides,
  });
  return { live, scheduler, recomputed, followed, logs };
}

describe('LiveUpdates', () => {
  it('waits for the burst to end, then recomputes each company once', async () => {
    const { live, scheduler, recomputed, logs } = setup();

    for (let n = 0; n < 50; n += 1) {
      live.enqueue(targets(n % 2 ? { companies: [`10${n % 3}`] } : { deals: [`20${n % 3}`] }));
      scheduler.advance(1_000);
    }
    expect(recomputed).toEqual([]);
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(recomputed).toEqual([['100', '101', '102']]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'live update', companies: 3, written: 3, failed: 0, unresolved: 0 }));
  });

  it('restarts the quiet period with every delivery', async () => {
    const { live, scheduler, recomputed } = setup();

    live.enqueue(targets({ companies: ['101'] }));
    scheduler.advance(4_000);
    live.enqueue(targets({ companies: ['102'] }));
    scheduler.advance(4_000);
    await live.whenIdle();
    expect(recomputed).toEqual([]);

    scheduler.advance(1_000);
    await live.whenIdle();
    expect(recomputed).toEqual([['101', '102']]);
  });

  it('does not wait longer than maxWaitMs when events keep coming', async () => {
    const { live, scheduler, recomputed } = setup();

    for (let second = 0; second < 31; second += 1) {
      live.enqueue(targets({ companies: ['101'] }));
      scheduler.advance(1_000);
      await live.whenIdle();
    }

    expect(recomputed).toEqual([['101']]);
  });

  it('never runs two batches at once: what arrives meanwhile waits for the next one', async () => {
    let release: () => void = () => undefined;
    const calls: string[][] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const { live, scheduler } = setup({
      recompute: async (ids) => {
        calls.push([...ids]);
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
        concurrent -= 1;
        return { written: 0, unchanged: ids.length, skipped: 0 };
      },
    });

    live.enqueue(targets({ companies: ['101'] }));
    scheduler.advance(5_000);
    await Promise.resolve();
    live.enqueue(targets({ companies: ['101', '102'] }));
    scheduler.advance(60_000);
    expect(calls).toEqual([['101']]);

    release();
    await live.whenIdle();
    scheduler.advance(5_000);
    await live.whenIdle();
    expect(calls).toEqual([['101'], ['101', '102']]);
    expect(maxConcurrent).toBe(1);
  });

  it('follows deals, tickets, contacts and answers to companies in one call per batch', async () => {
    const { live, scheduler, followed, recomputed } = setup();

    live.enqueue(targets({ deals: ['201', '202'], tickets: ['301'] }));
    live.enqueue(targets({ deals: ['201'], contacts: ['401'], feedback_submissions: ['501'] }));
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(followed).toEqual([{ deals: ['201', '202'], tickets: ['301'], contacts: ['401'], feedback_submissions: ['501'] }]);
    expect(recomputed).toEqual([['101', '102']]);
  });

  it('does not ask HubSpot for associations when only companies changed', async () => {
    const { live, scheduler, followed, recomputed } = setup();

    live.enqueue(targets({ companies: ['101'] }));
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(followed).toEqual([]);
    expect(recomputed).toEqual([['101']]);
  });

  it('hands recompute at most batchSize companies a call, in id order', async () => {
    const { live, scheduler, recomputed } = setup({ batchSize: 2 });

    live.enqueue(targets({ companies: ['1000', '999', '5', '42', '7'] }));
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(recomputed).toEqual([['5', '7'], ['42', '999'], ['1000']]);
  });

  it('logs a failed recompute without stopping later batches or logging the error text', async () => {
    let fail = true;
    const recomputed: string[][] = [];
    const { live, scheduler, logs } = setup({
      recompute: async (ids) => {
        if (fail) throw new TypeError('HubSpot said: contact jane@example.com is locked');
        recomputed.push([...ids]);
        return { written: 1, unchanged: 0, skipped: 0 };
      },
    });

    live.enqueue(targets({ companies: ['101'] }));
    scheduler.advance(5_000);
    await live.whenIdle();
    fail = false;
    live.enqueue(targets({ companies: ['102'] }));
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(recomputed).toEqual([['102']]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', companies: 1, error: 'TypeError' }));
    expect(JSON.stringify(logs)).not.toContain('jane@example.com');
  });

  it('logs records it could not follow to their companies', async () => {
    const { live, scheduler, logs, recomputed } = setup({
      follow: async () => {
        throw new Error('HubSpot unavailable');
      },
    });

    live.enqueue(targets({ deals: ['201'], companies: ['101'] }));
    scheduler.advance(5_000);
    await live.whenIdle();

    expect(recomputed).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', records: 2 }));
  });

  it('on close runs what is pending at once and accepts nothing afterwards', async () => {
    const { live, scheduler, recomputed } = setup();

    live.enqueue(targets({ companies: ['101'] }));
    await live.close();
    expect(recomputed).toEqual([['101']]);
    expect(scheduler.pending).toBe(0);

    live.enqueue(targets({ companies: ['102'] }));
    scheduler.advance(60_000);
    await live.whenIdle();
    expect(recomputed).toEqual([['101']]);
  });
});
