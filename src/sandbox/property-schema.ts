// The property definitions and groups of one portal, per object type: what
// /crm/v3/properties serves and what every write is checked against.
import { SANDBOX_OBJECT_TYPES, type SandboxObjectType } from './object-types.ts';
import { standardCatalog, type Catalog, type PropertyDefinition, type PropertyGroup } from './property-catalog.ts';

export class PropertySchema {
  private readonly definitions = new Map<SandboxObjectType, Map<string, PropertyDefinition>>();
  private readonly groupsByType = new Map<SandboxObjectType, Map<string, PropertyGroup>>();

  constructor(at: string) {
    for (const type of SANDBOX_OBJECT_TYPES) {
      this.definitions.set(type, new Map());
      this.groupsByType.set(type, new Map());
      this.addCatalog(type, standardCatalog(type, at));
    }
  }

  addCatalog(type: SandboxObjectType, catalog: Catalog): void {
    for (const group of catalog.groups) this.putGroup(type, group);
    for (const property of catalog.properties) this.putProperty(type, property);
  }

  property(type: SandboxObjectType, name: string): PropertyDefinition | undefined {
    return this.definitionsOf(type).get(name);
  }

  properties(type: SandboxObjectType): PropertyDefinition[] {
    return [...this.definitionsOf(type).values()];
  }

  /** Removes a property definition (a portal without it), as tests need; false when there was none. */
  removeProperty(type: SandboxObjectType, name: string): boolean {
    return this.definitionsOf(type).delete(name);
  }

  putProperty(type: SandboxObjectType, definition: PropertyDefinition): void {
    this.definitionsOf(type).set(definition.name, definition);
  }

  group(type: SandboxObjectType, name: string): PropertyGroup | undefined {
    return this.groupsOf(type).get(name);
  }

  groups(type: SandboxObjectType): PropertyGroup[] {
    return [...this.groupsOf(type).values()];
  }

  putGroup(type: SandboxObjectType, group: PropertyGroup): void {
    this.groupsOf(type).set(group.name, group);
  }

  private definitionsOf(type: SandboxObjectType): Map<string, PropertyDefinition> {
    const map = this.definitions.get(type);
    if (!map) throw new Error(`unknown object type ${type}`);
    return map;
  }

  private groupsOf(type: SandboxObjectType): Map<string, PropertyGroup> {
    const map = this.groupsByType.get(type);
    if (!map) throw new Error(`unknown object type ${type}`);
    return map;
  }
}
