import type { CsConfig } from '../config/schema.ts';
import { groupFor, productProperties, propertyDrift, type PropertyDefinition } from '../domain/properties.ts';
import { planManagerList, type FoundList } from '../domain/portfolio/manager-list-match.ts';
import { managerLists, type ManagerList } from '../domain/portfolio/manager-lists.ts';
import { listName, listNamesInEveryLanguage, propertyWords } from './portal-wording.ts';
import type { Message } from '../app/cards/contract/message.ts';
import type { ListGateway } from '../hubspot/lists.ts';
import type { PropertyGateway } from '../hubspot/properties.ts';
import { callFailureReason, hubspotDefinedReason, refusalReason, setupScopes } from './setup-reasons.ts';

// `cs-card setup`: make the portal's `customer_success` group and the product's company
// properties match their definitions (create what is missing, update what drifted, leave the
// rest alone), and with --lists the managers' lists. Running it again changes nothing.

export interface SetupDeps {
  readonly properties: PropertyGateway;
  readonly lists?: ListGateway;
  readonly config: CsConfig;
}

export interface FailedProperty {
  readonly name: string;
  readonly reason: Message;
}

export interface SetupReport {
  readonly group: 'created' | 'updated' | 'unchanged';
  readonly created: readonly string[];
  readonly updated: ReadonlyArray<{ readonly name: string; readonly fields: readonly string[] }>;
  readonly unchanged: readonly string[];
  /** Each with why, as a catalog message (./setup-reasons.ts). */
  readonly failed: readonly FailedProperty[];
  /** Null when lists were not asked for. */
  readonly lists: readonly ListOutcome[] | null;
}

/**
 * One manager list after setup: `created`; `renamed` into the portal's language (`previousName`);
 * `updated` (its filters set to setup's definition, renamed too when `previousName` is set);
 * `unchanged`; `kept` (its filters were changed in HubSpot: left as it is, under `name`); `failed`.
 * `copies` are further lists found under the list's other catalog names, left alone.
 */
export interface ListOutcome {
  readonly name: string;
  readonly outcome: 'created' | 'renamed' | 'updated' | 'unchanged' | 'kept' | 'failed';
  readonly listId?: string;
  readonly previousName?: string;
  /** Why it failed (with `failed`), as a catalog message. */
  readonly reason?: Message;
  readonly copies?: ReadonlyArray<{ readonly listId: string; readonly name: string }>;
}

export async function runSetup(deps: SetupDeps, options: { lists?: boolean } = {}): Promise<SetupReport> {
  // Labelled in the portal's language: a change of language relabels them once.
  const words = propertyWords(deps.config.portalLanguage);
  const group = await ensureGroup(deps.properties, groupFor(words));
  const existing = new Map((await deps.properties.properties()).map((property) => [property.name, property]));
  const wanted = productProperties(deps.config, words);
  const failed: FailedProperty[] = [];
  const missing: PropertyDefinition[] = [];
  const updated: Array<{ name: string; fields: string[] }> = [];
  const unchanged: string[] = [];

  for (const definition of wanted) {
    const current = existing.get(definition.name);
    if (!current) {
      missing.push(definition);
      continue;
    }
    if (current.hubspotDefined) {
      failed.push({ name: definition.name, reason: hubspotDefinedReason() });
      continue;
    }
    const fields = propertyDrift(definition, current);
    if (fields.length === 0) {
      unchanged.push(definition.name);
      continue;
    }
    try {
      await deps.properties.update(definition);
      updated.push({ name: definition.name, fields });
    } catch (error) {
      failed.push({ name: definition.name, reason: callFailureReason(error, setupScopes.properties) });
    }
  }

  const created = await createMissing(deps.properties, missing, failed);
  const lists = options.lists ? await ensureLists(deps) : null;
  return { group, created, updated, unchanged, failed, lists };
}

async function ensureGroup(properties: PropertyGateway, wanted: ReturnType<typeof groupFor>): Promise<SetupReport['group']> {
  const current = (await properties.groups()).find((group) => group.name === wanted.name);
  if (!current) {
    await properties.createGroup(wanted);
    return 'created';
  }
  if (current.label === wanted.label) return 'unchanged';
  await properties.updateGroup(wanted);
  return 'updated';
}

async function createMissing(properties: PropertyGateway, missing: readonly PropertyDefinition[], failed: FailedProperty[]): Promise<string[]> {
  if (missing.length === 0) return [];
  try {
    const refused = await properties.create(missing);
    for (const [name, hubspotMessage] of refused) failed.push({ name, reason: refusalReason(hubspotMessage) });
    return missing.map((definition) => definition.name).filter((name) => !refused.has(name));
  } catch (error) {
    const reason = callFailureReason(error, setupScopes.properties);
    for (const definition of missing) failed.push({ name: definition.name, reason });
    return [];
  }
}

async function ensureLists(deps: SetupDeps): Promise<ListOutcome[]> {
  const gateway = deps.lists;
  if (!gateway) throw new RangeError('setup --lists needs a list gateway');
  const language = deps.config.portalLanguage;
  const outcomes: ListOutcome[] = [];
  // Named in the portal's language, found by their names in every language: a change of language
  // renames the lists setup made (same ids) instead of making copies.
  for (const list of managerLists(deps.config, listName(language))) {
    try {
      outcomes.push(await ensureList(gateway, list, listNamesInEveryLanguage(list.key, language), deps.config.timeZone));
    } catch (error) {
      outcomes.push({ name: list.name, outcome: 'failed', reason: callFailureReason(error, setupScopes.lists) });
    }
  }
  return outcomes;
}

/** `zoneId`: the portal's time zone (the configuration's, read from the portal by the shell), for the lists' day ranges. */
async function ensureList(gateway: ListGateway, list: ManagerList, names: readonly string[], zoneId: string): Promise<ListOutcome> {
  const found: FoundList[] = [];
  for (const name of names) {
    const candidate = await gateway.find(name);
    if (candidate && !found.some((other) => other.listId === candidate.listId)) found.push(candidate);
  }
  const { plan, others } = planManagerList(list, found, zoneId);
  const copies = others.length > 0 ? { copies: others.map(({ listId, name }) => ({ listId, name })) } : {};
  switch (plan.action) {
    case 'create':
      return { name: list.name, outcome: 'created', listId: await gateway.create(list, zoneId) };
    case 'unchanged':
      return { name: list.name, outcome: 'unchanged', listId: plan.list.listId, ...copies };
    case 'keep':
      return { name: plan.list.name, outcome: 'kept', listId: plan.list.listId, ...copies };
    case 'update': {
      // Filters first: a list whose rename then fails still has setup's definition, and is found by its old name next time.
      if (plan.replaceFilters) await gateway.replaceFilters(plan.list.listId, list, zoneId);
      if (plan.rename) await gateway.rename(plan.list.listId, list.name);
      const previousName = plan.rename ? { previousName: plan.list.name } : {};
      return { name: list.name, outcome: plan.replaceFilters ? 'updated' : 'renamed', listId: plan.list.listId, ...previousName, ...copies };
    }
  }
}
