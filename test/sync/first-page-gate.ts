import type { Sandbox } from '../../src/sandbox/index.ts';

// Holding a sync midway as a state, not a moment: no latency that a busy machine could outrun.

const companySearchPath = '/crm/v3/objects/companies/search';

export interface FirstPageGate {
  /** Wraps the sandbox's own handler: serve it with listenOnLoopback. */
  serve(sandbox: Sandbox): (request: Request) => Promise<Response>;
  /** From now on, the next company search answered is the last one until `release`. */
  arm(): void;
  release(): void;
}

/**
 * Once armed, every company search after the first one answered hangs (a timeout fault) until
 * the client hangs up or the gate is released: a full sync then reads, scores, writes and
 * checkpoints exactly its first page (one search page of 200), and waits on HubSpot for the
 * next one for good, holding its lease.
 */
export function firstPageGate(): FirstPageGate {
  let armed = false;
  let release = (): void => undefined;
  return {
    serve: (sandbox) => async (request) => {
      const response = await sandbox.handle(request);
      // Set before the answer leaves: the client cannot ask for the next page before the fault is in place.
      if (armed && request.method === 'POST' && new URL(request.url).pathname === companySearchPath && response.ok) {
        armed = false;
        release = sandbox.controls.injectFault({ kind: 'timeout', method: 'POST', path: companySearchPath });
      }
      return response;
    },
    arm: () => {
      armed = true;
    },
    release: () => release(),
  };
}
