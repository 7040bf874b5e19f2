import { csProperty } from '../property-names.ts';
import type { CsConfig } from '../../config/schema.ts';
import { scopeFilter } from '../sync/scope.ts';

// The HubSpot lists `cs-card setup --lists` creates for CS managers: every customer in scope
// that is at risk, renewing soon without being healthy, or a net detractor. Conditions are
// ANDed and read the properties sync writes, so the lists stay current with every sync.
// Their names are the catalog's (setup.list.*), in the portal's language; setup finds the lists it
// made by those names in any catalog language (manager-list-match.ts), so a change of language
// renames them instead of making copies.

export type ListCondition =
  | { readonly property: string; readonly test: 'any-of' | 'none-of'; readonly values: readonly string[] }
  | { readonly property: string; readonly test: 'below'; readonly value: number }
  | { readonly property: string; readonly test: 'within-next-days' | 'within-last-days'; readonly days: number };

export const managerListKeys = ['atRisk', 'renewingNotHealthy', 'detractors', 'churned'] as const;
export type ManagerListKey = (typeof managerListKeys)[number];

export interface ManagerList {
  readonly key: ManagerListKey;
  /** Its name in the portal's language (the catalog's setup.list.<key>). */
  readonly name: string;
  readonly conditions: readonly ListCondition[];
}

/**
 * The lists setup creates, each customer in scope (the sync's lifecycle stages) and one condition
 * more, named by `name` (the portal's language: the shell's names from the catalog's setup.list.*;
 * `english.listName` in the examples).
 *
 * @example
 * managerLists(defaultConfig, english.listName)[0]
 * // => { key: 'atRisk', name: 'Customer success: at-risk customers', conditions: [{ property: 'lifecyclestage', test: 'any-of', values: ['customer'] }, { property: 'cs_health_band', test: 'any-of', values: ['at_risk'] }] }
 * managerLists(defaultConfig, english.listName).length // => 4
 */
export function managerLists(config: CsConfig, name: (key: ManagerListKey) => string): ManagerList[] {
  const scope = scopeFilter(config);
  const inScope: ListCondition = { property: scope.propertyName, test: 'any-of', values: scope.values };
  return [
    { key: 'atRisk', name: name('atRisk'), conditions: [inScope, { property: csProperty.healthBand, test: 'any-of', values: ['at_risk'] }] },
    {
      // The renewing stage is an open renewal within 90 days or overdue (the most urgent ones).
      key: 'renewingNotHealthy',
      name: name('renewingNotHealthy'),
      conditions: [
        inScope,
        { property: csProperty.lifecycleStage, test: 'any-of', values: ['renewing'] },
        { property: csProperty.healthBand, test: 'none-of', values: ['healthy'] },
      ],
    },
    {
      key: 'detractors',
      name: name('detractors'),
      conditions: [inScope, { property: csProperty.companyNps, test: 'below', value: 0 }],
    },
    {
      key: 'churned',
      name: name('churned'),
      conditions: [inScope, { property: csProperty.lifecycleStage, test: 'any-of', values: ['churned'] }, { property: csProperty.lifecycleSince, test: 'within-last-days', days: 90 }],
    },
  ];
}
