// The incremental sync's watermark, and why no change is lost to HubSpot's search lag.
//
// HubSpot's search index shows a write seconds after it happened ("newly written records appear
// in search after a delay", HUBSPOT.md), so a search made just after a change can miss it. An
// incremental run therefore looks back past the previous run's start by an overlap longer than
// any lag HubSpot shows, and re-checks the records changed in that window: whatever the previous
// run could not see is found by this one (or, if it happened just before this run's own search,
// by the next one, whose window overlaps this run's start).
//
// Companies are special: the sync's own writes change their last-modified time too. A company
// the previous run wrote is selected again only if it changed after that write, which the run
// knows per written page from HubSpot's own timestamps: the health stamp it wrote
// (cs_health_updated_at, the same for a whole page) and the last-modified time HubSpot gave the
// page's writes. So a change made while a sync runs, to a company that sync had already read,
// is picked up by the next run; a change made before the sync read the company is in what it read.

/** How far each run looks back past the previous run's start: well beyond HubSpot's search lag (seconds) and ordinary clock skew. */
export const searchLagOverlapMs = 5 * 60_000;

/** More written pages than this are merged (conservatively: a merged window may select a few own writes again). */
export const maxWrittenPages = 200;

/** One page of companies a run wrote: the health stamp it wrote, and HubSpot's last-modified time of those writes (ISO). */
export interface WrittenPage {
  readonly stamp: string;
  readonly writtenAt: string;
}

/** A merged run of pages: stamps from `stamp` to `lastStamp`, written by `writtenAt` at the earliest. */
export interface WrittenPages extends WrittenPage {
  readonly lastStamp?: string;
}

export interface Watermark {
  /** When the last completed run started (ISO; the sync's clock). */
  readonly startedAt: string;
  /** A little after its last write (ISO). */
  readonly finishedAt: string;
  readonly asOf: string;
  /** Its written pages; absent in state written before this existed. */
  readonly writes?: WrittenPages[];
}

/** What an incremental run searches, as epoch milliseconds. */
export interface ChangeWindow {
  /** Records changed after this may hold what the last run missed (its start minus the overlap). */
  readonly changedAfterMs: number;
  /** Companies with an older health stamp (or none) were not written by the last run: any change after changedAfterMs counts. */
  readonly stampBeforeMs: number;
  /** Companies changed after the last run finished (written by it or not). */
  readonly finishedAfterMs: number;
  /** Companies the last run wrote, page by page: changed after HubSpot stamped the page's writes. */
  readonly pages: ReadonlyArray<{ readonly stampFromMs: number; readonly stampToMs: number; readonly changedAfterMs: number }>;
}

const ms = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`not an ISO timestamp: "${iso}"`);
  return value;
};

/**
 * The windows an incremental run searches after the run that left `watermark`.
 * @example
 * changeWindow({ startedAt: '2026-11-20T10:00:00.000Z', finishedAt: '2026-11-20T10:02:00.000Z', asOf: '2026-11-20',
 *   writes: [{ stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }] }, 60_000)
 * // => { changedAfterMs: Date.parse('2026-11-20T09:59:00.000Z'), stampBeforeMs: Date.parse('2026-11-20T10:00:00.000Z'),
 * //      finishedAfterMs: Date.parse('2026-11-20T10:02:00.000Z'),
 * //      pages: [{ stampFromMs: Date.parse('2026-11-20T10:01:00.000Z'), stampToMs: Date.parse('2026-11-20T10:01:00.000Z'), changedAfterMs: Date.parse('2026-11-20T10:01:03.000Z') }] }
 */
export function changeWindow(watermark: Watermark, overlapMs: number = searchLagOverlapMs): ChangeWindow {
  const started = ms(watermark.startedAt);
  // Pages of earlier runs the watermark still carries (carriedWrites) were written by a sync too:
  // their companies count only if changed after that write, like the last run's.
  const oldestStamp = Math.min(started, ...(watermark.writes ?? []).map((page) => ms(page.stamp)));
  return {
    changedAfterMs: started - overlapMs,
    stampBeforeMs: oldestStamp,
    finishedAfterMs: ms(watermark.finishedAt),
    pages: (watermark.writes ?? []).map((page) => ({ stampFromMs: ms(page.stamp), stampToMs: ms(page.lastStamp ?? page.stamp), changedAfterMs: ms(page.writtenAt) })),
  };
}

/**
 * The written pages a completed run leaves for the next one: those of the runs before it that
 * the next run's window still reaches (written after this run's start minus the overlap), then
 * its own. Without them, a run that follows a sync within the overlap would select every
 * company that sync wrote, its own write being the "change" (the demo's runs never settled).
 * @example
 * carriedWrites([{ stamp: '2026-11-20T09:00:00.000Z', writtenAt: '2026-11-20T09:00:02.000Z' }, { stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }],
 *   '2026-11-20T10:02:00.000Z', [], 5 * 60_000)
 * // => [{ stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }]
 */
export function carriedWrites(
  previous: readonly WrittenPages[],
  runStartedAt: string,
  own: readonly WrittenPages[],
  overlapMs: number = searchLagOverlapMs,
  max: number = maxWrittenPages,
): WrittenPages[] {
  const reach = ms(runStartedAt) - overlapMs;
  let pages: WrittenPages[] = [];
  for (const page of [...previous.filter((page) => ms(page.writtenAt) > reach), ...own]) pages = recordWrittenPage(pages, page, max);
  return pages;
}

/**
 * The run's written pages after one more: past `maxWrittenPages`, the two oldest neighbours merge
 * into one window (stamps of both, the earlier write time), which can only select more, never less.
 * @example
 * recordWrittenPage([], { stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }, 200)
 * // => [{ stamp: '2026-11-20T10:01:00.000Z', writtenAt: '2026-11-20T10:01:03.000Z' }]
 */
export function recordWrittenPage(pages: readonly WrittenPages[], page: WrittenPage, max: number = maxWrittenPages): WrittenPages[] {
  const next: WrittenPages[] = [...pages, page];
  while (next.length > Math.max(1, max)) {
    const [first, second] = next;
    if (!first || !second) break;
    const writtenAt = ms(first.writtenAt) <= ms(second.writtenAt) ? first.writtenAt : second.writtenAt;
    next.splice(0, 2, { stamp: first.stamp, lastStamp: second.lastStamp ?? second.stamp, writtenAt });
  }
  return next;
}
