import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { StateStore } from '../state/store.ts';
import { errorAnswer } from './http-errors.ts';
import { headerInput } from './request-input.ts';

// `Idempotency-Key` on the card's writes (create task, handoff save / submit / accept / return,
// churn reason): the same key for the same route and body gives the first answer again, from
// any instance sharing the state store, and never runs the write twice. A request with the key
// still running elsewhere is waited for; one that failed (5xx, or its process died) runs again.

export const idempotencyHeader = 'Idempotency-Key';
export const replayedHeader = 'Idempotent-Replayed';

/** The header as the card sends it (a UUID), on a write; absent, the write is not deduplicated. */
const keyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, { error: `${idempotencyHeader} must be 8-128 letters, digits or . _ : - (a UUID, for example)` })
    .optional(),
});
/** A claim without an answer this old belongs to a process that died: the key is free again. */
const staleClaimMs = 60_000;
/** How long a repeat waits for the first request's answer (the card's own budget is 15 s). */
const waitForFirstMs = 20_000;
const pollMs = 50;

export interface IdempotencyOptions {
  readonly staleClaimMs?: number;
  readonly waitForFirstMs?: number;
}

const isWrite = (method: string) => method === 'POST' || method === 'PUT';

export function idempotentWrites(store: StateStore, options: IdempotencyOptions = {}) {
  const keyInput = headerInput(keyHeaderSchema);
  const replayOrRun = createMiddleware<{ Variables: object }, string, { out: { header: z.output<typeof keyHeaderSchema> } }>(async (c, next) => {
    const key = c.req.valid('header')['idempotency-key'];
    if (key === undefined) return next();
    // The same key with another body or route is another request.
    const scope = `${c.req.method} ${c.req.path} ${createHash('sha256').update(await c.req.text()).digest('base64url')}`;
    const giveUpAt = Date.now() + (options.waitForFirstMs ?? waitForFirstMs);
    for (;;) {
      const claim = await store.claimRequest(scope, key, options.staleClaimMs ?? staleClaimMs);
      if (claim.kind === 'done') {
        return new Response(claim.response.body, {
          status: claim.response.status,
          headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', [replayedHeader]: 'true' },
        });
      }
      if (claim.kind === 'claimed') {
        await next();
        const { status } = c.res;
        if (c.error || status >= 500) await store.abandonRequest(scope, key, claim.token);
        else await store.completeRequest(scope, key, claim.token, { status, body: await c.res.clone().text() });
        return;
      }
      if (Date.now() > giveUpAt) {
        return errorAnswer(c, { code: 'request_in_progress', message: 'The same request is still being processed: reload the card in a moment' });
      }
      await sleep(pollMs);
    }
  });
  // Reads (GET) carry no key to check.
  const writes = every(keyInput, replayOrRun);
  return createMiddleware((c, next) => (isWrite(c.req.method) ? writes(c, next) : next()));
}
