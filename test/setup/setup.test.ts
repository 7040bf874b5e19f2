import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/schema.ts';
import { productProperties, propertyGroup } from '../../src/domain/properties.ts';
import { ownedCompanyProperties } from '../../src/domain/sync/written-values.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { messages as ja } from '../../src/app/cards/i18n/catalog/ja.ts';
import type { MessageKey } from '../../src/app/cards/i18n/messages.ts';
import { propertyWords } from '../../src/usecases/portal-wording.ts';
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
    expect(first.created.length + first.updated.length + first.unchanged.length).toBe(productProperties(config, propertyWords('en')).length);

    sandbox.log.clear();
    const second = await setup();
    expect(second).toEqual({ group: 'unchanged', created: [], updated: [], unchanged: productProperties(config, propertyWords('en')).map((p) => p.name), failed: [], lists: null });
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

  it('labels the group, the properties and their options and describes the properties in the portal\'s language (portalLanguage), then changes nothing; English relabels and redescribes them once', async () => {
    const { client, config } = await demo();
    const gateway = new PropertyGateway(client, fastRetry);
    const japanese = { ...config, portalLanguage: 'ja' as const };
    await runSetup({ properties: gateway, config: japanese });
    const properties = new Map((await gateway.properties()).map((property) => [property.name, property]));
    expect((await gateway.groups()).find((group) => group.name === propertyGroup.name)?.label).toBe('カスタマーサクセス');
    expect(properties.get('cs_health_score')?.label).toBe('ヘルススコア');
    expect(properties.get('cs_health_score')?.description).toBe(ja['property.description.healthScore']);
    expect(properties.get('cs_handoff_champion_id')?.description).toBe('営業からの引き継ぎ：社内推進者（チャンピオン）（HubSpot のコンタクト ID）。');
    const bands = ['healthy', 'attention', 'at_risk', 'unknown', 'churned'];
    expect(properties.get('cs_health_band')?.options.map((o) => [o.value, o.label])).toEqual(bands.map((value) => [value, ja[`band.${value}` as MessageKey]]));
    expect(properties.get('cs_lifecycle_stage')?.options.map((o) => o.label)).toEqual(['見込み客', 'オンボーディング中', '利用中の顧客', '契約更新中', '解約済み']);
    const again = await runSetup({ properties: gateway, config: japanese });
    expect(again).toMatchObject({ group: 'unchanged', created: [], updated: [], failed: [] });
    const english = await runSetup({ properties: gateway, config });
    expect(english.group).toBe('updated');
    expect(english.updated.map((u) => u.name)).toEqual(productProperties(config, propertyWords('en')).map((p) => p.name));
    expect(english.updated.every((u) => u.fields.includes('description') && u.fields.every((field) => field === 'label' || field === 'description' || field === 'options'))).toBe(true);
    const inEnglish = new Map((await gateway.properties()).map((property) => [property.name, property]));
    expect(inEnglish.get('cs_health_score')?.description).toBe('Customer health, 0-100, from the weighted factors of the customer-success card. Empty when too little data.');
  });

  it('creates the group in an empty portal and puts a property someone edited back', async () => {
    const portal = await openPortal({ data: 'empty' });
    const gateway = new PropertyGateway(portal.client, fastRetry);
    expect((await runSetup({ properties: gateway, config: defaultConfig })).group).toBe('created');
    await portal.client.crm.properties.coreApi.update('companies', 'cs_health_band', { label: 'Health (renamed by an admin)' });
    const again = await runSetup({ properties: gateway, config: defaultConfig });
    expect(again.updated).toEqual([{ name: 'cs_health_band', fields: ['label'] }]);
  });

  it('leaves handoff fields the configuration points outside the cs_ namespace alone', async () => {
    const config = parseConfig({ handoff: { requiredFields: [{ property: 'crm_goals', label: 'Goals' }], optionalFields: [] } });
    const names = productProperties(config, propertyWords('en')).map((p) => p.name);
    expect(names).not.toContain('crm_goals');
    expect(names).toContain('cs_handoff_status');
  });
});
