import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { managerLists } from '../portfolio/manager-lists.ts';
import { inScope, scopeFilter } from './scope.ts';
import { testListName } from '../testing/wording.ts';

describe('a company in scope (one definition)', () => {
  it('is a company at one of the configured lifecycle stages, any case (the @examples)', () => {
    expect(scopeFilter(defaultConfig)).toEqual({ propertyName: 'lifecyclestage', operator: 'IN', values: ['customer'] });
    expect(inScope({ lifecyclestage: ' Customer' }, defaultConfig)).toBe(true);
    expect(inScope({ lifecyclestage: 'lead' }, defaultConfig)).toBe(false);
    expect(inScope({}, defaultConfig)).toBe(false);
    const config = parseConfig({ sync: { lifecycleStages: ['customer', 'evangelist'] } });
    expect(inScope({ lifecyclestage: 'evangelist' }, config)).toBe(true);
    expect(scopeFilter(config).values).toEqual(['customer', 'evangelist']);
  });

  it('the manager lists start from the same scope', () => {
    const config = parseConfig({ sync: { lifecycleStages: ['customer', 'evangelist'] } });
    for (const list of managerLists(config, testListName)) {
      expect(list.conditions[0]).toEqual({ property: 'lifecyclestage', test: 'any-of', values: ['customer', 'evangelist'] });
    }
  });
});
