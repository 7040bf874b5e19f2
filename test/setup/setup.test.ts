import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/schema.ts';
import { productProperties, propertyGroup } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { ListGateway } from '../../src/hubspot/lists.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { fakeListsApi } from './lists-api.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { messages as ja } from '../../src/app/cards/i18n/catalog/ja.ts';
import type { MessageKey } from '../../src/app/cards/i18n/messages.ts';
import { listName } from '../../src/usecases/portal-wording.ts';
import { fastRetry, portalsClosedAfterEach, type PortfolioPortal } from '../sync/portfolio-portal.ts';
import { loadEveryCatalog } from '../../src/app/cards/i18n/messages.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

const openPortal = portalsClosedAfterEach();

async function demo(companies = 5): Promise<PortfolioPortal> {
  return openPortal({ companies });
}

describe('cs-card setup against the sandbox', () => {
  it('creates the group and every missing property, fixes the drifted ones, and the second run changes nothing', async () => {
    const { sandbox, client, config } = await demo();
    const setup = () => runSetup({ properties: new PropertyGateway(client, fastRetry), config });

    const first = await setup();
    // The demo portal carries cs_health_score, cs_health_factors and cs_handoff_status from an earlier install, with other labels.
    expect(first.group).toBe('unchanged');
    expect(first.updated.map((u) => u.name).sort()).toEqual(['cs_handoff_status', 'cs_health_factors', 'cs_health_score']);
    expect(first.created).toContain('cs_health_band');
    expect(first.failed).toEqual([]);
    expect(first.created.length + first.updated.length + first.unchanged.length).toBe(productProperties(config).length);

    sandbox.log.clear();
    const second = await setup();
    expect(second).toEqual({ group: 'unchanged', created: [], updated: [], unchanged: productProperties(config).map((p) => p.name), failed: [], lists: null });
    // Two reads, no writes.
    expect(sandbox.log.entries.map((e) => e.method)).toEqual(['GET', 'GET']);
  });

  it('makes HubSpot hold exactly the definitions, including the band options sync writes', async () => {
    const { client, config } = await demo();
    await runSetup({ properties: new PropertyGateway(client, fastRetry), config });
    const properties = await new PropertyGateway(client, fastRetry).properties();
    const band = properties.find((p) => p.name === 'cs_health_band');
    expect(band).toMatchObject({ type: 'enumeration', fieldType: 'select', groupName: propertyGroup.name });
    expect(band?.options.map((o) => o.value)).toEqual(['healthy', 'attention', 'at_risk', 'unknown', 'churned']);
    const names = new Set(properties.map((p) => p.name));
    for (const name of ownedCompanyProperties) expect(names).toContain(name);
  });

  it('labels the group, the properties and their options in the portal\'s language (portalLanguage), then changes nothing; English relabels them once', async () => {
    const { client, config } = await demo();
    const gateway = new PropertyGateway(client, fastRetry);
    const japanese = { ...config, portalLanguage: 'ja' as const };
    await runSetup({ properties: gateway, config: japanese });
    const properties = new Map((await gateway.properties()).map((property) => [property.name, property]));
    expect((await gateway.groups()).find((group) => group.name === propertyGroup.name)?.label).toBe('カスタマーサクセス');
    expect(properties.get('cs_health_score')?.label).toBe('ヘルススコア');
    const bands = ['healthy', 'attention', 'at_risk', 'unknown', 'churned'];
    expect(properties.get('cs_health_band')?.options.map((o) => [o.value, o.label])).toEqual(bands.map((value) => [value, ja[`band.${value}` as MessageKey]]));
    expect(properties.get('cs_lifecycle_stage')?.options.map((o) => o.label)).toEqual(['見込み客', 'オンボーディング中', '利用中の顧客', '契約更新中', '解約済み']);
    const again = await runSetup({ properties: gateway, config: japanese });
    expect(again).toMatchObject({ group: 'unchanged', created: [], updated: [], failed: [] });
    const english = await runSetup({ properties: gateway, config });
    expect(english.group).toBe('updated');
    expect(english.updated.map((u) => u.name)).toEqual(productProperties(config).map((p) => p.name));
    expect(english.updated.every((u) => u.fields.every((field) => field === 'label' || field === 'options'))).toBe(true);
  });

  it('creates the group in an empty portal and puts a property someone edited back', async () => {
    const portal = await openPortal({ data: 'empty' });
    const gateway = new PropertyGateway(portal.client, fastRetry);
    expect((await runSetup({ properties: gateway, config: defaultConfig })).group).toBe('created');
    await portal.client.crm.properties.coreApi.update('companies', 'cs_health_band', { label: 'Health (renamed by an admin)' });
    const again = await runSetup({ properties: gateway, config: defaultConfig });
    expect(again.updated).toEqual([{ name: 'cs_health_band', fields: ['label'] }]);
  });

  it('--lists creates the four manager lists once, on the properties sync writes', async () => {
    const { client, config } = await demo();
    const lists = fakeListsApi();
    const setup = () => runSetup({ properties: new PropertyGateway(client, fastRetry), lists: new ListGateway(client, fastRetry), config }, { lists: true });
    const names = managerLists(config).map((list) => list.name);

    const first = await setup();
    expect(first.lists).toEqual(names.map((name) => ({ name, outcome: 'created' })));
    expect([...lists.keys()]).toEqual(names);
    const properties = (name: string) => lists.get(name)?.filterBranch.filterBranches.flatMap((branch) => branch.filters.map((f) => f.property));
    expect(properties('Customer success: at-risk customers')).toEqual(['lifecyclestage', 'cs_health_band']);
    // Renewing: an open renewal within 90 days or overdue (the most urgent ones), from the lifecycle stage sync writes.
    expect(properties('Customer success: renewing in 90 days, not healthy')).toEqual(['lifecyclestage', 'cs_lifecycle_stage', 'cs_health_band']);
    expect(properties('Customer success: churned in the last 90 days')).toEqual(['lifecyclestage', 'cs_lifecycle_stage', 'cs_lifecycle_since']);
    expect(properties('Customer success: detractors (company NPS below 0)')).toEqual(['lifecyclestage', 'cs_company_nps']);

    const second = await setup();
    expect(second.lists).toEqual(names.map((name) => ({ name, outcome: 'exists' })));
    expect(lists.size).toBe(4);
  });

  it('--lists creates the four manager lists in the sandbox\'s own Lists v3 routes (spec-valid bodies), once', async () => {
    const { sandbox, client, config } = await demo();
    const setup = () => runSetup({ properties: new PropertyGateway(client, fastRetry), lists: new ListGateway(client, fastRetry), config }, { lists: true });
    const names = managerLists(config).map((list) => list.name);

    const first = await setup();
    expect(first.lists).toEqual(names.map((name) => ({ name, outcome: 'created' })));
    // The sandbox refuses a list body that lacks the spec's required fields with a 400, so every list arriving means every body was valid.
    const creates = sandbox.log.entries.filter((e) => e.method === 'POST' && e.path.startsWith('/crm/v3/lists'));
    expect(creates).toHaveLength(names.length);
    expect(creates.every((e) => e.status >= 200 && e.status < 300)).toBe(true);

    const second = await setup();
    expect(second.lists).toEqual(names.map((name) => ({ name, outcome: 'exists' })));
  });

  it('--lists names the lists in the portal\'s language (portalLanguage), once; the English ones are other lists', async () => {
    const { client, config } = await demo();
    const setup = (language: 'pl' | 'en') =>
      runSetup({ properties: new PropertyGateway(client, fastRetry), lists: new ListGateway(client, fastRetry), config: { ...config, portalLanguage: language } }, { lists: true });
    const polish = ['Customer success: klienci z ryzykiem odejścia', 'Customer success: odnowienie w ciągu 90 dni, bez dobrej kondycji', 'Customer success: krytycy (NPS firmy poniżej 0)', 'Customer success: klienci, którzy odeszli w ostatnich 90 dniach'];

    expect((await setup('pl')).lists).toEqual(polish.map((name) => ({ name, outcome: 'created' })));
    expect((await setup('pl')).lists).toEqual(polish.map((name) => ({ name, outcome: 'exists' })));
    // HubSpot holds them under these names; the lists are the same but for the name.
    for (const name of polish) expect((await client.crm.lists.listsApi.getByName(name, '0-2')).list.name).toBe(name);
    const english = managerLists(config);
    managerLists({ ...config, portalLanguage: 'pl' }, listName('pl')).forEach((list, index) => expect({ ...list, name: english[index]?.name }).toEqual(english[index]));
    expect((await setup('en')).lists).toEqual(managerLists(config).map((list) => ({ name: list.name, outcome: 'created' })));
  });

  it('leaves handoff fields the configuration points outside the cs_ namespace alone', async () => {
    const config = parseConfig({ handoff: { requiredFields: [{ property: 'crm_goals', label: 'Goals' }], optionalFields: [] } });
    const names = productProperties(config).map((p) => p.name);
    expect(names).not.toContain('crm_goals');
    expect(names).toContain('cs_handoff_status');
  });
});
