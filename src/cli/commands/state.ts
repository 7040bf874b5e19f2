import { z } from 'zod';
import { createI18n, type I18n } from '../../app/cards/i18n/format.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { openStateStore } from '../../state/open-store.ts';
import type { StateStore } from '../../state/store.ts';
import { leaseParams, syncOverview } from '../../state/sync-state.ts';
import { UsageError } from '../errors.ts';
import { cliI18n } from '../locale.ts';

// `cs-card state migrate | status`: the state store every instance shares (PostgreSQL with
// CS_CARD_DATABASE_URL, else the embedded SQLite file in CS_CARD_STATE_DIR). Stores migrate
// themselves when a command opens them; `migrate` does only that, e.g. as a deploy step.

async function withStore(run: (store: StateStore) => Promise<void>): Promise<void> {
  const store = await openStateStore();
  try {
    await run(store);
  } finally {
    await store.close();
  }
}

/** Where the store is, in the reader's words: "SQLite file /srv/.cs-card/state.sqlite", "PostgreSQL postgres://cs@db/cs_card". */
export function storeLocation(store: Pick<StateStore, 'kind' | 'location'>, i18n: I18n): string {
  return i18n.t('cli.state.location', { kind: store.kind, location: store.location });
}

async function migrate(i18n: I18n): Promise<void> {
  await withStore(async (store) => {
    const version = await store.schemaVersion();
    // Opening migrated it already: say what this call found and left.
    process.stdout.write(`${i18n.t('cli.state.migrated', { location: storeLocation(store, i18n), version: String(version) })}\n`);
  });
}

/** What the store holds, in the catalog's words: every portal's running and last syncs, and the webhook queue. */
export async function statusLines(store: StateStore, i18n: I18n = createI18n('en', 'UTC')): Promise<string[]> {
  const [version, portals, queued] = await Promise.all([store.schemaVersion(), syncOverview(store), store.queueLength()]);
  const lines = [i18n.t('cli.state.store', { location: storeLocation(store, i18n), version: String(version) })];
  if (portals.length === 0) lines.push(i18n.t('cli.state.noSyncs'));
  for (const portal of portals) {
    lines.push(i18n.t('cli.state.portal', { portal: portal.portalKey }));
    lines.push(`  ${portal.lease ? i18n.t('cli.state.running', leaseParams(portal.lease)) : i18n.t('cli.state.notRunning')}`);
    const { state } = portal;
    if (state === null) {
      lines.push(`  ${i18n.t('cli.state.unreadable')}`);
      continue;
    }
    const last = state.lastRun;
    lines.push(`  ${last ? i18n.t('cli.state.lastSync', { mode: last.mode, asOf: last.asOf, started: i18n.dateTime(last.startedAt), finished: i18n.dateTime(last.finishedAt) }) : i18n.t('cli.state.noLastSync')}`);
    if (state.lastFullRun && state.lastFullRun !== last) lines.push(`  ${i18n.t('cli.state.lastFullSync', { asOf: state.lastFullRun.asOf, finished: i18n.dateTime(state.lastFullRun.finishedAt) })}`);
    if (state.pending) lines.push(`  ${i18n.t('cli.state.interrupted', { mode: state.pending.mode, started: i18n.dateTime(state.pending.startedAt), afterId: state.pending.afterId ?? 'none' })}`);
    if (state.retryIds.length > 0) lines.push(`  ${i18n.t('cli.state.retry', { count: state.retryIds.length })}`);
  }
  lines.push(i18n.t('cli.state.queue', { count: queued }));
  return lines;
}

async function status(i18n: I18n): Promise<void> {
  await withStore(async (store) => {
    process.stdout.write(`${(await statusLines(store, i18n)).join('\n')}\n`);
  });
}

const actionSchema = z.enum(['migrate', 'status']);

/** `cs-card state migrate|status`. */
export async function state(action: unknown, rawFlags?: unknown): Promise<void> {
  const flags = z.object({ locale: z.string().optional() }).catch({}).parse(rawFlags);
  const i18n = await cliI18n(flags.locale);
  const parsed = actionSchema.safeParse(action);
  if (!parsed.success) throw new UsageError(catalogText('cli.state.badAction', { value: String(action) }));
  await (parsed.data === 'migrate' ? migrate(i18n) : status(i18n));
}
