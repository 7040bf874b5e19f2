import type { CrmRecord } from '../card/snapshot.ts';

// Which survey answers are the company's, one rule for the card and the sync (DOMAIN.md NPS):
// HubSpot associates feedback submissions with contacts, not companies, and `hs_contact_id` is
// empty on some real answers (linked to their contact only by association). So an answer is the
// company's when it is associated with one of the company's contacts, and its respondent is
// `hs_contact_id`, or, when that is empty, the associated contact of the company with the lowest
// id (an order HubSpot's two association APIs agree on, unlike the order of their results).

/** Compares HubSpot ids as numbers (ids have no leading zeros), then as text. */
function byId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Whether the answer's respondent must be read from its associations (HubSpot left
 * `hs_contact_id` empty).
 * @example
 * needsRespondent({ id: '7', properties: { hs_contact_id: '' } }) // => true
 */
export function needsRespondent(answer: CrmRecord): boolean {
  const contact = answer.properties.hs_contact_id;
  return contact === null || contact === undefined || contact.trim() === '';
}

/**
 * Each survey answer's contacts (the `linkedContacts` companySurveyAnswers takes), from each
 * contact's answer ids as HubSpot's contact -> feedback submission associations give them:
 * answers in the order first met, each answer's contacts in the order the contacts come.
 * @example
 * linkedContacts(new Map([['12', ['s1', 's2']], ['9', ['s1']]]))
 * // => new Map([['s1', ['12', '9']], ['s2', ['12']]])
 */
export function linkedContacts(answersByContact: Iterable<readonly [string, readonly string[]]>): Map<string, string[]> {
  const linked = new Map<string, string[]>();
  for (const [contactId, answerIds] of answersByContact) {
    for (const answerId of answerIds) {
      const contacts = linked.get(answerId);
      if (contacts === undefined) linked.set(answerId, [contactId]);
      else contacts.push(contactId);
    }
  }
  return linked;
}

/**
 * The company's survey answers, each once, with `hs_contact_id` naming the respondent.
 * `answers` are those found through the company's contacts' associations; `linkedContacts`
 * gives, per answer id, the contacts it is associated with (needed only for answers without
 * `hs_contact_id`; contacts outside the company are ignored). An answer without a respondent
 * among the company's contacts keeps `hs_contact_id` empty and counts as its own respondent.
 * @example
 * companySurveyAnswers(['12', '9'], [{ id: 's1', properties: { hs_contact_id: null, hs_value: '9' } }], new Map([['s1', ['40', '12', '9']]]))
 * // => [{ id: 's1', properties: { hs_contact_id: '9', hs_value: '9' } }]
 */
export function companySurveyAnswers(
  contactIds: readonly string[],
  answers: readonly CrmRecord[],
  linkedContacts: ReadonlyMap<string, readonly string[]>,
): CrmRecord[] {
  const ofCompany = new Set(contactIds);
  const seen = new Set<string>();
  const result: CrmRecord[] = [];
  for (const answer of answers) {
    if (seen.has(answer.id)) continue;
    seen.add(answer.id);
    if (!needsRespondent(answer)) {
      result.push(answer);
      continue;
    }
    const respondent = (linkedContacts.get(answer.id) ?? []).filter((id) => ofCompany.has(id)).sort(byId)[0];
    result.push(respondent === undefined ? answer : { id: answer.id, properties: { ...answer.properties, hs_contact_id: respondent } });
  }
  return result;
}
