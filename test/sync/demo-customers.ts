import type { Sandbox } from '../../src/sandbox/index.ts';

/** The ids of a sandbox's customer companies (the companies sync scores). */
export function customerIds(p: { readonly sandbox: Sandbox }): string[] {
  return p.sandbox.store
    .list('companies')
    .filter((c) => c.properties.lifecyclestage === 'customer')
    .map((c) => c.id);
}
