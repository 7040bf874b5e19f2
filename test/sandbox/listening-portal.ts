import { afterAll, beforeAll } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';

// A sandbox portal on loopback HTTP for the tests of one file or describe block, as cs-card run in
// a process of its own reaches it (HUBSPOT_BASE_URL): made and listening before they run, closed after.

export interface ListeningPortal {
  readonly sandbox: Sandbox;
  /** Its address, for HUBSPOT_BASE_URL. */
  readonly url: string;
}

export function listeningPortal(options: SandboxOptions): ListeningPortal {
  let running: { readonly sandbox: Sandbox; readonly server: { url: string; close(): Promise<void> } } | null = null;
  beforeAll(async () => {
    const sandbox = createSandbox(options);
    running = { sandbox, server: await sandbox.listen() };
  });
  afterAll(() => running?.server.close());
  const current = () => {
    if (running === null) throw new Error('the sandbox portal listens only while the tests run (beforeAll to afterAll)');
    return running;
  };
  return {
    get sandbox() {
      return current().sandbox;
    },
    get url() {
      return current().server.url;
    },
  };
}
