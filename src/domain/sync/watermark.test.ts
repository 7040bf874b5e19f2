import { describe, expect, it } from 'vitest';
import { carriedWrites, changeWindow, recordWrittenPage, searchLagOverlapMs } from './watermark.ts';

const at = (iso: string): number => Date.parse(iso);

describe('sync watermark (search lag)', () => {
  it('changeWindow: looks back past the last start by the overlap, and keeps each written page (the @example)', () => {
    expect(changeWindow({
      startedAt: '2026-11-20T10:00:00.000Z', finishedAt: '2026-11-20T10:02:00.000Z', asOf: '2026-11-20',
      writes: [{ stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }],
    }, 60_000)).toEqual({
      changedAfterMs: at('2026-11-20T09:59:00.000Z'),
      stampBeforeMs: at('2026-11-20T10:00:00.000Z'),
      finishedAfterMs: at('2026-11-20T10:02:00.000Z'),
      pages: [{ stampFromMs: at('2026-11-20T10:01:00.000Z'), stampToMs: at('2026-11-20T10:01:00.000Z'), changedAfterMs: at('2026-11-20T10:01:03.000Z') }],
    });
  });

  it('changeWindow: the default overlap is minutes, far beyond the seconds HubSpot search lags; state without pages has none', () => {
    expect(searchLagOverlapMs).toBeGreaterThanOrEqual(60_000);
    const window = changeWindow({ startedAt: '2026-11-20T10:00:00.000Z', finishedAt: '2026-11-20T10:02:00.000Z', asOf: '2026-11-20' });
    expect(window.changedAfterMs).toBe(at('2026-11-20T10:00:00.000Z') - searchLagOverlapMs);
    expect(window.pages).toEqual([]);
  });

  it('recordWrittenPage: adds pages (the @example), and past the cap merges the oldest two into a window that selects no less', () => {
    expect(recordWrittenPage([], { stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }, 200))
      .toEqual([{ stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }]);
    const pages = ['01', '02', '03'].reduce<ReturnType<typeof recordWrittenPage>>(
      (written, minute) => recordWrittenPage(written, { stamp: `2026-11-20T10:${minute}:00.000Z`, writtenAt: `2026-11-20T10:${minute}:05.000Z` }, 2),
      [],
    );
    expect(pages).toEqual([
      { stamp: '2026-11-20T10:01:00.000Z', lastStamp: '2026-11-20T10:02:00.000Z', writtenAt: '2026-11-20T10:01:05.000Z' },
      { stamp: '2026-11-20T10:03:00.000Z', writtenAt: '2026-11-20T10:03:05.000Z' },
    ]);
    const [merged] = changeWindow({ startedAt: '2026-11-20T10:00:00.000Z', finishedAt: '2026-11-20T10:04:00.000Z', asOf: '2026-11-20', writes: pages }).pages;
    expect(merged).toEqual({ stampFromMs: at('2026-11-20T10:01:00.000Z'), stampToMs: at('2026-11-20T10:02:00.000Z'), changedAfterMs: at('2026-11-20T10:01:05.000Z') });
  });
});

describe('carriedWrites', () => {
  const earlier = { stamp: '2026-11-20T09:00:00.000Z', writtenAt: '2026-11-20T09:00:02.000Z' };
  const recent = { stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' };

  it('keeps the earlier runs\' pages the next window still reaches, then the run\'s own (the @example)', () => {
    expect(carriedWrites([earlier, recent], '2026-11-20T10:02:00.000Z', [], 5 * 60_000)).toEqual([recent]);
    const own = { stamp: '2026-11-20T10:02:00.000Z', writtenAt: '2026-11-20T10:02:01.000Z' };
    expect(carriedWrites([recent], '2026-11-20T10:02:00.000Z', [own], 5 * 60_000)).toEqual([recent, own]);
    expect(carriedWrites([recent], '2026-11-20T11:00:00.000Z', [own], 5 * 60_000)).toEqual([own]);
  });

  it('makes the next window treat the carried pages as the sync\'s own writes: an older stamp is where "not written by a sync" starts', () => {
    const window = changeWindow({ startedAt: '2026-11-20T10:02:00.000Z', finishedAt: '2026-11-20T10:02:05.000Z', asOf: '2026-11-20', writes: [recent] }, 5 * 60_000);
    expect(window.stampBeforeMs).toBe(Date.parse(recent.stamp));
    expect(window.pages).toEqual([{ stampFromMs: Date.parse(recent.stamp), stampToMs: Date.parse(recent.stamp), changedAfterMs: Date.parse(recent.writtenAt) }]);
  });

  it('merges past the page limit', () => {
    const pages = Array.from({ length: 5 }, (_, i) => ({ stamp: `2026-11-20T10:0${i}:00.000Z`, writtenAt: `2026-11-20T10:0${i}:01.000Z` }));
    expect(carriedWrites(pages.slice(0, 3), '2026-11-20T10:03:00.000Z', pages.slice(3), 5 * 60_000, 3)).toHaveLength(3);
  });
});
