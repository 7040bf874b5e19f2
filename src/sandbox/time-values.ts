// HubSpot writes dates three ways: ISO 8601 datetimes, YYYY-MM-DD dates and epoch-millisecond
// strings. Filters, sorts and history need them as one comparable number. This is what the
// emulated API *accepts* (as lenient as HubSpot's: negative epochs, days before 1900, a
// 2024-02-30 that rolls over), so the backend's stricter reading of the same values
// (src/domain/parsing's parseInstant / parseDay, which refuse those) can be tested against it.

import { isoDayPattern } from '../app/cards/contract/days.ts';
import { dayOfInstant, formatDay } from '../domain/parsing/index.ts';

const EPOCH_MS = /^-?\d{10,}$/;
const DATE_ONLY = isoDayPattern;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch, or undefined when the value is not a date HubSpot would accept. */
export function millisOf(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (EPOCH_MS.test(value)) return Number(value);
  if (DATE_ONLY.test(value) || ISO_DATETIME.test(value)) {
    const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function dayOf(ms: number): string {
  return formatDay(dayOfInstant(ms));
}

