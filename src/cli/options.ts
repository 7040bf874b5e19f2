import { z } from 'zod';
import type { I18n } from '../app/cards/i18n/format.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { durationMs } from '../domain/parsing/index.ts';
import { MAX_DEMO_COMPANIES } from '../sandbox/demo-defaults.ts';
import { asOfProblem } from '../usecases/card-view.ts';
import { UsageError } from './errors.ts';

// The command line's values, parsed one way for every command: a bad value is a usage error
// (exit 2) naming the flag, what it takes and what was given.

/** A whole number from `min` to `max`, or a usage error naming the flag. */
export function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(catalogText('cli.error.wholeNumber', { flag, min: String(min), max: String(max), value: raw }));
  }
  return value;
}

export const portOption = (flag: string, raw: string): number => wholeNumber(flag, raw, 0, 65_535);

/** The demo portfolio's size: the same range for `start` and `sandbox`. */
export const companiesOption = (raw: string): number => wholeNumber('--companies', raw, 0, MAX_DEMO_COMPANIES);

/** A calendar day (YYYY-MM-DD) that exists, from 2000-01-01 to 2100-12-31: 2026-02-31 and 1899-12-31 are refused. */
export function asOfOption(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (asOfProblem(raw) === null) return raw;
  // The catalog's texts name the range (contract/task.ts asOfRange) as it is typed: 2000-01-01 to 2100-12-31.
  throw new UsageError(catalogText(z.iso.date().safeParse(raw).success ? 'cli.error.asOfRange' : 'cli.error.asOfNotDate', { value: raw }));
}

/** Requests per interval, as HubSpot states its limits. */
export interface RateLimit {
  readonly max: number;
  readonly intervalMs: number;
}

/**
 * Parses a rate limit as requests per interval: the interval in ms, s (the default), m or h.
 *
 * @example
 * parseRateLimit('190/10s') // { max: 190, intervalMs: 10_000 }
 * parseRateLimit('6000/1m') // { max: 6000, intervalMs: 60_000 }
 */
export function parseRateLimit(text: string): RateLimit | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$/i.exec(text);
  if (match === null) return null;
  const [, max, amount, unit] = match;
  const intervalMs = durationMs(Number(amount), unit ?? 's');
  return Number(max) > 0 && intervalMs > 0 ? { max: Number(max), intervalMs } : null;
}

/** --rate-limit, or a usage error saying how to write it. */
export function rateLimitOption(raw: string): RateLimit {
  const limit = parseRateLimit(raw);
  if (limit === null) throw new UsageError(catalogText('cli.error.rateLimit', { value: raw }));
  return limit;
}

/** "190 requests / 10 s", the way the limit was meant. */
export function rateLimitText(limit: RateLimit, i18n: I18n): string {
  const seconds = limit.intervalMs / 1000;
  return seconds >= 60 && seconds % 60 === 0 ? i18n.t('cli.rate.minutes', { max: limit.max, minutes: seconds / 60 }) : i18n.t('cli.rate.seconds', { max: limit.max, seconds });
}
