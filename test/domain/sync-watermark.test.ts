import { describe, expect, it } from 'vitest';
import { changeWindow, recordWrittenPage, searchLagOverlapMs } from '../../src/domain/sync-watermark.ts';

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
