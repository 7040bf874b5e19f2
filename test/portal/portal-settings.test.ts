import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { requiredProperties } from '../../src/domain/card/requirements.ts';
import { AccountGateway } from '../../src/hubspot/account.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { Deadline } from '../../src/hubspot/gateway.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { createSandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { getCardView } from '../../src/usecases/card-view.ts';
import { portalConfig, readPortal } from '../../src/usecases/portal-settings.ts';
import { writebackFor } from '../../src/domain/sync/write-rules.ts';
import { HubSpotGateway } from '../../src/hubspot/gateway.ts';
import { MemoryStore } from '../../src/sandbox/store.ts';
import { mswServer } from '../msw.ts';
import { portalWording } from '../../src/usecases/portal-wording.ts';

// The portal's settings (account details, sentiment options) read once through the SDK from the
// sandbox, and what they change: the day a close date falls on, the currency of amounts, and the
// sentiment factor.

const fast = { retries: 1, minBackoffMs: 1, maxBackoffMs: 2, sleep: async () => undefined };

/** The cards below are read as of 2026-12-01: the portal's clock says that day, or what is created in it comes after it and is left out. */
const seededAt = () => Date.parse('2026-12-01T10:00:00.000Z');

function portal(options: SandboxOptions = { data: 'empty' }, token = 'pat-test-token') {
  const sandbox = createSandbox({ clock: seededAt, ...options });
  mswServer.use(...sandbox.mswHandlers());
  const client = createHubSpotClient({ accessToken: token, idleTimeoutMs: 500 });
  return {
    sandbox,
    readers: { account: new AccountGateway(client, token, fast), properties: new PropertyGateway(client, fast) },
    gateway: new HubSpotGateway(client, fast),
  };
}

function seedRenewal(p: ReturnType<typeof portal>, deal: Record<string, string>) {
  const store = p.sandbox.store;
  const company = store.create('companies', { name: 'Acme', lifecyclestage: 'customer', hs_csm_sentiment: 'positive' });
  const created = store.create('deals', { dealname: 'Acme renewal', dealtype: 'existingbusiness', dealstage: 'contractsent', pipeline: 'default', ...deal });
  store.associate('companies', company.id, 'deals', created.id);
  return company.id;
}

describe('portal settings read from the account details API', () => {
  it('reads the time zone, home currency and the rate limit headers', async () => {
    const p = portal({ data: 'empty', account: { timeZone: 'America/Los_Angeles', currency: 'EUR' } });
    p.sandbox.controls.rateLimit = { max: 190, intervalMs: 10_000 };
    const reading = await readPortal(p.readers, defaultConfig);
    expect(reading.settings).toMatchObject({ timeZone: 'America/Los_Angeles', currency: 'EUR' });
    expect(reading.rateLimit).toMatchObject({ max: 190, intervalMs: 10_000 });
    expect(reading.settings.sentimentOptions?.map((option) => option.value)).toEqual(['positive', 'neutral', 'negative']);
  });

  it('reads the token scopes from the private-app token info endpoint', async () => {
    const p = portal({ data: 'empty', scopes: ['crm.objects.companies.read'] });
    expect(await p.readers.account.scopes()).toEqual(['crm.objects.companies.read']);
  });

  it('a renewal closing 2027-01-01T01:00:00Z in a portal on America/Los_Angeles is due 2026-12-31', async () => {
    const p = portal({ data: 'empty', account: { timeZone: 'America/Los_Angeles', currency: 'USD' } });
    const companyId = seedRenewal(p, { closedate: '2027-01-01T01:00:00.000Z', amount: '12000', deal_currency_code: 'USD' });
    const config = await portalConfig(p.readers, defaultConfig);
    const view = await getCardView({ gateway: p.gateway, config, now: () => new Date('2026-12-01T12:00:00Z') }, { companyId, asOf: '2026-12-01' });
    expect(view.renewal).toMatchObject({ date: '2026-12-31', daysToRenewal: 30, window: 'd30' });
    const utc = await getCardView({ gateway: p.gateway, config: defaultConfig, now: () => new Date() }, { companyId, asOf: '2026-12-01' });
    expect(utc.renewal.date).toBe('2027-01-01');
  });

  it('"today" is the portal\'s day: 03:00 UTC on 1 December is still 30 November in Los Angeles', async () => {
    const p = portal({ data: 'empty', account: { timeZone: 'America/Los_Angeles' } });
    const companyId = seedRenewal(p, { closedate: '2026-12-31T20:00:00.000Z' });
    const config = await portalConfig(p.readers, defaultConfig);
    const view = await getCardView({ gateway: p.gateway, config, now: () => new Date('2026-12-01T03:00:00Z') }, { companyId });
    expect(view.asOf).toBe('2026-11-30');
  });

  it('a EUR deal in a USD portal writes the home-currency amount (amount_in_home_currency)', async () => {
    const p = portal({ data: 'empty', account: { currency: 'USD', additionalCurrencies: ['EUR'] } });
    const companyId = seedRenewal(p, { closedate: '2026-12-20T17:00:00.000Z', amount: '10000', deal_currency_code: 'EUR', amount_in_home_currency: '10800' });
    const config = await portalConfig(p.readers, defaultConfig);
    const view = await getCardView({ gateway: p.gateway, config, now: () => new Date() }, { companyId, asOf: '2026-12-01' });
    expect(view.renewal).toMatchObject({ amount: 10800, currency: 'USD' });
    expect(view.renewal).toMatchObject({ dealAmount: 10000, dealCurrency: 'EUR' });
    const snapshot = await p.gateway.companySnapshot(companyId, requiredProperties(config), new Deadline(5_000));
    const writeback = writebackFor(snapshot, config, { asOf: '2026-12-01', generatedAt: '2026-12-01T10:00:00.000Z' }, portalWording(config));
    expect(writeback).toMatchObject({ kind: 'write', properties: { cs_renewal_amount: '10800' } });
  });

  it('sentiment options read from the portal drive the factor, matched by label', async () => {
    const p = portal({ data: 'empty' });
    const store = p.sandbox.store;
    if (!(store instanceof MemoryStore)) throw new Error('the sandbox store is not a MemoryStore');
    const sentiment = store.schema.property('companies', 'hs_csm_sentiment');
    if (!sentiment) throw new Error('the sandbox has no hs_csm_sentiment');
    store.schema.putProperty('companies', {
      ...sentiment,
      options: [
        { value: 'option_a', label: 'Green', displayOrder: 0, hidden: false },
        { value: 'option_b', label: 'Amber', displayOrder: 1, hidden: false },
        { value: 'option_c', label: 'Red', displayOrder: 2, hidden: false },
      ],
    });
    const company = p.sandbox.store.create('companies', { name: 'Acme', lifecyclestage: 'customer', hs_csm_sentiment: 'option_a' });
    const reading = await readPortal(p.readers, defaultConfig);
    expect(reading.settings.sentimentOptions).toHaveLength(3);
    const config = await portalConfig(p.readers, defaultConfig);
    const view = await getCardView({ gateway: p.gateway, config, now: () => new Date() }, { companyId: company.id, asOf: '2026-12-01' });
    expect(view.health.factors.find((factor) => factor.key === 'sentiment')).toMatchObject({ status: 'ok', score: 100 });
    // Named as HubSpot shows the option (its label), never by its stored value: a word the catalog words in each language.
    const named = view.health.factors.find((factor) => factor.key === 'sentiment');
    expect(named?.explanation).toMatch(/^CSM sentiment "Green"/);
    expect(named?.explanationMessage?.params).toMatchObject({ value: 'green' });
    expect(JSON.stringify(named)).not.toContain('option_a');
    const unmapped = await getCardView({ gateway: p.gateway, config: defaultConfig, now: () => new Date() }, { companyId: company.id, asOf: '2026-12-01' });
    expect(unmapped.health.factors.find((factor) => factor.key === 'sentiment')).toMatchObject({ status: 'no_data' });
  });
});
