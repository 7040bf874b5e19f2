import { describe, expect, it } from 'vitest';
import { parseConfig, type CsConfig, type PortalLanguage } from '../../src/config/schema.ts';
import { managerLists } from '../../src/domain/portfolio/manager-lists.ts';
import { filterBranchOf, listRequest, zoneIdsOf } from '../../src/hubspot/list-definitions.ts';
import { ListGateway } from '../../src/hubspot/lists.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { AccountGateway } from '../../src/hubspot/account.ts';
import { listName } from '../../src/usecases/portal-wording.ts';
import { portalConfig } from '../../src/usecases/portal-settings.ts';
import { runSetup, type SetupReport } from '../../src/usecases/setup.ts';
import { loadEveryCatalog } from '../../src/app/cards/i18n/messages.ts';
import { fastRetry, portalsClosedAfterEach, type PortfolioPortal } from '../sync/portfolio-portal.ts';

// `cs-card setup --lists` against the sandbox's Lists v3 routes (create, find by name, rename,
// update filters; bodies checked as HubSpot's spec requires), through the real SDK: the lists
// keep their ids across a change of the portal's language, no copies are made, a second run
// changes nothing, and a list changed by hand in HubSpot is left alone.

loadEveryCatalog();
const openPortal = portalsClosedAfterEach();

const japanese = ['カスタマーサクセス：解約リスクのある顧客', 'カスタマーサクセス：90 日以内に契約更新、ヘルスが良好でない顧客', 'カスタマーサクセス：批判者（会社の NPS が 0 未満）', 'カスタマーサクセス：過去 90 日以内に解約した顧客'];

function harness(portal: PortfolioPortal) {
  const { sandbox, client } = portal;
  const setup = async (language: PortalLanguage, config: CsConfig = portal.config): Promise<SetupReport['lists']> =>
    (await runSetup({ properties: new PropertyGateway(client, fastRetry), lists: new ListGateway(client, fastRetry), config: { ...config, portalLanguage: language } }, { lists: true })).lists;
  const stored = () => [...sandbox.store.lists.values()].map((list) => ({ listId: list.listId, name: list.name }));
  const writes = () => sandbox.log.entries.filter((e) => e.method !== 'GET' && e.path.startsWith('/crm/v3/lists'));
  return { setup, stored, writes, sandbox, client };
}

describe('cs-card setup --lists against the sandbox', () => {
  it('creates the four lists with spec-valid bodies, on the properties sync writes; a second run changes nothing', async () => {
    const { setup, stored, writes, sandbox } = harness(await openPortal({ companies: 5 }));
    const names = managerLists(parseConfig({}), listName('en')).map((list) => list.name);

    const first = await setup('en');
    expect(first?.map((l) => l.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(first?.map((l) => l.name)).toEqual(names);
    // The sandbox answers a body without the spec's required fields with a 400: each list arriving means each body was valid.
    expect(stored().map((l) => l.name)).toEqual(names);
    const properties = (index: number) => [...sandbox.store.lists.values()][index]?.filterBranch?.filterBranches.flatMap((b) => b.filters.map((f) => f.property));
    expect(properties(0)).toEqual(['lifecyclestage', 'cs_health_band']);
    // Renewing: an open renewal within 90 days or overdue, from the lifecycle stage sync writes.
    expect(properties(1)).toEqual(['lifecyclestage', 'cs_lifecycle_stage', 'cs_health_band']);
    expect(properties(2)).toEqual(['lifecyclestage', 'cs_company_nps']);
    expect(properties(3)).toEqual(['lifecyclestage', 'cs_lifecycle_stage', 'cs_lifecycle_since']);

    sandbox.log.clear();
    const second = await setup('en');
    expect(second).toEqual(stored().map(({ listId, name }) => ({ name, listId, outcome: 'unchanged' })));
    expect(writes()).toEqual([]);
  });

  it('after a change to Japanese, renames the English lists (same ids, no copies); run twice, the second changes nothing', async () => {
    const { setup, stored, writes, sandbox } = harness(await openPortal({ companies: 5 }));
    await setup('en');
    const english = stored();

    sandbox.log.clear();
    const renamed = await setup('ja');
    expect(renamed).toEqual(english.map(({ listId, name }, i) => ({ name: japanese[i], listId, outcome: 'renamed', previousName: name })));
    expect(stored()).toEqual(english.map(({ listId }, i) => ({ listId, name: japanese[i] })));
    // Renames only: no list created, no filters rewritten.
    expect(writes().map((e) => `${e.method} ${e.path.split('?')[0] ?? ''}`)).toEqual(english.map(({ listId }) => `PUT /crm/v3/lists/${listId}/update-list-name`));

    sandbox.log.clear();
    expect(await setup('ja')).toEqual(english.map(({ listId }, i) => ({ name: japanese[i], listId, outcome: 'unchanged' })));
    expect(writes()).toEqual([]);
    expect(stored()).toHaveLength(4);
  });

  it('finds them from any language to any other (Polish to Thai to English), always the same four ids', async () => {
    const { setup, stored } = harness(await openPortal({ companies: 5 }));
    await setup('pl');
    const ids = stored().map((l) => l.listId);
    for (const language of ['th', 'zh-CN', 'en'] as const) {
      const report = await setup(language);
      expect(report?.map((l) => [l.listId, l.outcome, l.name])).toEqual(ids.map((id, i) => [id, 'renamed', listName(language)(managerLists(parseConfig({}), listName('en'))[i]?.key ?? 'atRisk')]));
      expect(stored().map((l) => l.listId)).toEqual(ids);
    }
  });

  it('writes its own filters when the configuration changed their values, renaming in the same run', async () => {
    const { setup, stored, sandbox } = harness(await openPortal({ companies: 5 }));
    await setup('en');
    const ids = stored().map((l) => l.listId);
    const wider = parseConfig({ sync: { lifecycleStages: ['customer', 'evangelist'] } });

    const report = await setup('ja', wider);
    expect(report?.map((l) => l.outcome)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(report?.[0]).toMatchObject({ listId: ids[0], name: japanese[0], previousName: 'Customer success: at-risk customers' });
    expect(stored().map((l) => l.listId)).toEqual(ids);
    const scope = [...sandbox.store.lists.values()][0]?.filterBranch?.filterBranches[0]?.filters[0]?.operation;
    expect(scope).toMatchObject({ operator: 'IS_ANY_OF', values: ['customer', 'evangelist'] });
    expect((await setup('ja', wider))?.map((l) => l.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('leaves a list whose filters were changed in HubSpot alone — no rename, no filters, no copy — and says so', async () => {
    const { setup, stored, writes, sandbox, client } = harness(await openPortal({ companies: 5 }));
    await setup('en');
    const [atRisk] = stored();
    const list = managerLists(parseConfig({}), listName('en'))[0];
    if (!atRisk || !list) throw new Error('no list');
    // An admin adds an owner filter to the at-risk list.
    const edited = { ...list, conditions: [...list.conditions, { property: 'hubspot_owner_id', test: 'any-of' as const, values: ['7'] }] };
    await client.crm.lists.listsApi.updateListFilters(atRisk.listId, { filterBranch: filterBranchOf(edited, 'UTC') } as never);
    const before = sandbox.store.lists.get(atRisk.listId);

    sandbox.log.clear();
    const report = await setup('ja');
    expect(report?.[0]).toEqual({ name: atRisk.name, listId: atRisk.listId, outcome: 'kept' });
    expect(sandbox.store.lists.get(atRisk.listId)).toEqual(before);
    expect(stored()).toHaveLength(4);
    expect(writes().some((e) => e.path.includes(`/${atRisk.listId}/`))).toBe(false);
  });

  it('creates its own list beside one renamed by hand, and leaves older copies alone, naming them', async () => {
    const { setup, stored, client } = harness(await openPortal({ companies: 5 }));
    await setup('en');
    const [atRisk] = stored();
    if (!atRisk) throw new Error('no list');
    await client.crm.lists.listsApi.updateName(atRisk.listId, 'Our churn watch');
    // A Japanese copy of the detractors list, as earlier versions made after a change of language.
    const detractors = managerLists(parseConfig({}), listName('ja'))[2];
    if (!detractors) throw new Error('no list');
    const copy = await client.crm.lists.listsApi.create(listRequest(detractors, 'UTC') as never);

    const report = await setup('en');
    expect(report?.[0]).toMatchObject({ name: 'Customer success: at-risk customers', outcome: 'created' });
    expect(report?.[0]?.listId).not.toBe(atRisk.listId);
    expect(stored().find((l) => l.listId === atRisk.listId)?.name).toBe('Our churn watch');
    expect(report?.[2]).toMatchObject({ outcome: 'unchanged', copies: [{ listId: copy.list.listId, name: japanese[2] }] });
  });

  it('counts the lists’ day ranges in the portal’s time zone, read from its account details as the CLI does', async () => {
    const { setup, sandbox, client } = harness(await openPortal({ companies: 5 }));
    const portalZone = sandbox.controls.account.timeZone;
    expect(portalZone).not.toBe('UTC');
    const config = await portalConfig({ account: new AccountGateway(client, 'token', fastRetry), properties: new PropertyGateway(client, fastRetry) }, parseConfig({}));
    expect(config.timeZone).toBe(portalZone);
    await setup('en', config);
    const zones = [...sandbox.store.lists.values()].flatMap((list) => zoneIdsOf(list.filterBranch));
    // One list counts days (churned within the last 90), with two bounds.
    expect(zones).toEqual([portalZone, portalZone]);
  });

  it('writes the filters of a list made with another zone’s days again, in the portal’s zone, once', async () => {
    const { setup, sandbox } = harness(await openPortal({ companies: 5 }));
    const portalZone = sandbox.controls.account.timeZone;
    await setup('en', { ...parseConfig({}), timeZone: 'UTC' });
    const zones = () => [...sandbox.store.lists.values()].flatMap((list) => zoneIdsOf(list.filterBranch));
    expect(zones()).toEqual(['UTC', 'UTC']);
    const config = { ...parseConfig({}), timeZone: portalZone };
    expect((await setup('en', config))?.map((l) => l.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'updated']);
    expect(zones()).toEqual([portalZone, portalZone]);
    expect((await setup('en', config))?.map((l) => l.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('reports a rename HubSpot refuses as that list failing, and sets up the others', async () => {
    const { setup, sandbox } = harness(await openPortal({ companies: 5 }));
    await setup('en');
    const remove = sandbox.controls.injectFault({ kind: '403', path: /update-list-name/, times: 1 });
    try {
      const report = await setup('ja');
      expect(report?.[0]).toMatchObject({ name: japanese[0], outcome: 'failed', reason: { code: 'cli.setup.reason.missingScope', params: { scope: 'crm.lists.write' } } });
      expect(report?.slice(1).map((l) => l.outcome)).toEqual(['renamed', 'renamed', 'renamed']);
    } finally {
      remove();
    }
    expect((await setup('ja'))?.map((l) => l.outcome)).toEqual(['renamed', 'unchanged', 'unchanged', 'unchanged']);
  });
});

