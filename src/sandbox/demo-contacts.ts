// A demo company's contacts and their survey answers (NPS, a few CSAT), inserted through the
// store's fast path like the rest of the demo portfolio (demo-records.ts).
import { between, insert, slug, type DemoContext, type Range } from './demo-context.ts';
import type { Signals } from './demo-records.ts';
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, NPS_COMMENTS } from './demo-vocabulary.ts';

export function addContacts(ctx: DemoContext, companyId: string, domain: string, owner: string | null, customerDays: number, count: Range): string[] {
  const { random, calendar } = ctx;
  const ids: string[] = [];
  const total = between(random, count);
  for (let n = 0; n < total; n += 1) {
    const firstname = random.pick(FIRST_NAMES);
    const lastname = random.pick(LAST_NAMES);
    const createdDays = random.int(1, customerDays + 30);
    const createdAt = calendar.datetime(-createdDays, random.int(8, 17));
    const updatedAt = calendar.datetime(-random.int(0, Math.min(createdDays - 1, 90)), random.int(0, 9));
    const touched = random.chance(0.7) ? calendar.datetime(-random.int(0, Math.min(createdDays - 1, 200)), random.int(8, 17)) : null;
    const id = insert(ctx, 'contacts', {
      firstname,
      lastname,
      email: `${slug(firstname)}.${slug(lastname)}${n === 0 ? '' : n}@${domain}`,
      jobtitle: random.pick(JOB_TITLES),
      associatedcompanyid: companyId,
      hubspot_owner_id: owner,
      notes_last_contacted: touched,
      lastmodifieddate: updatedAt,
      hs_object_id: null,
      createdate: createdAt,
      hs_lastmodifieddate: updatedAt,
    }, createdAt, updatedAt);
    ctx.store.link('companies', companyId, 'contacts', id);
    ids.push(id);
  }
  return ids;
}

function responseGroup(value: number): keyof typeof NPS_COMMENTS {
  return value >= 9 ? 'PROMOTER' : value >= 7 ? 'PASSIVE' : 'DETRACTOR';
}

/** NPS answers (a few CSAT) of the company's contacts, some outside a 180-day window, some contacts answering repeatedly, some without hs_contact_id. */
export function addFeedback(ctx: DemoContext, contactIds: readonly string[], signals: Pick<Signals, 'answerChance' | 'npsValues'>): number {
  const { random, calendar } = ctx;
  let count = 0;
  for (const contactId of contactIds) {
    if (!random.chance(signals.answerChance)) continue;
    const answers = random.weighted([[1, 6], [2, 3], [3, 1]] as const);
    for (let n = 0; n < answers; n += 1) {
      const csat = random.chance(0.05);
      const value = csat ? random.int(1, 5) : random.weighted(signals.npsValues);
      const group = csat ? null : responseGroup(value);
      const submittedAt = calendar.datetime(-random.int(1, 400), random.int(6, 20));
      const comment = group && random.chance(0.4) ? random.pick(NPS_COMMENTS[group]) : null;
      const id = insert(ctx, 'feedback_submissions', {
        hs_survey_type: csat ? 'CSAT' : 'NPS',
        hs_value: String(value),
        hs_response_group: group,
        hs_sentiment: group,
        hs_content: comment,
        hs_submission_timestamp: submittedAt,
        // One answer in five is linked to its contact only by association, as real portals hold
        // some (picked by id, not drawn, so the rest of the demo data stays as it was).
        hs_contact_id: (Number(contactId) + n) % 5 === 0 ? null : contactId,
        hs_survey_id: csat ? '1002' : '1001',
        hs_survey_name: csat ? 'Support CSAT' : 'Customer NPS survey',
        hs_object_id: null,
        hs_createdate: submittedAt,
        hs_lastmodifieddate: submittedAt,
      }, submittedAt, submittedAt);
      ctx.store.link('contacts', contactId, 'feedback_submissions', id);
      count += 1;
    }
  }
  return count;
}
