// The in-memory CRM: objects per type (kept in id order for cursor paging), associations in
// both directions, property history, owners, and the portal's property schema.
import { defaultAssociationTypeId } from './association-types.ts';
import type { StoredList } from './list-filters.ts';
import type { Owner, SandboxStore, StoredObject } from './index.ts';
import { OBJECT_TYPES, SANDBOX_OBJECT_TYPES, type SandboxObjectType } from './object-types.ts';
import { PropertySchema } from './property-schema.ts';
import { isoOf, millisOf } from './time-values.ts';

export interface HistoryEntry {
  readonly value: string;
  readonly timestamp: string;
  readonly sourceType: string;
}

type Properties = Record<string, string | null>;

/** How long HubSpot's search index takes to show a write: a delay drawn for each write. */
export interface SearchLag {
  readonly minMs: number;
  readonly maxMs: number;
}

/** One state of an object as search sees it, from `visibleAt` (epoch ms, wall clock) on; null: not found. */
interface IndexedVersion {
  readonly visibleAt: number;
  readonly object: StoredObject | null;
}

const copyOf = (object: StoredObject): StoredObject => ({ ...object, properties: { ...object.properties } });

interface TypeTable {
  /** Every object, ascending by numeric id: lookups are binary searches and cursor pages are slices. */
  readonly ordered: StoredObject[];
  lastId: number;
}

function addLink(byFrom: Map<string, string[]>, fromId: string, toId: string): void {
  const ids = byFrom.get(fromId);
  if (ids) ids.push(toId);
  else byFrom.set(fromId, [toId]);
}

const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export class MemoryStore implements SandboxStore {
  readonly schema: PropertySchema;
  private readonly tables = new Map<SandboxObjectType, TypeTable>();
  /** from type -> to type -> from id -> to ids (nested so hot paths never build string keys). */
  private readonly links = new Map<SandboxObjectType, Map<SandboxObjectType, Map<string, string[]>>>();
  /** Type ids other than the default one, keyed by `from>to:fromId:toId`. */
  private readonly labels = new Map<string, number[]>();
  private readonly histories = new Map<string, Map<string, HistoryEntry[]>>();
  private readonly ownersById = new Map<string, Owner>();
  /** Lists v3 by list id. */
  readonly lists = new Map<string, StoredList>();
  /** Objects written within the search lag: what search still shows of them, oldest first. */
  private readonly unindexed = new Map<SandboxObjectType, Map<string, IndexedVersion[]>>();
  /** The search index's lag (null or zero: writes are searchable at once); read at each write. */
  searchLag: () => SearchLag | null = () => null;

  constructor(readonly clock: () => number) {
    this.schema = new PropertySchema(isoOf(clock()));
    for (const type of SANDBOX_OBJECT_TYPES) {
      this.tables.set(type, { ordered: [], lastId: OBJECT_TYPES[type].firstId - 1 });
    }
  }

  create(type: SandboxObjectType, properties: Properties, options: { id?: string; createdAt?: string } = {}): StoredObject {
    const table = this.table(type);
    const id = options.id ?? String(table.lastId + 1);
    if (!/^\d+$/.test(id)) throw new Error(`store.create: id must be numeric like HubSpot's, got "${id}"`);
    if (this.get(type, id)) throw new Error(`store.create: ${type} ${id} already exists`);
    const created = OBJECT_TYPES[type].createdProperty;
    const createdAt = isoOf(millisOf(options.createdAt ?? properties[created] ?? properties.createdate) ?? this.clock());
    const updatedAt = isoOf(millisOf(properties.hs_lastmodifieddate) ?? millisOf(createdAt) ?? this.clock());
    const stored: Properties = { ...properties, hs_object_id: id, [created]: properties[created] ?? createdAt };
    for (const name of OBJECT_TYPES[type].lastModifiedProperties) stored[name] = updatedAt;
    const object = { id, properties: stored, createdAt, updatedAt, archived: false };
    this.insert(type, object);
    this.indexLater(type, object, null);
    return object;
  }

  /** Takes ownership of a fully formed object (the demo generator's fast path). */
  insert(type: SandboxObjectType, object: StoredObject): void {
    const table = this.table(type);
    const numericId = Number(object.id);
    const last = table.ordered.at(-1);
    if (last === undefined || compareIds(last.id, object.id) < 0) table.ordered.push(object);
    else table.ordered.splice(this.indexAtOrAfter(type, object.id), 0, object);
    if (numericId > table.lastId) table.lastId = numericId;
  }

  nextId(type: SandboxObjectType): string {
    return String(this.table(type).lastId + 1);
  }

  get(type: SandboxObjectType, id: string): StoredObject | undefined {
    const candidate = this.table(type).ordered[this.indexAtOrAfter(type, id)];
    return candidate?.id === id ? candidate : undefined;
  }

  list(type: SandboxObjectType): StoredObject[] {
    return this.table(type).ordered.filter((object) => !object.archived);
  }

  /** All objects in id order, archived ones included: read-only, not a copy. */
  ordered(type: SandboxObjectType): readonly StoredObject[] {
    return this.table(type).ordered;
  }

  /** Position of the first object whose id is >= `id` in {@link ordered}. */
  indexAtOrAfter(type: SandboxObjectType, id: string): number {
    const ordered = this.table(type).ordered;
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const candidate = ordered[middle];
      if (candidate !== undefined && compareIds(candidate.id, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  update(type: SandboxObjectType, id: string, properties: Properties, options: { timestamp?: string; sourceType?: string } = {}): StoredObject {
    const object = this.get(type, id);
    if (!object) throw new Error(`store.update: no ${type} with id ${id}`);
    const before = this.lagging(type, id) ? copyOf(object) : null;
    const at = millisOf(options.timestamp) ?? this.clock();
    const timestamp = isoOf(at);
    for (const [name, value] of Object.entries(properties)) {
      const previous = object.properties[name] ?? null;
      if (previous === value) continue;
      this.recordChange(type, object, name, previous, value, timestamp, options.sourceType ?? 'INTEGRATION');
      object.properties[name] = value;
    }
    if (at > (millisOf(object.updatedAt) ?? 0)) {
      object.updatedAt = timestamp;
      for (const name of OBJECT_TYPES[type].lastModifiedProperties) object.properties[name] = timestamp;
    }
    if (before) this.indexLater(type, object, before);
    return object;
  }

  archive(type: SandboxObjectType, id: string): boolean {
    const object = this.get(type, id);
    if (!object || object.archived) return false;
    const before = this.lagging(type, id) ? copyOf(object) : null;
    object.archived = true;
    if (before) this.indexLater(type, object, before);
    return true;
  }

  /**
   * The objects as search finds them, in id order: each as of its last write the index has
   * caught up with (HubSpot's search lags writes by seconds), left out while its creation is
   * not indexed yet. Without a lag, or once the index caught up, the objects themselves.
   */
  searchable(type: SandboxObjectType): readonly StoredObject[] {
    const pending = this.unindexedOf(type);
    if (pending.size === 0) return this.ordered(type);
    const now = Date.now();
    const found: StoredObject[] = [];
    for (const object of this.ordered(type)) {
      const versions = pending.get(object.id);
      if (!versions) {
        found.push(object);
        continue;
      }
      let newest = 0;
      for (let index = 1; index < versions.length; index += 1) if ((versions[index]?.visibleAt ?? Infinity) <= now) newest = index;
      if (newest === versions.length - 1) {
        pending.delete(object.id);
        found.push(object);
        continue;
      }
      if (newest > 0) versions.splice(0, newest);
      const shown = versions[0]?.object;
      if (shown) found.push(shown);
    }
    return found;
  }

  /** Whether a write to this object must be recorded for the index: a lag is on, or earlier writes are still unindexed. */
  private lagging(type: SandboxObjectType, id: string): boolean {
    const lag = this.searchLag();
    return (lag !== null && lag.maxMs > 0) || this.unindexedOf(type).has(id);
  }

  /** Records a write the index shows only after the lag; `before` is what it shows until then (null: a new object). */
  private indexLater(type: SandboxObjectType, object: StoredObject, before: StoredObject | null): void {
    if (!this.lagging(type, object.id)) return;
    const lag = this.searchLag() ?? { minMs: 0, maxMs: 0 };
    const delay = lag.minMs + Math.random() * Math.max(0, lag.maxMs - lag.minMs);
    const pending = this.unindexedOf(type);
    const versions = pending.get(object.id) ?? [{ visibleAt: 0, object: before }];
    versions.push({ visibleAt: Date.now() + delay, object: copyOf(object) });
    pending.set(object.id, versions);
  }

  private unindexedOf(type: SandboxObjectType): Map<string, IndexedVersion[]> {
    let pending = this.unindexed.get(type);
    if (!pending) this.unindexed.set(type, (pending = new Map()));
    return pending;
  }

  history(type: SandboxObjectType, id: string, property: string): HistoryEntry[] {
    const recorded = this.histories.get(`${type}:${id}`)?.get(property);
    if (recorded) return [...recorded];
    const object = this.get(type, id);
    const value = object?.properties[property];
    if (!object || value === null || value === undefined) return [];
    const setAt = OBJECT_TYPES[type].lastModifiedProperties.includes(property) ? object.updatedAt : object.createdAt;
    return [{ value, timestamp: setAt, sourceType: 'CRM_UI' }];
  }

  /** Replaces a property's history (newest first) without touching its value: for seeding the past. */
  seedHistory(type: SandboxObjectType, id: string, property: string, entries: HistoryEntry[]): void {
    const key = `${type}:${id}`;
    let perObject = this.histories.get(key);
    if (!perObject) this.histories.set(key, (perObject = new Map()));
    perObject.set(property, entries);
  }

  associate(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType, toId: string, typeId?: number): void {
    if (!this.get(fromType, fromId)) throw new Error(`store.associate: no ${fromType} with id ${fromId}`);
    if (!this.get(toType, toId)) throw new Error(`store.associate: no ${toType} with id ${toId}`);
    if (!this.linked(fromType, fromId, toType).includes(toId)) this.link(fromType, fromId, toType, toId);
    const defaultId = defaultAssociationTypeId(fromType, toType);
    if (typeId !== undefined && typeId !== defaultId) {
      const key = `${fromType}>${toType}:${fromId}:${toId}`;
      const extra = this.labels.get(key) ?? [];
      if (!extra.includes(typeId)) this.labels.set(key, [...extra, typeId]);
    }
  }

  /** Links both directions without checks (the demo generator's fast path). */
  link(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType, toId: string): void {
    addLink(this.linksBetween(fromType, toType), fromId, toId);
    addLink(this.linksBetween(toType, fromType), toId, fromId);
  }

  associations(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType): string[] {
    return [...this.linked(fromType, fromId, toType)];
  }

  /** Ids associated with an object, in the order they were linked: read-only, not a copy. */
  linked(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType): readonly string[] {
    return this.linksBetween(fromType, toType).get(fromId) ?? [];
  }

  /** Every association type between two objects: the default one, then any labels. */
  associationTypeIds(fromType: SandboxObjectType, fromId: string, toType: SandboxObjectType, toId: string): number[] {
    const defaultId = defaultAssociationTypeId(fromType, toType);
    const extra = this.labels.get(`${fromType}>${toType}:${fromId}:${toId}`) ?? [];
    return defaultId === undefined ? extra : [defaultId, ...extra];
  }

  addOwner(owner: { id: string; email: string; firstName: string; lastName: string; userId?: number }): void {
    const at = isoOf(this.clock());
    this.ownersById.set(owner.id, { ...owner, createdAt: at, updatedAt: at, archived: false });
  }

  owners(): Owner[] {
    return [...this.ownersById.values()];
  }

  owner(id: string): Owner | undefined {
    return this.ownersById.get(id);
  }

  private recordChange(type: SandboxObjectType, object: StoredObject, name: string, previous: string | null, value: string | null, timestamp: string, sourceType: string): void {
    const key = `${type}:${object.id}`;
    let perObject = this.histories.get(key);
    if (!perObject) this.histories.set(key, (perObject = new Map()));
    let entries = perObject.get(name);
    if (!entries) {
      entries = previous === null ? [] : [{ value: previous, timestamp: object.createdAt, sourceType: 'CRM_UI' }];
      perObject.set(name, entries);
    }
    entries.unshift({ value: value ?? '', timestamp, sourceType });
  }

  private linksBetween(fromType: SandboxObjectType, toType: SandboxObjectType): Map<string, string[]> {
    let byTo = this.links.get(fromType);
    if (!byTo) this.links.set(fromType, (byTo = new Map()));
    let byFrom = byTo.get(toType);
    if (!byFrom) byTo.set(toType, (byFrom = new Map()));
    return byFrom;
  }

  private table(type: SandboxObjectType): TypeTable {
    const table = this.tables.get(type);
    if (!table) throw new Error(`unknown object type ${type}`);
    return table;
  }
}
