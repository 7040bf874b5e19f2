import { z } from 'zod';
import { openStateStore } from '../../state/open-store.ts';
import type { StateStore } from '../../state/store.ts';
import { describeLease, leaseExpiry, syncOverview } from '../../state/sync-state.ts';
import { UsageError } from '../errors.ts';

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

async function migrate(): Promise<void> {
  await withStore(async (store) => {
    const version = await store.schemaVersion();
    // Opening migrated it already: say what this call found and left.
    process.stdout.write(`State store ${store.location}: schema version ${version}, current.\n`);
  });
}

function day(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export async function statusLines(store: StateStore): Promise<string[]> {
  const [version, portals, queued] = await Promise.all([store.schemaVersion(), syncOverview(store), store.queueLength()]);
  const lines = [`State store: ${store.location} (schema version ${version})`];
  if (portals.length === 0) lines.push('Syncs: none yet.');
  for (const portal of portals) {
    lines.push(`Portal ${portal.portalKey}:`);
    lines.push(portal.lease ? `  sync running: ${describeLease(portal.lease)}; its lease ${leaseExpiry(portal.lease)}` : '  sync running: none');
    const { state } = portal;
    if (state === null) {
      lines.push('  sync state: not one this version understands');
      continue;
    }
    const last = state.lastRun;
    lines.push(last ? `  last sync: ${last.mode}, as of ${last.asOf}, ${day(last.startedAt)} to ${day(last.finishedAt)}` : '  last sync: none');
    if (state.lastFullRun && state.lastFullRun !== last) lines.push(`  last full sync: as of ${state.lastFullRun.asOf}, finished ${day(state.lastFullRun.finishedAt)}`);
    if (state.pending) lines.push(`  interrupted ${state.pending.mode} sync of ${day(state.pending.startedAt)}: the next sync resumes after company ${state.pending.afterId ?? '(none yet)'}`);
    if (state.retryIds.length > 0) lines.push(`  companies to retry: ${state.retryIds.length}`);
  }
  lines.push(`Webhook work queue: ${queued} record${queued === 1 ? '' : 's'} waiting`);
  return lines;
}

async function status(): Promise<void> {
  await withStore(async (store) => {
    process.stdout.write(`${(await statusLines(store)).join('\n')}\n`);
  });
}

const actionSchema = z.enum(['migrate', 'status']);

/** `cs-card state migrate|status`. */
export async function state(action: unknown): Promise<void> {
  const parsed = actionSchema.safeParse(action);
  if (!parsed.success) throw new UsageError(`cs-card state ${String(action)}: the action must be "migrate" or "status"`);
  await (parsed.data === 'migrate' ? migrate() : status());
}
