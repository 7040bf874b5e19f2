import { z } from 'zod';
import type { BatchClaim, DebounceRule, LeaseInfo } from './store.ts';

// Rows as both databases return them (PostgreSQL gives BIGINT as text), checked before use.

const millis = z.union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/)]).transform(Number);
const holderSchema = z.object({ host: z.string(), pid: z.number().int(), command: z.string() });

const leaseRowSchema = z.object({
  name: z.string(),
  holder: z.string(),
  acquired_at: millis,
  heartbeat_at: millis,
  expires_at: millis,
  now: millis,
});
/** A lease row as either database returns it, checked (no cast: the schema is the row's type). */
export function parseLeaseRow(row: unknown): z.output<typeof leaseRowSchema> {
  return leaseRowSchema.parse(row);
}

export function leaseInfoOf(row: z.output<typeof leaseRowSchema>): LeaseInfo {
  let holder: LeaseInfo['holder'];
  try {
    holder = holderSchema.parse(JSON.parse(row.holder));
  } catch {
    holder = { host: 'unknown', pid: 0, command: 'unknown' };
  }
  return { name: row.name, holder, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at, expiresAt: row.expires_at, now: row.now };
}

/** Whether the open items of the queue (count, oldest first arrival, newest arrival) are due under the rule. */
export function queueDue(count: number, firstAt: number, lastAt: number, rule: DebounceRule, nowMs: number): BatchClaim | { kind: 'due' } {
  if (count === 0) return { kind: 'empty' };
  const dueAt = Math.min(lastAt + rule.quietMs, firstAt + rule.maxWaitMs);
  return dueAt <= nowMs ? { kind: 'due' } : { kind: 'waiting', dueAt };
}
