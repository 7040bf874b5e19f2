import type { CsConfig } from '../../config/schema.ts';

// "A company in scope", defined once: the companies the product looks after are those whose
// HubSpot lifecycle stage is one of `sync.lifecycleStages` (default: customer). Sync scores
// and writes them; the managers' book and report, the preview's company picker, the doctor's
// sample and the manager lists read them. HubSpot is asked with `scopeFilter`; a company read
// by id (webhooks, an incremental sync's changed ids) is tested with `inScope`.

/** The company property that puts a company in scope. */
export const scopeProperty = 'lifecyclestage';

/**
 * The search filter that finds the companies in scope (HubSpot compares enumeration values
 * without regard to case).
 *
 * @example
 * scopeFilter(defaultConfig) // => { propertyName: 'lifecyclestage', operator: 'IN', values: ['customer'] }
 */
export function scopeFilter(config: CsConfig): { readonly propertyName: string; readonly operator: 'IN'; readonly values: readonly string[] } {
  return { propertyName: scopeProperty, operator: 'IN', values: config.sync.lifecycleStages };
}

const stageSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Whether a company, by its property values, is in scope: its lifecycle stage (trimmed, any
 * case) is one of the configured ones.
 *
 * @example
 * inScope({ lifecyclestage: ' Customer' }, defaultConfig) // => true
 * inScope({ lifecyclestage: 'lead' }, defaultConfig)      // => false
 */
export function inScope(properties: Readonly<Record<string, string | null | undefined>>, config: CsConfig): boolean {
  const stages = config.sync.lifecycleStages;
  let set = stageSets.get(stages);
  if (set === undefined) {
    set = new Set(stages.map((stage) => stage.toLowerCase()));
    stageSets.set(stages, set);
  }
  return set.has((properties[scopeProperty] ?? '').trim().toLowerCase());
}
