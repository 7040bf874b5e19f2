import { parseDay } from './dates.ts';
import { parseNumber } from './property-values.ts';
import type { PropertyValues } from './snapshot.ts';
import type { CardView, FactorView } from './view-model.ts';

// The company properties the product owns (DESIGN.md "Company properties the product
// owns"), computed from a card view, and the subset that actually changed: the sync writes
// only that, so an unchanged portfolio costs no writes.

export const ownedCompanyProperties = [
  'cs_health_score',
  'cs_health_band',
  'cs_health_trend_30d',
  'cs_health_updated_at',
  'cs_health_drivers',
  'cs_renewal_date',
  'cs_renewal_amount',
  'cs_company_nps',
  'cs_nps_responses',
  'cs_next_action',
  'cs_handoff_status',
] as const;

/** How many factors cs_health_drivers names. */
const driverCount = 3;

/** The owned properties for a view; '' clears a property. cs_health_updated_at is the caller's to stamp. */
export function healthProperties(view: CardView): Record<string, string> {
  return {
    cs_health_score: text(view.health.score),
    cs_health_band: view.health.band,
    cs_health_trend_30d: text(view.health.trend30d),
    cs_health_drivers: healthDrivers(view.health.factors),
    cs_renewal_date: view.renewal.date ?? '',
    cs_renewal_amount: text(view.renewal.amount),
    cs_company_nps: text(view.nps.score),
    cs_nps_responses: String(view.nps.responses),
    cs_next_action: view.actions[0]?.title ?? '',
    cs_handoff_status: view.handoff.status,
  };
}

function text(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * The counted factors that cost the most points, worst first, e.g.
 * "Support 35/100: 2 urgent tickets open, oldest 19 days; NPS 40/100: ...".
 */
export function healthDrivers(factors: readonly FactorView[]): string {
  return factors
    .filter((f) => f.contribution !== null && f.score !== null && f.score < 100)
    .map((f) => ({ f, lost: f.weight * (100 - (f.score ?? 0)) }))
    .sort((a, b) => b.lost - a.lost)
    .slice(0, driverCount)
    .map(({ f }) => `${f.label} ${f.score}/100: ${f.explanation}`)
    .join('; ');
}

/** The entries of `next` whose value differs from `current`, comparing numbers and dates by value. */
export function changedProperties(current: PropertyValues, next: Record<string, string>): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [name, value] of Object.entries(next)) {
    if (!sameValue(current[name], value)) changed[name] = value;
  }
  return changed;
}

function sameValue(current: string | null | undefined, next: string): boolean {
  const a = (current ?? '').trim();
  const b = next.trim();
  if (a === b) return true;
  if (a === '' || b === '') return false;
  const numberA = parseNumber(a);
  const numberB = parseNumber(b);
  if (numberA !== null && numberB !== null) return numberA === numberB;
  const dayA = parseDay(a);
  const dayB = parseDay(b);
  return dayA !== null && dayA === dayB;
}
