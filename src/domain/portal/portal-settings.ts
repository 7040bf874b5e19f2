import type { CsConfig } from '../../config/schema.ts';

// What the product learns about a portal once per process and hands the domain as plain data:
// its time zone and home currency (account details), and the real options of the CSM
// sentiment property (HubSpot does not document hs_csm_sentiment's option values, so they are
// read, never assumed). The configuration is then the one the rules read everywhere.

export interface PropertyOption {
  readonly value: string;
  readonly label: string;
}

export interface PortalSettings {
  /** IANA time zone; null when the account details could not be read. */
  readonly timeZone: string | null;
  /** Home currency; null when the account details could not be read. */
  readonly currency: string | null;
  /** The sentiment property's options; null when the property does not exist or could not be read. */
  readonly sentimentOptions: readonly PropertyOption[] | null;
}

export interface SentimentMapping {
  /** Options that got a score, by value or by label, and the score. */
  readonly mapped: ReadonlyArray<PropertyOption & { readonly score: number; readonly by: 'value' | 'label' }>;
  /** Options no configured value or label names: the factor cannot count them. */
  readonly unmapped: readonly PropertyOption[];
}

function normalised(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Each option of the sentiment property scored through `sentiment.values`, matched on the
 * option's value first, then its label (both case-insensitive).
 * @example sentimentMapping([{ value: 'option_1', label: 'Green' }, { value: 'x', label: 'Meh' }], { green: 100 })
 *   // -> mapped [{ value: 'option_1', label: 'Green', score: 100, by: 'label' }], unmapped [{ value: 'x', label: 'Meh' }]
 */
export function sentimentMapping(options: readonly PropertyOption[], values: Readonly<Record<string, number>>): SentimentMapping {
  const scores = new Map(Object.entries(values).map(([key, score]) => [normalised(key), score]));
  const mapped: Array<PropertyOption & { score: number; by: 'value' | 'label' }> = [];
  const unmapped: PropertyOption[] = [];
  for (const option of options) {
    const byValue = scores.get(normalised(option.value));
    const byLabel = scores.get(normalised(option.label));
    if (byValue !== undefined) mapped.push({ value: option.value, label: option.label, score: byValue, by: 'value' });
    else if (byLabel !== undefined) mapped.push({ value: option.value, label: option.label, score: byLabel, by: 'label' });
    else unmapped.push({ value: option.value, label: option.label });
  }
  return { mapped, unmapped };
}

/**
 * The configuration for this portal: its time zone and home currency where they are known,
 * sentiment values that also name each option's stored value (an option mapped by its label
 * scores the value HubSpot actually stores), and each option's label, so the card names a
 * sentiment as HubSpot shows it, not by its stored value.
 * @example configForPortal(config, { timeZone: 'America/Los_Angeles', currency: 'EUR', sentimentOptions: null }).currency === 'EUR'
 * @example configForPortal(defaultConfig, { timeZone: null, currency: null, sentimentOptions: [{ value: 'option_1', label: 'Green' }] }).sentiment.labels // => { option_1: 'Green' }
 */
export function configForPortal(config: CsConfig, settings: PortalSettings): CsConfig {
  const options = settings.sentimentOptions;
  const sentiment =
    options === null
      ? config.sentiment
      : {
          ...config.sentiment,
          values: { ...config.sentiment.values, ...Object.fromEntries(sentimentMapping(options, config.sentiment.values).mapped.map((option) => [option.value, option.score])) },
          labels: { ...config.sentiment.labels, ...Object.fromEntries(options.map((option) => [option.value, option.label])) },
        };
  return {
    ...config,
    timeZone: settings.timeZone ?? config.timeZone,
    currency: settings.currency ?? config.currency,
    sentiment,
  };
}
