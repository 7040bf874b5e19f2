import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TIME_ZONE, type Sandbox } from '../../src/sandbox/index.ts';

// `cs-card report` run as a user runs it against a sandbox portal on loopback, and the figures it
// must print recomputed from the sandbox's raw deals — straight from the definitions (DOMAIN.md
// "Metrics", DESIGN.md "Renewal"), without the product's domain code. report.test.ts and
// report-as-of.test.ts check the command against them.

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `cs-card <args>` against the portal at `url`: exit code, stdout and stderr. */
export async function csCardAt(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { CS_CARD_CONFIG: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...inherited, HUBSPOT_BASE_URL: url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// ---- the independent recomputation --------------------------------------------------------------

export const dayOf = (text: string) => Math.floor(Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / 86_400_000);
/** A close date (a datetime) is a day in the portal's time zone (the sandbox's account details say which). */
const portalDay = new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
export const closeDayOf = (text: string) => dayOf(portalDay.format(new Date(text)));

interface RawDeal {
  readonly id: string;
  readonly day: number;
  readonly type: 'newbusiness' | 'existingbusiness';
  readonly won: boolean;
  readonly lost: boolean;
  readonly amount: number;
  readonly currency: string;
  kind?: 'new' | 'renewal' | 'expansion';
}

/**
 * The company's deals as they stood at the end of `cut` (a day number): a deal created after it did
 * not exist, a deal closed after it was still open (DESIGN.md's as-of rule, as the card applies it).
 */
function rawDeals(sandbox: Sandbox, companyId: string, cut: number): RawDeal[] {
  return sandbox.store
    .associations('companies', companyId, 'deals')
    .map((id) => ({ id, p: sandbox.store.get('deals', id)?.properties ?? {} }))
    .filter(({ p }) => typeof p.closedate === 'string' && (p.dealtype === 'newbusiness' || p.dealtype === 'existingbusiness'))
    .filter(({ p }) => typeof p.createdate !== 'string' || closeDayOf(p.createdate) <= cut)
    .map(({ id, p }) => ({
      id,
      day: closeDayOf(String(p.closedate)),
      type: p.dealtype === 'newbusiness' ? ('newbusiness' as const) : ('existingbusiness' as const),
      won: p.dealstage === 'closedwon' && closeDayOf(String(p.closedate)) <= cut,
      lost: p.dealstage === 'closedlost' && closeDayOf(String(p.closedate)) <= cut,
      // HubSpot's conversion into the portal's home currency (USD) where it gave one.
      amount: Number(p.amount_in_home_currency ?? p.amount ?? 0) || 0,
      currency: typeof p.amount_in_home_currency === 'string' ? 'USD' : String(p.deal_currency_code ?? 'USD'),
    }))
    .sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1));
}

/** Calendar months later (the day clamped to the month's end), as a day number. */
function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), last)) / 86_400_000);
}

/**
 * Renewal vs expansion (DESIGN.md "Renewal"): existing business within 60 days of the contract's
 * end. The end: the company's contract_end_date and its yearly anniversaries (not before the first
 * contract started); else the first won new business + 12 months, rolled on a year by a won
 * renewal, and by whole years when a deal closes more than 60 days after it. Returns the end of the
 * contract after the deals (issue 19: the company property, else the last won contract deal + the
 * term; a won renewal rolls it on a term), or null when no won contract deal names one.
 */
function classify(deals: RawDeal[], endProperty: number | null): number | null {
  if (endProperty !== null) {
    const started = deals.find((d) => d.type === 'newbusiness' && d.won)?.day ?? null;
    let contractEnd = endProperty;
    for (const deal of deals) {
      if (deal.type === 'newbusiness') {
        deal.kind = 'new';
        continue;
      }
      let best = endProperty;
      for (let k = -40; k <= 40; k++) {
        const candidate = addMonths(endProperty, 12 * k);
        if (Math.abs(candidate - deal.day) < Math.abs(best - deal.day)) best = candidate;
      }
      deal.kind = Math.abs(deal.day - best) <= 60 && (started === null || best > started + 60) ? 'renewal' : 'expansion';
      if (deal.kind === 'renewal' && deal.won) contractEnd = Math.max(contractEnd, addMonths(best, 12));
    }
    return contractEnd;
  }
  let end: number | null = null;
  let signed = false;
  for (const deal of deals) {
    if (deal.type === 'newbusiness') {
      deal.kind = 'new';
      if (deal.won && !signed) {
        end = addMonths(deal.day, 12);
        signed = true;
      }
      continue;
    }
    if (end === null) {
      deal.kind = 'renewal';
      end = deal.won ? addMonths(deal.day, 12) : deal.day;
      signed ||= deal.won;
      continue;
    }
    let candidate: number = end;
    while (deal.day > candidate + 60) candidate = addMonths(candidate, 12);
    const near = Math.abs(deal.day - candidate) <= 60;
    deal.kind = near ? 'renewal' : 'expansion';
    if (near) end = deal.won ? addMonths(candidate, 12) : candidate;
    signed ||= near && deal.won;
  }
  return signed ? end : null;
}

interface Contract {
  active: boolean;
  arr: number;
  /** Its ARR is what a first renewal deal put up for renewal, no decided contract deal before it. */
  inferred: boolean;
  /** A lost renewal ended it and no new business or renewal was won since (churned: an expansion brings nothing back). */
  ended: boolean;
}

/**
 * The contract after one day's deals: a won renewal restates it, a lost one ends it, other won deals add to it;
 * new business won on the day of a loss starts a new one; an expansion never revives a contract a loss ended.
 */
function applyDay(contract: Contract, deals: RawDeal[]): Contract {
  const added = deals.filter((d) => d.won && d.kind !== 'renewal').reduce((sum, d) => sum + d.amount, 0);
  const wonNew = deals.some((d) => d.won && d.kind === 'new');
  const wonExpansion = deals.some((d) => d.won && d.kind === 'expansion');
  const wonRenewals = deals.filter((d) => d.won && d.kind === 'renewal');
  if (wonRenewals.length > 0) return { active: true, inferred: false, ended: false, arr: wonRenewals.reduce((sum, d) => sum + d.amount, 0) + added };
  if (deals.some((d) => d.lost && d.kind === 'renewal')) return wonNew ? { active: true, inferred: false, ended: false, arr: added } : { active: false, inferred: false, ended: true, arr: 0 };
  if (wonNew || (wonExpansion && (contract.active || !contract.ended))) return { active: true, inferred: contract.active && contract.inferred, ended: false, arr: (contract.active ? contract.arr : 0) + added };
  return contract;
}

/**
 * Before any deal: a renewal falls due only on a running contract, so a first renewal deal with no
 * won new business and no decided renewal on an earlier day renews a contract in force until then,
 * worth what that day's renewal deals put up for renewal; expansion won before it was sold on that
 * contract and is renewed with it, so the contract started worth that much less (never below 0).
 */
function contractBeforeDeals(days: Array<[number, RawDeal[]]>): Contract {
  let expansion = 0;
  for (const [, list] of days) {
    const renewals = list.filter((d) => d.kind === 'renewal');
    if (renewals.length > 0) return { active: true, inferred: true, ended: false, arr: Math.max(renewals.reduce((s, d) => s + d.amount, 0) - expansion, 0) };
    if (list.some((d) => (d.won && d.kind !== 'expansion') || (d.lost && d.kind === 'renewal'))) break;
    expansion += list.filter((d) => d.won && d.kind === 'expansion').reduce((s, d) => s + d.amount, 0);
  }
  return { active: false, arr: 0, inferred: false, ended: false };
}

/**
 * The deals by day. A lost renewal is not the last word (issue 19: a lost renewal followed by a won or open one is
 * not churn) when the next day with a renewal deal or won new business has a renewal deal, or while a renewal deal is
 * open: that day's lost renewals then count as still open.
 */
function byDay(deals: RawDeal[]): Array<[number, RawDeal[]]> {
  const days = new Map<number, RawDeal[]>();
  for (const deal of deals) days.set(deal.day, [...(days.get(deal.day) ?? []), deal]);
  const sorted = [...days.entries()].sort(([a], [b]) => a - b);
  const renewalOpen = deals.some((d) => d.kind === 'renewal' && !d.won && !d.lost);
  return sorted.map(([day, list], index) => {
    const next = sorted.slice(index + 1).find(([, later]) => later.some((d) => d.kind === 'renewal' || (d.kind === 'new' && d.won)));
    const followed = next !== undefined && next[1].some((d) => d.kind === 'renewal');
    const held = (followed || renewalOpen) && !list.some((d) => d.kind === 'renewal' && d.won);
    return [day, held ? list.map((d) => (d.kind === 'renewal' && d.lost ? { ...d, lost: false } : d)) : list];
  });
}

/** A customer: a contract in force, or none on record at all (no contract deal signed, lost as a renewal, or implied). */
function customerAfter(start: Contract, days: Array<[number, RawDeal[]]>, cut: number): boolean {
  let contract = start;
  let onRecord = start.active;
  let customer = start.active;
  for (const [day, list] of days) {
    contract = applyDay(contract, list);
    onRecord ||= contract.active || contract.ended;
    if (day <= cut) customer = contract.active;
  }
  return customer || !onRecord;
}

export function recompute(sandbox: Sandbox, from: string, to: string, cut: string) {
  const start = dayOf(from);
  const end = dayOf(to);
  const customers = { atStart: 0, atEnd: 0, new: 0, churned: 0, underContractAtStart: 0 };
  const renewals = { due: 0, renewed: 0, lost: 0, open: 0, dueValue: 0, renewedValue: 0, lapsed: 0, lapsedAmountUnknown: 0 };
  const arr = { start: 0, expansion: 0, contraction: 0, churned: 0, end: 0, new: 0 };
  const leftOut = new Map<string, number>();
  const reasons = new Map<string, { companies: number; value: number }>();
  let withAmounts = 0;
  let arrInferred = 0;
  for (const company of sandbox.store.list('companies').filter((c) => c.properties.lifecyclestage === 'customer')) {
    const deals = rawDeals(sandbox, company.id, dayOf(cut));
    const endProperty = company.properties.contract_end_date;
    const contractEnd = classify(deals, typeof endProperty === 'string' && endProperty !== '' ? dayOf(endProperty) : null);
    const days = byDay(deals);
    const customerAtStart = customerAfter(contractBeforeDeals(days), days, start - 1);
    const customerAtEnd = customerAfter(contractBeforeDeals(days), days, end);
    let contract = contractBeforeDeals(days);
    for (const [day, list] of days) if (day < start) contract = applyDay(contract, list);
    const inPeriod = days.filter(([day]) => day >= start && day <= end);
    const atStart = contract;
    let dueValue: number | null = null;
    let outcome: 'won' | 'lost' | null = null;
    let renewedValue = 0;
    for (const [, list] of inPeriod) {
      const due = list.filter((d) => d.kind === 'renewal');
      if (due.length > 0 && dueValue === null) dueValue = contract.active ? contract.arr : due.reduce((s, d) => s + d.amount, 0);
      if (due.some((d) => d.won)) {
        outcome = 'won';
        renewedValue = due.filter((d) => d.won).reduce((s, d) => s + d.amount, 0);
      } else if (due.some((d) => d.lost)) outcome = 'lost';
      contract = applyDay(contract, list);
    }
    const churned = outcome === 'lost' && !contract.active;
    // DOMAIN.md: a customer whose contract ended in the period is due for renewal, and with no renewal it is not renewed.
    // The contract lapsed (issue 19): no renewal deal fell due in the period, its end lies in the period before the day
    // of the read, no renewal deal is open and the customer has not churned. What was due: the ARR in force just before
    // the end, when the deals give one.
    let lapsedDue: number | null = null;
    let lapsed = false;
    if (dueValue === null && contractEnd !== null && contractEnd >= start && contractEnd <= end && contractEnd < dayOf(cut)) {
      let final = contractBeforeDeals(days);
      let before = final;
      for (const [day, list] of days) {
        final = applyDay(final, list);
        if (day < contractEnd) before = final;
      }
      const renewalOpen = deals.some((d) => d.kind === 'renewal' && !d.won && !d.lost);
      if (!renewalOpen && !final.ended) {
        lapsed = true;
        if (before.active && before.arr > 0) lapsedDue = before.arr;
      }
    }
    if ((atStart.active && atStart.inferred) || (contract.active && contract.inferred)) arrInferred += 1;
    const currency = deals[0]?.currency ?? 'USD';
    const inUsd = currency === 'USD';
    if (!inUsd && (atStart.active || dueValue !== null || lapsedDue !== null || contract.active)) leftOut.set(currency, (leftOut.get(currency) ?? 0) + 1);
    const money = (value: number) => (inUsd ? value : 0);
    if (customerAtStart) customers.atStart += 1;
    if (atStart.active) {
      customers.underContractAtStart += 1;
      if (inUsd) withAmounts += 1;
      arr.start += money(atStart.arr);
      if (churned) arr.churned += money(atStart.arr);
      else {
        const moved = money(contract.arr) - money(atStart.arr);
        if (moved > 0) arr.expansion += moved;
        else arr.contraction -= moved;
      }
    }
    if (customerAtEnd) customers.atEnd += 1;
    if (contract.active) arr.end += money(contract.arr);
    if (customerAtEnd && !customerAtStart) {
      customers.new += 1;
      arr.new += money(contract.arr);
    }
    // Churn among the customers under contract at the start: a contract signed and lost inside the period is no churn (nor new).
    if (churned && atStart.active) {
      customers.churned += 1;
      const reason = typeof company.properties.cs_churn_reason === 'string' ? company.properties.cs_churn_reason : 'not_recorded';
      const entry = reasons.get(reason) ?? { companies: 0, value: 0 };
      reasons.set(reason, { companies: entry.companies + 1, value: entry.value + money(atStart.arr) });
    }
    if (dueValue !== null) {
      renewals.due += 1;
      renewals.dueValue += money(dueValue);
      if (outcome === 'won') {
        renewals.renewed += 1;
        renewals.renewedValue += money(renewedValue);
      } else if (outcome === 'lost') renewals.lost += 1;
      else renewals.open += 1;
    } else if (lapsed) {
      renewals.due += 1;
      renewals.lapsed += 1;
      if (lapsedDue === null) renewals.lapsedAmountUnknown += 1;
      else renewals.dueValue += money(lapsedDue);
    }
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const revenueChurnRate = ratio(arr.churned, arr.start);
  // Annualised over the days the churn was watched: the period's, or up to the day of the read when the period runs past it.
  const watched = Math.min(end, dayOf(cut)) - start + 1;
  const annual = revenueChurnRate === null || watched <= 0 ? null : 1 - (1 - revenueChurnRate) ** (365 / watched);
  const averageArr = withAmounts > 0 ? arr.start / withAmounts : null;
  const lifetime = annual !== null && annual > 0 ? 1 / annual : null;
  return {
    period: { from, to },
    currency: 'USD',
    customers,
    renewals,
    renewalRate: ratio(renewals.renewed, renewals.due),
    revenueRenewalRate: ratio(renewals.renewedValue, renewals.dueValue),
    // DOMAIN.md: churned customers / customers under contract (those with no contract on record are not).
    logoChurnRate: ratio(customers.churned, customers.underContractAtStart),
    revenueChurnRate,
    grossRevenueRetention: ratio(arr.start - arr.churned - arr.contraction, arr.start),
    netRevenueRetention: ratio(arr.start + arr.expansion - arr.contraction - arr.churned, arr.start),
    arr,
    churnReasons: [...reasons.entries()].map(([reason, entry]) => ({ reason, ...entry })).sort((a, b) => b.value - a.value || b.companies - a.companies || a.reason.localeCompare(b.reason)),
    // Amounts are to the cent (the JSON's, the CSV's and the page's), rates as computed.
    ltv: { averageArr: toCents(averageArr), revenueChurnRate: annual, expectedLifetimeYears: lifetime, estimatedLtv: toCents(averageArr !== null && lifetime !== null ? averageArr * lifetime : null) },
    leftOut: [...leftOut.entries()].map(([currency, companies]) => ({ currency, companies })).sort((a, b) => a.currency.localeCompare(b.currency)),
    arrInferred,
  };
}

/** Every number to 12 significant digits. */
function toCents(amount: number | null): number | null {
  return amount === null ? null : Math.round(amount * 100) / 100;
}

export function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rounded(inner)]));
  return value;
}
