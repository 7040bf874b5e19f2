import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchPacer } from './search-pacer.ts';

const search = 'https://api.hubapi.com/crm/v3/objects/feedback_submissions/search';

describe('the card\'s search pacer (HubSpot: 5 searches a second)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets a window\'s worth of searches go at once and holds the next until the oldest ages out', async () => {
    const pacer = new SearchPacer({ max: 2, windowMs: 1_000, clock: () => Date.now() });
    const started: string[] = [];
    const ask = (name: string) => pacer.acquire(search).then(() => void started.push(name));
    const all = Promise.all([ask('a'), ask('b'), ask('c')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['a', 'b', 'c']);
    await all;
  });

  it('never holds a request that is not a search', async () => {
    const pacer = new SearchPacer({ max: 1, windowMs: 1_000, clock: () => Date.now() });
    await pacer.acquire(search);
    let read = false;
    void pacer.acquire('https://api.hubapi.com/crm/v3/objects/contacts/batch/read').then(() => {
      read = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toBe(true);
  });
});
