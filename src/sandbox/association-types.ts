// HubSpot-defined (unlabeled) association type ids, per direction. Company<->contact/deal/
// ticket, note/task<->company and the engagement ids are HubSpot's published defaults; the
// contact<->feedback_submission pair (97/98) could not be checked against HubSpot's docs and
// is a stand-in: callers should read type ids from responses rather than hard-code them.
import type { SandboxObjectType } from './object-types.ts';

const pairs: ReadonlyArray<readonly [SandboxObjectType, SandboxObjectType, number, number]> = [
  // from, to, from->to id, to->from id
  ['companies', 'contacts', 280, 279],
  ['companies', 'deals', 342, 341],
  ['companies', 'tickets', 340, 339],
  ['contacts', 'deals', 4, 3],
  ['contacts', 'tickets', 15, 16],
  ['deals', 'tickets', 27, 28],
  ['contacts', 'feedback_submissions', 97, 98],
  ['notes', 'companies', 190, 189],
  ['notes', 'contacts', 202, 201],
  ['notes', 'deals', 214, 213],
  ['notes', 'tickets', 228, 227],
  ['tasks', 'companies', 192, 191],
  ['tasks', 'contacts', 204, 203],
  ['tasks', 'deals', 216, 215],
  ['tasks', 'tickets', 230, 229],
];

const defaults = new Map<string, number>();
const targets = new Map<string, SandboxObjectType>();
for (const [from, to, forward, backward] of pairs) {
  defaults.set(`${from}:${to}`, forward);
  defaults.set(`${to}:${from}`, backward);
  targets.set(`${from}:${forward}`, to);
  targets.set(`${to}:${backward}`, from);
}

/** The unlabeled type id from one object type to another, if HubSpot defines one. */
export function defaultAssociationTypeId(from: SandboxObjectType, to: SandboxObjectType): number | undefined {
  return defaults.get(`${from}:${to}`);
}

/** Which object type a HUBSPOT_DEFINED type id leads to from `from` (for create bodies that name only the id). */
export function associationTarget(from: SandboxObjectType, typeId: number): SandboxObjectType | undefined {
  return targets.get(`${from}:${typeId}`);
}
