import type { Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { churnReasonBodySchema } from '../app/cards/contract/churn.ts';
import { handoffRequestSchemas, type HandoffAction, type HandoffRequest } from '../app/cards/contract/handoff.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { HubSpotError } from '../hubspot/gateway.ts';
import { companyIdSchema, type CardDeps } from '../usecases/card-view.ts';
import { recordChurnReason } from '../usecases/churn-reason.ts';
import { changeHandoff, getHandoff, handoffDepsOf, type HandoffDeps } from '../usecases/handoff.ts';
import type { StateStore } from '../state/store.ts';
import { errorAnswer, handoffRefusalCodes, SetupHintError } from './http-errors.ts';
import { bodyInput, paramInput } from './request-input.ts';

// The handoff and churn-reason routes of the card's backend. They sit behind the same body
// limit and signature check as the card route (app.ts). Changes to one company run one at a
// time across every instance sharing the state store (a PostgreSQL advisory lock, or a lease in
// the embedded SQLite file), so two saves from one base version cannot both pass the version
// check before either writes: the second reads the first's version and gets the 409. A refusal
// is answered with its code from the one error table (http-errors.ts) beside the card as it is.

const companyParams = z.object({ companyId: companyIdSchema });

const bodyExamples: Readonly<Record<HandoffAction, string>> = {
  save: '{"baseVersion":3,"fields":{"goals":"..."}}',
  submit: '{"baseVersion":3} or {"baseVersion":3,"fields":{...}}',
  accept: '{"baseVersion":4} or {"baseVersion":4,"locale":"ja-JP"}',
  return: '{"baseVersion":4,"comment":"Please add the success criteria"}',
};

/** A handoff or churn-reason write HubSpot refused as malformed: most likely the portal lacks the properties setup creates. */
const setupHint = 'if the handoff or churn-reason properties are missing from the portal, run `cs-card setup`';

/** `changed` is told of every company a handoff or churn-reason request may have written to. */
export function registerHandoffRoutes(app: Hono, card: CardDeps, store: StateStore, changed: (companyId: string) => void = () => undefined): void {
  const deps = handoffDepsOf(card);
  const oneAtATime = <T>(companyId: string, run: () => Promise<T>): Promise<T> => store.serialised(`company:${companyId}`, run).finally(() => changed(companyId));
  const base = '/api/companies/:companyId';
  const company = paramInput(companyParams);
  // Checked before the body, as a backend without write access answers every handoff request alike.
  const writable = createMiddleware(async (c, next) => (deps === null ? withoutWrites(c) : next()));

  app.get(`${base}/handoff`, company, writable, (c) =>
    withHandoff(c, deps, async (handoff) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getHandoff(handoff, c.req.valid('param').companyId));
    }),
  );

  const change = (action: HandoffAction) =>
    app.on(action === 'save' ? 'PUT' : 'POST', action === 'save' ? `${base}/handoff` : `${base}/handoff/${action}`, company, writable, bodyInput(handoffRequestSchemas[action], { example: bodyExamples[action] }), (c) =>
      withHandoff(c, deps, async (handoff) => {
        const { companyId } = c.req.valid('param');
        const request: HandoffRequest = c.req.valid('json');
        const outcome = await oneAtATime(companyId, () => changeHandoff(handoff, companyId, request));
        if (outcome.kind === 'refused') {
          const refusal = { code: handoffRefusalCodes[outcome.reason], message: outcome.message, ...(outcome.missing ? { missing: outcome.missing, missingFields: outcome.missingFields ?? [] } : {}) };
          return errorAnswer(c, refusal, sections(outcome.view));
        }
        return c.json({ replayed: outcome.replayed, noteId: outcome.noteId, taskIds: outcome.taskIds, ...sections(outcome.view) });
      }),
    );
  for (const action of ['save', 'submit', 'accept', 'return'] as const) change(action);

  app.post(`${base}/churn-reason`, company, writable, bodyInput(churnReasonBodySchema, { example: '{"reason":"competitor","comment":"Moved to Acme for price"}' }), (c) =>
    withHandoff(c, deps, async (handoff) => {
      const { companyId } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await oneAtATime(companyId, () => recordChurnReason(handoff, companyId, body));
      if (outcome.kind === 'refused') return errorAnswer(c, { code: outcome.code, message: outcome.message }, sections(outcome.view));
      return c.json({ replayed: outcome.replayed, noteId: outcome.noteId, ...sections(outcome.view) });
    }),
  );
}

/** Every answer carries the handoff and churn sections, and the whole card as it is now, so the card redraws without another request. */
function sections(view: CardView) {
  return { handoff: view.handoff, churn: view.churn, view };
}

function withoutWrites(c: Context): Response {
  return errorAnswer(c, { code: 'not_implemented', message: 'This backend was started without write access to HubSpot, so the handoff is unavailable' });
}

/** Runs a handoff route with write access to HubSpot (501 without); a malformed-write refusal from HubSpot says to run setup. */
async function withHandoff(c: Context, deps: HandoffDeps | null, run: (deps: HandoffDeps) => Promise<Response>): Promise<Response> {
  if (deps === null) return withoutWrites(c);
  try {
    return await run(deps);
  } catch (error) {
    if (error instanceof HubSpotError && error.failure.kind === 'rejected' && error.failure.status === 400) throw new SetupHintError(error, setupHint);
    throw error;
  }
}
