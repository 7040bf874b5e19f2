import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { HubSpotError } from '../../src/hubspot/failures.ts';
import { Deadline, withRetry, type RetryOptions } from '../../src/hubspot/retry.ts';

// A portal address nothing answers at, through the real SDK and the real transport on loopback:
// a refused connection is reported after one quick retry, while a connection that is cut keeps
// every retry the policy allows. Attempts are counted, never timed.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The policy's number of retries, with backoffs too short to matter. */
const policy: RetryOptions = { retries: 4, minBackoffMs: 1, maxBackoffMs: 2, sleep: async () => undefined };

async function listen(server: net.Server): Promise<number> {
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve(z.object({ port: z.number() }).parse(server.address()).port)));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return port;
}

/** A loopback port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const port = await listen(net.createServer());
  await closers.pop()?.();
  return port;
}

/** Reads one company from the portal at the port through the SDK, under the policy; how many attempts it made, and how it failed. */
async function readCompany(port: number): Promise<{ attempts: number; error: unknown }> {
  const client = createHubSpotClient({ accessToken: 'pat-na1-test', baseUrl: `http://127.0.0.1:${port}` });
  let attempts = 0;
  const call = () => {
    attempts += 1;
    return client.crm.companies.basicApi.getById('1000000001');
  };
  const error = await withRetry(call, new Deadline(12_000), policy).catch((caught: unknown) => caught);
  return { attempts, error };
}

describe('a portal address that cannot be reached', () => {
  it('a refused connection is reported after one quick retry, as HubSpot could not be reached', async () => {
    const { attempts, error } = await readCompany(await closedPort());

    expect(attempts).toBe(2);
    expect(error).toBeInstanceOf(HubSpotError);
    expect(error).toMatchObject({ failure: { kind: 'transient', what: 'ECONNREFUSED' }, text: { code: 'hubspot.failure.unreachable', params: { what: 'ECONNREFUSED' } } });
  });

  it('a connection the portal cuts keeps every retry (1 attempt + 4 retries)', async () => {
    let connections = 0;
    const port = await listen(
      net.createServer((socket) => {
        connections += 1;
        socket.resetAndDestroy();
      }),
    );

    const { attempts, error } = await readCompany(port);

    expect(attempts).toBe(5);
    expect(connections).toBe(5);
    expect(error).toMatchObject({ failure: { kind: 'transient', what: 'ECONNRESET' }, text: { code: 'hubspot.failure.timeout' } });
  });
});
