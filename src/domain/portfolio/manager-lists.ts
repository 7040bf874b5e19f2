import { csProperty } from '../property-names.ts';
import type { CsConfig } from '../../config/schema.ts';
import { scopeFilter } from '../sync/scope.ts';

// The HubSpot lists `cs-card setup --lists` creates for CS managers: every customer in scope
// that is at risk, renewing soon without being healthy, or a net detractor. Conditions are
// ANDed and read the properties sync writes, so the lists stay current with every sync.

export type ListCondition =
  | { readonly property: string; readonly test: 'any-of' | 'none-of'; readonly values: readonly string[] }
  | { readonly property: string; readonly test: 'below'; readonly value: number }
  | { readonly property: string; readonly test: 'within-next-days' | 'within-last-days'; readonly days: number };

export interface ManagerList {
  readonly name: string;
  readonly conditions: readonly ListCondition[];
}

/**
 * The lists setup creates, each customer in scope (the sync's lifecycle stages) and one condition more.
 *
 * @example
 * managerLists(defaultConfig)[0]
 * // => { name: 'Customer success: at-risk customers', conditions: [{ property: 'lifecyclestage', test: 'any-of', values: ['customer'] }, { property: 'cs_health_band', test: 'any-of', values: ['at_risk'] }] }
 * managerLists(defaultConfig).length // => 4
 */
export function managerLists(config: CsConfig): ManagerList[] {
  const scope = scopeFilter(config);
  const inScope: ListCondition = { property: scope.propertyName, test: 'any-of', values: scope.values };
  return [
    { name: 'Customer success: at-risk customers', conditions: [inScope, { property: csProperty.healthBand, test: 'any-of', values: ['at_risk'] }] },
    {
      // The renewing stage is an open renewal within 90 days or overdue (the most urgent ones).
      // (The name stays: setup finds the lists it made by name.)
      name: 'Customer success: renewing in 90 days, not healthy',
      conditions: [
        inScope,
        { property: csProperty.lifecycleStage, test: 'any-of', values: ['renewing'] },
        { property: csProperty.healthBand, test: 'none-of', values: ['healthy'] },
      ],
    },
    {
      name: 'Customer success: detractors (company NPS below 0)',
      conditions: [inScope, { property: csProperty.companyNps, test: 'below', value: 0 }],
    },
    {
      name: 'Customer success: churned in the last 90 days',
      conditions: [inScope, { property: csProperty.lifecycleStage, test: 'any-of', values: ['churned'] }, { property: csProperty.lifecycleSince, test: 'within-last-days', days: 90 }],
    },
  ];
}
