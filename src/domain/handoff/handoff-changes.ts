import { editableStatuses, handoffFieldKeys, handoffFieldProperties, handoffOf, handoffStateProperties, handoffStatus, handoffVersion, missingFieldKeys, type HandoffFieldKey } from './handoff.ts';
import type { HandoffAction, HandoffRequest } from '../../app/cards/contract/handoff.ts';
import { handoffEffects, type HandoffEffects, type TimelineContext } from './handoff-timeline.ts';
import { textOf } from '../parsing/index.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import type { HandoffStatus } from '../../app/cards/contract/view-model.ts';

// Changing the handoff: the state machine sales and CS drive, checked against the company as it
// is now. A change names the version it was made from: a stale one is refused, not applied over
// someone else's work, and a retried one is recognised and only finishes what it began.
//   not_started / draft --save--> draft, --submit--> submitted
//   submitted --accept--> accepted (onboarding tasks), --return(comment)--> returned
//   returned --save--> returned, --submit--> submitted (resubmitted)

export type RefusalKind = 'conflict' | 'state' | 'incomplete' | 'foreign_contact';

export interface HandoffRefusal {
  readonly kind: 'refused';
  readonly reason: RefusalKind;
  /** One sentence naming what is wrong and what to do. */
  readonly message: string;
  /** An incomplete submit: the required fields still missing, by label (English) and as form field keys. */
  readonly missing?: readonly string[];
  readonly missingFields?: readonly string[];
}

export type HandoffPlan =
  | HandoffRefusal
  /** Apply: write `properties`, then create the note and tasks. */
  | ({ readonly kind: 'apply'; readonly properties: Readonly<Record<string, string>> } & HandoffEffects)
  /** The same request was applied already (a retry): write nothing, only make sure its note and tasks exist. */
  | ({ readonly kind: 'replay' } & HandoffEffects);

export interface HandoffContext extends TimelineContext {
  /** ISO instant of the change. */
  readonly now: string;
}

/**
 * What to do for one request against the company as it is now. Pure: the use case does the I/O.
 *
 * @example
 * // CS accepts the submitted handoff at version 2: status, time, next version and the change's key are written.
 * planHandoffChange({ action: 'accept', baseVersion: 2 }, { company: { cs_handoff_status: 'submitted', cs_handoff_version: '2' }, companyName: 'Acme', contacts: [], config: defaultConfig.handoff, today: '2026-12-07', now: '2026-12-07T09:00:00Z', notes: english.notes, onboarding: english.onboarding }).properties
 * // => { cs_handoff_status: 'accepted', cs_handoff_accepted_at: '2026-12-07T09:00:00Z', cs_handoff_version: '3', cs_handoff_last_change: 'accept:2:811c9dc5' }
 * // The same accept from a form opened at version 1 is refused, nothing overwritten:
 * planHandoffChange({ action: 'accept', baseVersion: 1 }, { company: { cs_handoff_status: 'submitted', cs_handoff_version: '2' }, companyName: 'Acme', contacts: [], config: defaultConfig.handoff, today: '2026-12-07', now: '2026-12-07T09:00:00Z', notes: english.notes, onboarding: english.onboarding }).reason // => 'conflict'
 */
export function planHandoffChange(request: HandoffRequest, ctx: HandoffContext): HandoffPlan {
  const current = handoffVersion(ctx.company);
  const key = changeKey(request);
  const nextVersion = request.baseVersion + 1;
  if (current === nextVersion && textOf(ctx.company, handoffStateProperties.lastChange) === key) {
    // Rebuilt from what is stored now, which is what the first attempt wrote.
    return { kind: 'replay', ...handoffEffects(request.action, submittedFrom(ctx.company), ctx, nextVersion, ctx.company) };
  }
  if (current !== request.baseVersion) return conflict(current, request.baseVersion);

  const status = handoffStatus(ctx.company, ctx.config);
  const refusal = stateRefusal(request.action, status);
  if (refusal) return refusal;

  const written = writtenFields(request);
  const foreign = foreignContact(written, ctx.contacts);
  if (foreign) return foreign;

  const merged: Record<string, string | null | undefined> = { ...ctx.company, ...written };
  if (request.action === 'submit') {
    const { missing } = handoffOf(merged, ctx.config);
    if (missing.length > 0) {
      return {
        kind: 'refused',
        reason: 'incomplete',
        missing,
        missingFields: missingFieldKeys(merged, ctx.config),
        message: `The handoff cannot be submitted: required fields are missing: ${missing.join(', ')}. Fill them in, then submit again`,
      };
    }
  }
  const properties: Record<string, string> = {
    ...written,
    ...transitionProperties(request, ctx),
    [handoffStateProperties.version]: String(nextVersion),
    [handoffStateProperties.lastChange]: key,
  };
  return { kind: 'apply', properties, ...handoffEffects(request.action, status, ctx, nextVersion, { ...merged, ...properties }) };
}

function conflict(current: number, base: number): HandoffRefusal {
  return {
    kind: 'refused',
    reason: 'conflict',
    message:
      `Someone else changed this handoff after you opened it (it is now at version ${current}, your form started from version ${base}). ` +
      'Nothing was overwritten and your entries were not saved: reload the handoff, compare, and save again',
  };
}

const stateRules: Readonly<Record<HandoffAction, { readonly from: ReadonlySet<HandoffStatus>; readonly refusal: (status: HandoffStatus) => string }>> = {
  save: { from: editableStatuses, refusal: (status) => `The handoff is ${statusWords[status]}: CS must return it before sales can edit it` },
  submit: { from: editableStatuses, refusal: (status) => `The handoff is ${statusWords[status]} already: there is nothing to submit` },
  accept: { from: new Set(['submitted']), refusal: (status) => `Only a submitted handoff can be accepted; this one is ${statusWords[status]}` },
  return: { from: new Set(['submitted']), refusal: (status) => `Only a submitted handoff can be returned; this one is ${statusWords[status]}` },
};

const statusWords: Readonly<Record<HandoffStatus, string>> = {
  not_started: 'not submitted yet',
  submitted: 'submitted to CS',
  accepted: 'accepted by CS',
  returned: 'returned to sales',
};

function stateRefusal(action: HandoffAction, status: HandoffStatus): HandoffRefusal | null {
  const rule = stateRules[action];
  return rule.from.has(status) ? null : { kind: 'refused', reason: 'state', message: rule.refusal(status) };
}

/** The form fields a request writes, as property values ('' clears). */
function writtenFields(request: HandoffRequest): Record<string, string> {
  const fields = request.action === 'save' || request.action === 'submit' ? (request.fields ?? {}) : {};
  const written: Record<string, string> = {};
  for (const key of handoffFieldKeys) {
    const value = fields[key];
    if (value !== undefined) written[handoffFieldProperties[key]] = value.trim();
  }
  return written;
}

const contactRoles: ReadonlyArray<readonly [HandoffFieldKey, string]> = [
  ['championId', 'champion'],
  ['economicBuyerId', 'economic buyer'],
];

function foreignContact(written: Readonly<Record<string, string>>, contacts: readonly CrmRecord[]): HandoffRefusal | null {
  const ids = new Set(contacts.map((contact) => contact.id));
  for (const [key, role] of contactRoles) {
    const id = written[handoffFieldProperties[key]];
    if (id !== undefined && id !== '' && !ids.has(id)) {
      return { kind: 'refused', reason: 'foreign_contact', message: `Contact ${id} (the ${role}) is not associated with this company: choose one of the company's contacts` };
    }
  }
  return null;
}

function transitionProperties(request: HandoffRequest, ctx: HandoffContext): Record<string, string> {
  const status = ctx.config.statusProperty;
  switch (request.action) {
    case 'save':
      return {};
    case 'submit':
      return { [status]: 'submitted', [handoffStateProperties.submittedAt]: ctx.now };
    case 'accept':
      return { [status]: 'accepted', [handoffStateProperties.acceptedAt]: ctx.now };
    case 'return':
      return { [status]: 'returned', [handoffStateProperties.returnedAt]: ctx.now, [handoffStateProperties.returnComment]: request.comment.trim() };
  }
}

/** A replayed submit rebuilds its note from the stored state: a return date means it was a resubmission. */
function submittedFrom(company: PropertyValues): HandoffStatus {
  return textOf(company, handoffStateProperties.returnedAt) === null ? 'not_started' : 'returned';
}

/**
 * The request's key, `action:baseVersion:fingerprint of its content`: the same edit sent twice has the same key.
 *
 * @example
 * changeKey({ action: 'accept', baseVersion: 2 }) // => 'accept:2:811c9dc5'
 * changeKey({ action: 'return', baseVersion: 2, comment: ' Champion missing ' }) === changeKey({ action: 'return', baseVersion: 2, comment: 'Champion missing' }) // => true
 */
export function changeKey(request: HandoffRequest): string {
  const content =
    request.action === 'return'
      ? request.comment.trim()
      : request.action === 'accept'
        ? ''
        : JSON.stringify(handoffFieldKeys.map((key) => request.fields?.[key]?.trim() ?? null));
  return `${request.action}:${request.baseVersion}:${fingerprint(content)}`;
}

/** FNV-1a, 32 bits: enough to tell two edits from the same base apart, not a security measure. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
