// What tests and benchmarks turn: latency, HubSpot's rate limits (rolling ten-second,
// search per second, daily) and injected faults.
import type { FaultRule, SandboxControls } from './index.ts';
import { OBJECT_TYPES, objectTypeOf, type SandboxObjectType } from './object-types.ts';
import type { SearchLag } from './store.ts';
import { dayOf } from './time-values.ts';

type Policy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export interface Admission {
  readonly rejectedBy: Policy | null;
  /** X-HubSpot-RateLimit-* headers (none on search responses, as on HubSpot). */
  readonly headers: Record<string, string>;
}

/** Request times inside a rolling window. */
class RollingWindow {
  private times: number[] = [];

  countSince(start: number): number {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) <= start) drop += 1;
    if (drop > 0) this.times = this.times.slice(drop);
    return this.times.length;
  }

  add(time: number): void {
    this.times.push(time);
  }
}

/** Every scope the sandbox knows: what a token is granted unless `scopes` or `tokenScopes` say less. */
export const ALL_SANDBOX_SCOPES: readonly string[] = [
  'oauth',
  'crm.objects.companies.read', 'crm.objects.companies.write',
  'crm.objects.contacts.read', 'crm.objects.contacts.write',
  'crm.objects.deals.read', 'crm.objects.deals.write',
  'tickets',
  'crm.objects.feedback_submissions.read',
  'crm.objects.owners.read',
  'crm.schemas.companies.read', 'crm.schemas.companies.write',
  'crm.schemas.contacts.read', 'crm.schemas.deals.read',
  'crm.lists.read', 'crm.lists.write',
];

/** The portal's account details (GET /account-info/v3/details). */
export interface SandboxAccount {
  portalId: number;
  /** IANA time zone of the portal. */
  timeZone: string;
  /** Home (company) currency. */
  currency: string;
  additionalCurrencies: string[];
}

export class SandboxControlPanel implements SandboxControls {
  latencyMs = 0;
  account: SandboxAccount = { portalId: 12345678, timeZone: 'UTC', currency: 'USD', additionalCurrencies: [] };
  /** Scopes every token is granted; null: all of ALL_SANDBOX_SCOPES. */
  scopes: string[] | null = null;
  /** Scopes of particular tokens, over `scopes`. */
  readonly tokenScopes = new Map<string, string[]>();
  rateLimit: { max: number; intervalMs: number } | null = null;
  searchLag: SearchLag | null = null;
  searchPerSecond: number | null = 5;
  searchAssociationIn = true;
  dailyLimit = 1_000_000;
  private rules: Array<{ rule: FaultRule; remaining: number }> = [];
  private readonly tenSecondly = new RollingWindow();
  private readonly searches = new RollingWindow();
  private daily = { day: '', count: 0 };

  injectFault(rule: FaultRule): () => void {
    const entry = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter((candidate) => candidate !== entry);
    };
  }

  clearFaults(): void {
    this.rules = [];
  }

  scopesOf(token: string): string[] {
    return [...(this.tokenScopes.get(token) ?? this.scopes ?? ALL_SANDBOX_SCOPES)];
  }

  /** The scope a CRM call needs that this token lacks, or null (a token with every scope: always null). */
  missingScope(token: string, method: string, path: string): string | null {
    if (this.scopes === null && !this.tokenScopes.has(token)) return null;
    if (!path.startsWith('/crm/')) return null;
    const granted = new Set(this.scopesOf(token));
    for (const scope of scopesFor(method, path)) if (!granted.has(scope)) return scope;
    return null;
  }

  /** The first fault rule matching this request, counted as used. */
  takeFault(method: string, path: string): FaultRule | undefined {
    const entry = this.rules.find(({ rule, remaining }) => remaining > 0 && faultMatches(rule, method, path));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== entry);
    return entry.rule;
  }

  admit(now: number, isSearch: boolean): Admission {
    const day = dayOf(now);
    if (this.daily.day !== day) this.daily = { day, count: 0 };
    if (this.daily.count >= this.dailyLimit) return { rejectedBy: 'DAILY', headers: isSearch ? {} : this.headers(now) };
    if (isSearch) return this.admitSearch(now);
    const limit = this.rateLimit;
    if (limit && this.tenSecondly.countSince(now - limit.intervalMs) >= limit.max) {
      return { rejectedBy: 'TEN_SECONDLY_ROLLING', headers: this.headers(now) };
    }
    this.tenSecondly.add(now);
    this.daily.count += 1;
    return { rejectedBy: null, headers: this.headers(now) };
  }

  /** Headers as HubSpot sends them on every non-search response. */
  headers(now: number): Record<string, string> {
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Daily': String(this.dailyLimit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.dailyLimit - this.daily.count)),
    };
    const limit = this.rateLimit;
    if (limit) {
      headers['X-HubSpot-RateLimit-Max'] = String(limit.max);
      headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(limit.intervalMs);
      headers['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, limit.max - this.tenSecondly.countSince(now - limit.intervalMs)));
    }
    return headers;
  }

  private admitSearch(now: number): Admission {
    const perSecond = this.searchPerSecond;
    if (perSecond !== null && this.searches.countSince(now - 1000) >= perSecond) return { rejectedBy: 'SECONDLY', headers: {} };
    this.searches.add(now);
    this.daily.count += 1;
    return { rejectedBy: null, headers: {} };
  }
}

function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (typeof rule.path === 'string' && !path.includes(rule.path)) return false;
  if (rule.path instanceof RegExp && !rule.path.test(path)) return false;
  if (rule.objectType !== undefined && !objectTypesInPath(path).includes(rule.objectType)) return false;
  return true;
}

/** Object types a CRM path touches: the object itself, both ends of an association, a schema. */
export function objectTypesInPath(path: string): SandboxObjectType[] {
  return path.split('/').flatMap((segment) => objectTypeOf(segment) ?? []);
}

/** Every scope a CRM call needs: each object type it touches (both ends of an association). */
export function scopesFor(method: string, path: string): string[] {
  const reads = method === 'GET' || path.endsWith('/search') || path.endsWith('/batch/read');
  if (path.startsWith('/crm/v3/lists')) return [reads ? 'crm.lists.read' : 'crm.lists.write'];
  if (path.startsWith('/crm/v3/owners')) return ['crm.objects.owners.read'];
  if (path.startsWith('/crm/v3/pipelines')) return [];
  const types = objectTypesInPath(path);
  if (path.startsWith('/crm/v3/properties/')) return types.slice(0, 1).map((type) => (type === 'companies' ? `crm.schemas.companies.${reads ? 'read' : 'write'}` : `crm.schemas.${type}.read`));
  const readsOnly = reads || path.startsWith('/crm/v4/associations') && path.endsWith('/batch/read');
  return [...new Set(types.map((type, index) => (readsOnly || index > 0 ? OBJECT_TYPES[type].readScope : OBJECT_TYPES[type].writeScope)))];
}

/** The scope HubSpot would name when a call to this path is refused for want of one. */
export function scopeFor(method: string, path: string, objectType?: SandboxObjectType): string {
  if (path.startsWith('/crm/v3/owners')) return 'crm.objects.owners.read';
  if (path.startsWith('/crm/v3/lists')) return method === 'GET' ? 'crm.lists.read' : 'crm.lists.write';
  const type = objectType ?? objectTypesInPath(path)[0] ?? 'companies';
  const reads = method === 'GET' || path.endsWith('/search') || path.endsWith('/batch/read');
  if (path.startsWith('/crm/v3/properties/')) return `crm.schemas.${type}.${reads ? 'read' : 'write'}`;
  return reads ? OBJECT_TYPES[type].readScope : OBJECT_TYPES[type].writeScope;
}

const FAULT_KINDS: ReadonlyArray<FaultRule['kind']> = ['429', '429-daily', '500', '502', '503', '504', 'timeout', '401', '403'];

/**
 * A fault rule from its command-line form `[METHOD:]KIND[xTIMES][@WHERE]`: WHERE is an object
 * type (any path touching it) or a path substring. Throws a RangeError saying what is wrong.
 * @example
 * parseFaultSpec('POST:503x2@/batch/update') // => { kind: '503', method: 'POST', times: 2, path: '/batch/update' }
 * parseFaultSpec('403@feedback_submissions') // => { kind: '403', objectType: 'feedback_submissions' }
 */
export function parseFaultSpec(text: string): FaultRule {
  const match = /^(?:([A-Za-z]+):)?([0-9a-z-]+?)(?:x(\d+))?(?:@(.+))?$/.exec(text.trim());
  const kind = FAULT_KINDS.find((candidate) => candidate === match?.[2]);
  if (!match || !kind) {
    throw new RangeError(`"${text}" is not a fault: use [METHOD:]KIND[xTIMES][@OBJECT_TYPE|@PATH] with KIND one of ${FAULT_KINDS.join(', ')}, e.g. 503x3@/batch/update or 403@feedback_submissions`);
  }
  const [, method, , times, where] = match;
  const rule: { -readonly [K in keyof FaultRule]: FaultRule[K] } = { kind };
  if (method) rule.method = method.toUpperCase();
  if (times) {
    const count = Number(times);
    if (count < 1) throw new RangeError(`"${text}": the number of times must be at least 1`);
    rule.times = count;
  }
  if (where) {
    const type = objectTypeOf(where);
    if (type) rule.objectType = type;
    else if (where.startsWith('/')) rule.path = where;
    else throw new RangeError(`"${text}": after @ comes an object type (companies, feedback_submissions, ...) or a path starting with /`);
  }
  return rule;
}
