// What every part of the demo generator shares: the store, the calendar, the seeded random
// numbers, and the fast path records are inserted through.
import type { DemoCalendar } from './demo-calendar.ts';
import type { StoredObject } from './index.ts';
import type { SandboxObjectType } from './object-types.ts';
import type { Random } from './random.ts';
import type { MemoryStore } from './store.ts';

export interface DemoContext {
  readonly store: MemoryStore;
  readonly calendar: DemoCalendar;
  readonly random: Random;
  readonly ownerIds: readonly string[];
}

export type Range = readonly [number, number];
export type Weights<T> = ReadonlyArray<readonly [T, number]>;

/** A name as it stands in an email address or a domain: lower case, ASCII, dashes. */
export const slug = (text: string): string => text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export const between = (random: Random, [min, max]: Range): number => random.int(min, max);

export function insert(ctx: DemoContext, type: SandboxObjectType, properties: Record<string, string | null>, createdAt: string, updatedAt: string): string {
  const id = ctx.store.nextId(type);
  properties.hs_object_id = id;
  const object: StoredObject = { id, properties, createdAt, updatedAt, archived: false };
  ctx.store.insert(type, object);
  return id;
}
