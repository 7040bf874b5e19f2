import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../app/cards/i18n/messages.ts';
import { ConfigError, csConfigSchema, defaultConfig, parseConfig, portalLanguages } from './schema.ts';

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'cs-card.config.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration defaults', () => {
  it('gives the full default configuration for an empty file', () => {
    expect(csConfigSchema.parse({})).toEqual(defaultConfig);
    expect(defaultConfig).toMatchObject({
      currency: 'USD',
      sync: { lifecycleStages: ['customer'] },
      health: {
        weights: { nps: 20, support: 20, engagement: 20, adoption: 20, renewal: 10, sentiment: 10 },
        bands: { healthyMin: 76, attentionMin: 51 },
        minCoverage: 0.5,
      },
      nps: { windowDays: 180, lowSampleBelow: 5, surveyTypes: ['NPS'] },
      renewal: { dealTypes: [], existingBusinessDealTypes: ['existingbusiness'], contractEndDistanceDays: 60, contractTermMonths: 12, pipelines: [], companyDateProperty: 'contract_end_date' },
      support: { closedStages: ['4'] },
      sentiment: { property: 'hs_csm_sentiment', staleDays: 90 },
      playbooks: { noTouchDays: 45, rules: { 'renewal-save-plan': true } },
    });
  });

  it('keeps the defaults of the fields a file does not name', () => {
    const config = parseConfig({ nps: { windowDays: 90 }, health: { bands: { healthyMin: 80 } } });
    expect(config.nps).toEqual({ ...defaultConfig.nps, windowDays: 90 });
    expect(config.health.bands).toEqual({ healthyMin: 80, attentionMin: 51 });
    expect(config.health.weights).toEqual(defaultConfig.health.weights);
  });
});

describe('invalid configuration: every message names the field and the fix', () => {
  it('rejects weights that do not sum to 100', () => {
    expect(issuesOf({ health: { weights: { nps: 10 } } })).toEqual(['health.weights: the weights must sum to 100 (they sum to 90); adjust them']);
  });

  it('rejects bands in the wrong order', () => {
    expect(issuesOf({ health: { bands: { healthyMin: 50, attentionMin: 60 } } })).toEqual([
      'health.bands: attentionMin (60) must be below healthyMin (50); the bands run at_risk < attention < healthy',
    ]);
  });

  it('rejects wrong types, saying what to write and what the default is', () => {
    expect(issuesOf({ nps: { windowDays: '180' } })).toEqual(['nps.windowDays: expected a number, got "180"; write a number or remove the field to use the default (180)']);
    expect(issuesOf({ nps: { lowSampleBelow: 2.5 } })).toEqual(['nps.lowSampleBelow: expected a whole number, got 2.5; write a whole number or remove the field to use the default (5)']);
    expect(issuesOf({ renewal: { dealTypes: 'existingbusiness' } })[0]).toMatch(/^renewal\.dealTypes: expected a list \[\.\.\.\], got "existingbusiness"/);
    expect(issuesOf([])[0]).toMatch(/^\(top level\): expected an object/);
  });

  it('rejects out-of-range numbers', () => {
    expect(issuesOf({ health: { minCoverage: 1.5 } })).toEqual(['health.minCoverage: must be at most 1 (got 1.5); lower it or remove the field to use the default (0.5)']);
    expect(issuesOf({ nps: { windowDays: 0 } })[0]).toMatch(/^nps\.windowDays: must be at least 1 \(got 0\)/);
  });

  it('rejects misspelt fields, listing the known ones', () => {
    expect(issuesOf({ health: { weight: {} } })).toEqual([
      'health: unknown field "weight"; remove it or check the spelling (known fields: weights, bands, minCoverage, trendDays, factorChangePoints, historyDays)',
    ]);
    expect(issuesOf({ playbooks: { rules: { 'renewal-saveplan': false } } })[0]).toMatch(/^playbooks\.rules: unknown field "renewal-saveplan".*renewal-save-plan/);
  });

  it('accepts the catalog\'s five languages as the portal language (English by default) and names them when another is given', () => {
    expect(defaultConfig.portalLanguage).toBe('en');
    expect([...portalLanguages].sort()).toEqual(Object.keys(catalogs).sort());
    for (const language of portalLanguages) expect(parseConfig({ portalLanguage: language }).portalLanguage).toBe(language);
    expect(issuesOf({ portalLanguage: 'de' })).toEqual(['portalLanguage: must be one of "en", "zh-CN", "ja", "pl", "th" (got "de")']);
    expect(issuesOf({ portalLanguage: 'pl-PL' })).toEqual(['portalLanguage: must be one of "en", "zh-CN", "ja", "pl", "th" (got "pl-PL")']);
  });

  it('rejects bad property names and currencies with the expected shape', () => {
    expect(issuesOf({ adoption: { seatsActiveProperty: 'Active users' } })).toEqual([
      'adoption.seatsActiveProperty: must be a HubSpot property internal name (letters, digits and _), like "contract_end_date" (got "Active users")',
    ]);
    expect(issuesOf({ currency: 'usd' })[0]).toMatch(/^currency: must be a 3-letter ISO 4217 currency code/);
    expect(issuesOf({ handoff: { requiredFields: [{ property: 'cs_goals' }] } })).toEqual(['handoff.requiredFields[0].label: is required; add it']);
  });

  it('reports every problem at once, in a message naming the file', () => {
    try {
      parseConfig({ currency: 1, nps: { windowDays: -1 } }, 'team.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toHaveLength(2);
      expect((error as ConfigError).message).toMatch(/^team\.json: invalid configuration: currency: .+; nps\.windowDays: /);
      // Each issue is also a catalog message, worded in the reader's language where it is shown.
      expect((error as ConfigError).texts).toEqual([
        { code: 'config.issue.type', params: { at: 'field', field: 'currency', expected: 'string', got: 'value', gotValue: '1', fallback: 'short', fallbackValue: '"USD"' } },
        { code: 'config.issue.tooSmall', params: { at: 'field', field: 'nps.windowDays', origin: 'value', minimum: '1', count: 1, got: 'value', gotValue: '-1', fallback: 'short', fallbackValue: '180' } },
      ]);
    }
  });
});

describe('any configuration file', () => {
  // Shaped like the real file, with wrong values and unknown keys in it, plus arbitrary JSON.
  const value = fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }));
  const section = fc.dictionary(fc.constantFrom('windowDays', 'weights', 'bands', 'nps', 'minCoverage', 'dealTypes', 'property', 'rules', 'typo'), value, { maxKeys: 3 });
  const file = fc.oneof(
    fc.dictionary(fc.constantFrom('currency', 'health', 'nps', 'renewal', 'support', 'sentiment', 'playbooks', 'handoff', 'adoption', 'mystery'), fc.oneof(value, section), { maxKeys: 4 }),
    fc.jsonValue(),
  );

  it('either parses or fails with a ConfigError whose every message names the field and what to do', () => {
    fc.assert(
      fc.property(file, (raw) => {
        let issues: string[];
        try {
          parseConfig(raw, 'cs-card.config.json');
          return;
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          issues = (error as ConfigError).issues;
        }
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) {
          // "<field path>: <what is wrong>; <what to do>" (or the top level for a non-object file)
          expect(issue).toMatch(/^(\(top level\)|[A-Za-z][\w-]*(\.[\w-]+|\[\d+\])*): \S/);
          expect(issue).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
