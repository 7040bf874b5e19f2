import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from '@hubspot/api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { listenOnLoopback } from '../../src/sandbox/loopback-server.ts';
import { failureOf } from './sdk-portal.ts';

// The same sandbox over loopback HTTP (what `cs-card sandbox` and `npm start` serve), driven by
// the SDK with `basePath`, as the product does with HUBSPOT_BASE_URL.

/**
 * An agent whose sockets are destroyed after `ms` without traffic once `idleOut` arms them: how a
 * client gives up on a portal that hangs. Armed only while the portal holds the request (never
 * while connecting or while a slow machine gets round to answering), so the socket idles out
 * because the portal does not answer, never because the machine is busy.
 */
function idleTimeoutAgent(ms: number): { agent: http.Agent; idleOut(): void } {
  const agent = new http.Agent();
  const sockets = new Set<Socket>();
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (...args: Parameters<http.Agent['createConnection']>): Duplex => {
    const socket = create(...args) as Socket;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('timeout', () => socket.destroy(new Error(`the portal did not answer within ${ms} ms`)));
    return socket;
  };
  return { agent, idleOut: () => sockets.forEach((socket) => socket.setTimeout(ms)) };
}

/** The sandbox's handler, telling each request's handling (until answered or abandoned) as it starts. */
function observed(sandbox: Sandbox, onRequest: (request: { readonly handling: Promise<Response> }) => void): (request: Request) => Promise<Response> {
  return (request) => {
    const handling = sandbox.handle(request);
    onRequest({ handling });
    return handling;
  };
}

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function served(sandbox: Sandbox): Promise<string> {
  const server = await sandbox.listen();
  running.push(server);
  return server.url;
}

describe('the sandbox over loopback HTTP', () => {
  it('answers the SDK at its basePath with the demo portfolio, rate-limit headers and a logged call', async () => {
    const sandbox = createSandbox({ asOf: '2026-06-30', companies: 20 });
    sandbox.controls.rateLimit = { max: 190, intervalMs: 10_000 };
    const url = await served(sandbox);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Client({ accessToken: 'any-token', basePath: url, numberOfApiCallRetries: 1 });

    const page = await client.crm.companies.basicApi.getPageWithHttpInfo(5, undefined, ['name', 'lifecyclestage']);

    expect(page.httpStatusCode).toBe(200);
    expect(page.data.results.map((company) => company.id)).toEqual(sandbox.store.list('companies').slice(0, 5).map((company) => company.id));
    expect(page.data.paging?.next?.link).toMatch(new RegExp(`^${url}/crm/v3/objects/companies\\?after=`));
    expect(page.headers['x-hubspot-ratelimit-remaining']).toBe('189');
    expect(sandbox.log.entries.map(({ method, path, status }) => [method, path, status])).toEqual([
      ['GET', '/crm/v3/objects/companies?limit=5&properties=name&properties=lifecyclestage', 200],
    ]);
  });

  it('401s a request without a token', async () => {
    const url = await served(createSandbox({ data: 'empty' }));
    const response = await fetch(`${url}/crm/v3/objects/companies?limit=5`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });

  it('timeout: the SDK call fails when its socket idles out, and the log keeps the abandoned call with status 0', async () => {
    const sandbox = createSandbox({ data: 'empty' });
    let arrived = (_request: { readonly handling: Promise<Response> }): void => undefined;
    const held = new Promise<{ readonly handling: Promise<Response> }>((resolve) => {
      arrived = resolve;
    });
    const server = await listenOnLoopback(observed(sandbox, (request) => arrived(request)));
    running.push(server);
    // Held until the client hangs up (the fault's default hold outlasts the test).
    sandbox.controls.injectFault({ kind: 'timeout', times: 1 });
    const { agent, idleOut } = idleTimeoutAgent(100);
    const client = new Client({ accessToken: 'any-token', basePath: server.url, numberOfApiCallRetries: 1, httpAgent: agent });

    const call = client.crm.companies.basicApi.getPage(1);
    call.catch(() => undefined);
    // The portal has the request, and holds it (no answer for minutes): only now may the socket idle out.
    const { handling } = await held;
    idleOut();
    await expect(call).rejects.toThrow(/did not answer within 100 ms/);
    // The portal's handling ends when it sees the client gone, and logs the call then.
    await expect(handling).rejects.toThrow();
    expect(sandbox.log.entries.map(({ method, status }) => [method, status])).toEqual([['GET', 0]]);
    // The fault was used up: the next call is answered.
    expect((await client.crm.companies.basicApi.getPage(1)).results).toEqual([]);
    expect((await failureOf(client.crm.companies.basicApi.getById('1'))).code).toBe(404);
  });
});
