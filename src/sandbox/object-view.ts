// Stored objects as the CRM API returns them: the requested (or default) properties, every
// value a string or null, optional property history and v3-style association lists (at most
// 100 ids per type, with paging.next when there are more).
import type { StoredObject } from './index.ts';
import { OBJECT_TYPES, objectTypeOf, type SandboxObjectType } from './object-types.ts';
import type { MemoryStore } from './store.ts';

export interface ViewOptions {
  readonly properties?: readonly string[] | undefined;
  readonly propertiesWithHistory?: readonly string[] | undefined;
  /** Object type names as the caller wrote them; unknown ones are ignored, as HubSpot does. */
  readonly associations?: readonly string[] | undefined;
}


export function viewObject(store: MemoryStore, type: SandboxObjectType, object: StoredObject, options: ViewOptions = {}): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: object.id,
    properties: selectProperties(store, type, object, options.properties),
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: object.archived,
  };
  if (options.propertiesWithHistory && options.propertiesWithHistory.length > 0) {
    view.propertiesWithHistory = historyOf(store, type, object, options.propertiesWithHistory);
  }
  const associations = options.associations ? associationsOf(store, type, object.id, options.associations) : {};
  if (Object.keys(associations).length > 0) view.associations = associations;
  return view;
}

/** Requested properties that the portal defines or the object carries; HubSpot drops unknown names. */
export function selectProperties(store: MemoryStore, type: SandboxObjectType, object: StoredObject, requested: readonly string[] | undefined): Record<string, string | null> {
  const info = OBJECT_TYPES[type];
  // HubSpot always adds the id and the creation and last-modified times.
  const names = new Set([...(requested ?? info.defaultProperties), 'hs_object_id', info.createdProperty, 'hs_lastmodifieddate']);
  const selected: Record<string, string | null> = {};
  for (const name of names) {
    if (name in object.properties || store.schema.property(type, name)) selected[name] = object.properties[name] ?? null;
  }
  return selected;
}

function historyOf(store: MemoryStore, type: SandboxObjectType, object: StoredObject, names: readonly string[]): Record<string, unknown[]> {
  const histories: Record<string, unknown[]> = {};
  for (const name of names) {
    if (!(name in object.properties) && !store.schema.property(type, name)) continue;
    histories[name] = store.history(type, object.id, name).map(({ value, timestamp, sourceType }) => ({ value, timestamp, sourceType }));
  }
  return histories;
}

function associationsOf(store: MemoryStore, type: SandboxObjectType, id: string, names: readonly string[]): Record<string, unknown> {
  const lists: Record<string, unknown> = {};
  for (const name of names) {
    const toType = objectTypeOf(name);
    if (!toType) continue;
    const ids = store.linked(type, id, toType);
    if (ids.length === 0) continue;
    const label = `${OBJECT_TYPES[type].singular}_to_${OBJECT_TYPES[toType].singular}`;
    const results = ids.slice(0, ASSOCIATIONS_ON_RECORD).map((toId) => ({ id: toId, type: label }));
    // Like HubSpot, at most 100 per type on the record; the rest through the associations API.
    const next = ids.length > ASSOCIATIONS_ON_RECORD
      ? { paging: { next: { after: String(ASSOCIATIONS_ON_RECORD), link: `/crm/v4/objects/${type}/${id}/associations/${toType}?after=${ASSOCIATIONS_ON_RECORD}` } } }
      : {};
    lists[toType] = { results, ...next };
  }
  return lists;
}

/** Associated ids a v3 record read returns per type (GET with ?associations=). */
export const ASSOCIATIONS_ON_RECORD = 100;
