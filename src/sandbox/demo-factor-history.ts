// The factor scores an earlier sync wrote beside a seeded past health score (cs_health_factors,
// format in src/domain/health/factor-history.ts), so a demo card can say which factors moved the score
// since 30 days ago. Each factor lies within 20 points of that past score.
import { csProperty } from '../domain/property-names.ts';
import { formatFactorScores } from '../domain/health/factor-history.ts';
import type { DemoContext } from './demo-records.ts';

const FACTOR_KEYS = ['nps', 'support', 'engagement', 'adoption', 'renewal', 'sentiment'] as const;

/** Seeds the history entry written with the score `days` ago (hour 3, like the score); returns the value, which is the property's current one. */
export function seedFactorHistory(ctx: DemoContext, companyId: string, score: { readonly value: string; readonly days: number }): string {
  const { random, calendar } = ctx;
  const base = Number(score.value);
  const value = formatFactorScores(
    FACTOR_KEYS.map((key) => ({ key, score: Math.min(100, Math.max(0, base + random.int(-20, 20))), status: 'ok' as const })),
  );
  ctx.store.seedHistory('companies', companyId, csProperty.healthFactors, [{ value, timestamp: calendar.datetime(-score.days, 3), sourceType: 'INTEGRATION' }]);
  return value;
}
