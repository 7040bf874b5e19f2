import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { RefusalKind } from '../domain/handoff/handoff-changes.ts';
import { churnReasonBodySchema } from '../app/cards/contract/churn.ts';
import { errorBody } from '../app/cards/contract/errors.ts';
import { handoffRequestSchemas, type HandoffAction } from '../app/cards/contract/handoff.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { HubSpotError } from '../hubspot/gateway.ts';
import { companyIdSchema, type CardDeps } from '../usecases/card-view.ts';
import { recordChurnReason } from '../usecases/churn-reason.ts';
import { changeHandoff, ContactsUnknownError, getHandoff, handoffDepsOf, type HandoffDeps } from '../usecases/handoff.ts';
import type { StateStore } from '../state/store.ts';

// The handoff and churn-reason routes of the card's backend. They sit behind the same body
// limit and signature check as the card route (app.ts). Changes to one company run one at a
// time across every instance sharing the state store (a PostgreSQL advisory lock, or a lease in
// the embedded SQLite file), so two saves from one base version cannot both pass the version
// check before either writes: the second reads the first's version and gets the 409.

const refusalAnswers: Readonly<Record<RefusalKind, { status: ContentfulStatusCode; code: string }>> = {
  conflict: { status: 409, code: 'handoff_conflict' },
  state: { status: 409, code: 'handoff_state' },
  incomplete: { status: 422, code: 'handoff_incomplete' },
  foreign_contact: { status: 422, code: 'contact_not_in_company' },
};

const bodyExamples: Readonly<Record<HandoffAction, string>> = {
  save: '{"baseVersion":3,"fields":{"goals":"..."}}',
  submit: '{"baseVersion":3} or {"baseVersion":3,"fields":{...}}',
  accept: '{"baseVersion":4}',
  return: '{"baseVersion":4,"comment":"Please add the success criteria"}',
};

/** `changed` is told of every company a handoff or churn-reason request may have written to. */
export function registerHandoffRoutes(app: Hono, card: CardDeps, store: StateStore, changed: (companyId: string) => void = () => undefined): void {
  const deps = handoffDepsOf(card);
  const oneAtATime = <T>(companyId: string, run: () => Promise<T>): Promise<T> => store.serialised(`company:${companyId}`, run).finally(() => changed(companyId));
  const base = '/api/companies/:companyId';

  app.get(`${base}/handoff`, (c) => withCompany(c, deps, async (handoff, companyId) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await getHandoff(handoff, companyId));
  }));

  const change = (action: HandoffAction) => (c: Context) =>
    withCompany(c, deps, async (handoff, companyId) => {
      const body = await parseBody(c, handoffRequestSchemas[action], bodyExamples[action]);
      if ('error' in body) return c.json(errorBody('bad_request', body.error), 400);
      const request = body.data;
      const outcome = await oneAtATime(companyId, () => changeHandoff(handoff, companyId, request));
      if (outcome.kind === 'refused') {
        const answer = refusalAnswers[outcome.reason];
        const error = { code: answer.code, message: outcome.message, ...(outcome.missing ? { missing: outcome.missing } : {}) };
        return c.json({ error, ...sections(outcome.view) }, answer.status);
      }
      return c.json({ replayed: outcome.replayed, noteId: outcome.noteId, taskIds: outcome.taskIds, ...sections(outcome.view) });
    });
  app.put(`${base}/handoff`, change('save'));
  app.post(`${base}/handoff/submit`, change('submit'));
  app.post(`${base}/handoff/accept`, change('accept'));
  app.post(`${base}/handoff/return`, change('return'));

  app.post(`${base}/churn-reason`, (c) =>
    withCompany(c, deps, async (handoff, companyId) => {
      const body = await parseBody(c, churnReasonBodySchema, '{"reason":"competitor","comment":"Moved to Acme for price"}');
      if ('error' in body) return c.json(errorBody('bad_request', body.error), 400);
      const outcome = await oneAtATime(companyId, () => recordChurnReason(handoff, companyId, body.data));
      if (outcome.kind === 'refused') return c.json({ error: { code: outcome.code, message: outcome.message }, ...sections(outcome.view) }, 409);
      return c.json({ replayed: outcome.replayed, noteId: outcome.noteId, ...sections(outcome.view) });
    }),
  );
}

/** Every answer carries the handoff and churn sections, and the whole card as it is now, so the card redraws without another request. */
function sections(view: CardView) {
  return { handoff: view.handoff, churn: view.churn, view };
}

async function withCompany(c: Context, deps: HandoffDeps | null, run: (deps: HandoffDeps, companyId: string) => Promise<Response>): Promise<Response> {
  const companyId = companyIdSchema.safeParse(c.req.param('companyId'));
  if (!companyId.success) return c.json(errorBody('bad_request', 'companyId must be a numeric HubSpot record id'), 400);
  if (deps === null) return c.json(errorBody('not_implemented', 'This backend was started without write access to HubSpot, so the handoff is unavailable'), 501);
  try {
    return await run(deps, companyId.data);
  } catch (error) {
    if (error instanceof ContactsUnknownError) return c.json(errorBody('contacts_unavailable', error.message), 503);
    if (error instanceof HubSpotError && error.failure.kind === 'rejected' && error.failure.status === 400) {
      const hint = 'if the handoff or churn-reason properties are missing from the portal, run `cs-card setup`';
      return c.json(errorBody('hubspot_error', `${error.message}: ${hint}`), 502);
    }
    throw error;
  }
}

async function parseBody<T>(c: Context, schema: z.ZodMiniType<T>, example: string): Promise<{ data: T } | { error: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    return { error: `the body must be JSON, like ${example}` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { data: parsed.data };
  const issues = parsed.error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`));
  return { error: `${issues.join('; ')} (expected a body like ${example})` };
}
