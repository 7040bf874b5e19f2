import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { mswServer } from '../msw.ts';

// A sandbox behind msw at HubSpot's address, driven by the real SDK with a single attempt per
// call, so every fault reaches the test as the SDK's own error instead of being retried.

export interface SdkPortal {
  readonly sandbox: Sandbox;
  readonly client: Client;
}

/**
 * `attempts` > 1 turns on the SDK's own retries (a process-wide SDK setting: every later
 * `sdkPortal()` sets it back to one attempt).
 */
export function sdkPortal(options: SandboxOptions = { data: 'empty' }, attempts = 1): SdkPortal {
  const sandbox = createSandbox(options);
  mswServer.use(...sandbox.mswHandlers());
  return { sandbox, client: new Client({ accessToken: 'test-token', numberOfApiCallRetries: attempts }) };
}

const apiExceptionSchema = z.object({
  code: z.number(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()),
});

export type ApiFailure = z.infer<typeof apiExceptionSchema> & { readonly json: Record<string, unknown> };

/** The SDK error a call ends in (checked by shape: the SDK has a different class per API module). */
export async function failureOf(call: Promise<unknown>): Promise<ApiFailure> {
  let outcome: unknown;
  try {
    await call;
  } catch (error) {
    outcome = error;
  }
  if (outcome === undefined) throw new Error('expected the call to fail, but it succeeded');
  const failure = apiExceptionSchema.parse(outcome);
  const json = z.record(z.string(), z.unknown()).catch({}).parse(failure.body);
  return { ...failure, json };
}

export const auth = { authorization: 'Bearer test-token' };
