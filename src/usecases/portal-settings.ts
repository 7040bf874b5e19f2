import type { CsConfig } from '../config/schema.ts';
import { isTimeZone } from '../domain/parsing/index.ts';
import { configForPortal, type PortalSettings, type PropertyOption } from '../domain/portal/portal-settings.ts';
import type { AccountGateway, RateLimitInfo } from '../hubspot/account.ts';
import { HubSpotError } from '../hubspot/gateway.ts';
import type { PropertyGateway, ReadProperty } from '../hubspot/properties.ts';

// The portal's settings, read once per process (two calls: account details and the company
// property definitions) and folded into the configuration every rule reads. A setting that
// cannot be read leaves the configured value in place: the card and sync still run (on the
// configuration's time zone and currency), and `cs-card doctor` says what could not be read.

export interface PortalReaders {
  readonly account: AccountGateway;
  readonly properties: PropertyGateway;
}

export interface PortalReading {
  readonly settings: PortalSettings;
  readonly rateLimit: RateLimitInfo | null;
  /** Company property definitions, when readable (doctor checks more of them). */
  readonly companyProperties: readonly ReadProperty[] | null;
  /** Why a part could not be read (a HubSpot failure), per part. */
  readonly failures: { readonly account: HubSpotError | null; readonly properties: HubSpotError | null };
}

async function attempt<T>(read: () => Promise<T>): Promise<{ value: T | null; failure: HubSpotError | null }> {
  try {
    return { value: await read(), failure: null };
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind !== 'unauthorized') return { value: null, failure: error };
    throw error;
  }
}

export async function readPortal(readers: PortalReaders, config: CsConfig): Promise<PortalReading> {
  const [account, properties] = await Promise.all([attempt(() => readers.account.details()), attempt(() => readers.properties.properties())]);
  const details = account.value?.details ?? null;
  const sentiment = properties.value?.find((property) => property.name === config.sentiment.property) ?? null;
  const sentimentOptions: PropertyOption[] | null = sentiment === null ? null : sentiment.options.filter((option) => option.hidden !== true).map(({ value, label }) => ({ value, label }));
  return {
    settings: {
      timeZone: details !== null && isTimeZone(details.timeZone) ? details.timeZone : null,
      currency: details?.companyCurrency ?? null,
      sentimentOptions,
    },
    rateLimit: account.value?.rateLimit ?? null,
    companyProperties: properties.value,
    failures: { account: account.failure, properties: properties.failure },
  };
}

/** The configuration with the portal's time zone, home currency and sentiment options folded in. */
export async function portalConfig(readers: PortalReaders, config: CsConfig): Promise<CsConfig> {
  return configForPortal(config, (await readPortal(readers, config)).settings);
}
