// Company NPS facts as they were read before respondents were looked up along the answers
// (src/domain/nps/nps.ts), kept verbatim as the reference the new code must match on random answers
// (nps-equivalence.test.ts).
import type { CsConfig } from '../../config/schema.ts';
import { dayZone, parseInstant, type Day, type DayZone } from '../parsing/index.ts';
import { npsGroup, npsScore, type NpsAnswer, type NpsFacts } from '../nps/nps.ts';
import { parseNumber, textValue } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { sortInPlace } from '../card/sorting.ts';
import { keySet } from '../parsing/index.ts';

export function referenceNpsFacts(feedback: readonly CrmRecord[], config: CsConfig['nps'], asOf: Day, zone: DayZone = dayZone('UTC')): NpsFacts {
  const surveyTypes = keySet(config.surveyTypes);
  // Each respondent's latest answer, kept in `answers`: a contact's is found by the map of its
  // index; a submission naming no contact is its own respondent (rare; a submission listed
  // twice counts once).
  const answerOfContact = new Map<string, number>();
  const answers: NpsAnswer[] = [];
  let outOfRange = 0;
  let notANumber = 0;
  let undated = 0;

  for (const record of feedback) {
    const props = record.properties;
    if (!surveyTypes.has(textValue(props.hs_survey_type))) continue;
    const submittedAt = parseInstant(props.hs_submission_timestamp) ?? parseInstant(props.hs_createdate);
    if (submittedAt === null) {
      undated++;
      continue;
    }
    const day = zone.dayOf(submittedAt);
    const age = asOf - day;
    if (age < 0 || age >= config.windowDays) continue;
    const value = parseNumber(props.hs_value);
    if (value === null) {
      notANumber++;
      continue;
    }
    if (!Number.isInteger(value) || value < 0 || value > 10) {
      outOfRange++;
      continue;
    }
    const contactId = textValue(props.hs_contact_id);
    const answer: NpsAnswer = { submissionId: record.id, value, submittedAt, day, contactId, comment: textValue(props.hs_content) };
    const same = contactId === null ? sameSubmission(answers, record.id) : (answerOfContact.get(contactId) ?? -1);
    if (same < 0) {
      if (contactId !== null) answerOfContact.set(contactId, answers.length);
      answers.push(answer);
    } else if (compareNewestFirst(answer, answers[same] as NpsAnswer) < 0) {
      answers[same] = answer;
    }
  }

  sortInPlace(answers, compareNewestFirst);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const answer of answers) {
    const group = npsGroup(answer.value);
    if (group === 'promoter') promoters++;
    else if (group === 'passive') passives++;
    else detractors++;
  }
  const responses = answers.length;
  return {
    score: npsScore(promoters, detractors, responses),
    responses,
    promoters,
    passives,
    detractors,
    windowDays: config.windowDays,
    lowSample: responses < config.lowSampleBelow,
    answers,
    latest: answers[0] ?? null,
    ignored: { outOfRange, notANumber, undated },
  };
}

/** The index of the counted answer of this submission naming no contact, or -1 (a loop, not findIndex: no closure per answer). */
function sameSubmission(answers: readonly NpsAnswer[], submissionId: string): number {
  for (let i = 0; i < answers.length; i++) {
    const other = answers[i] as NpsAnswer;
    if (other.contactId === null && other.submissionId === submissionId) return i;
  }
  return -1;
}

/**
 * Later submission first; the submission id, then the contact, break ties, so the order
 * (and which answer is "latest") never depends on the order HubSpot returned them in.
 */
function compareNewestFirst(a: NpsAnswer, b: NpsAnswer): number {
  if (a.submittedAt !== b.submittedAt) return b.submittedAt - a.submittedAt;
  if (a.submissionId !== b.submissionId) return a.submissionId > b.submissionId ? -1 : 1;
  if (a.contactId === b.contactId) return 0;
  return (a.contactId ?? '') > (b.contactId ?? '') ? -1 : 1;
}

