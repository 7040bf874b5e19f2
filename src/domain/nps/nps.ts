import type { CsConfig } from '../../config/schema.ts';
import { dayZone, parseInstant, type Day, type DayZone } from '../parsing/index.ts';
import { later, noData, scored, sourceError, worded, type Explanation, type FactorResult } from '../health/factor.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { parseNumber, textValue } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { keySet } from '../parsing/index.ts';
import { plural } from '../card/wording.ts';
import { sortInPlace } from '../card/sorting.ts';

// Company NPS (DOMAIN.md): the company's contacts are the respondents; each contact's
// latest NPS answer inside the window counts once. NPS = %promoters - %detractors, rounded
// to a whole number (half away from zero), from -100 to 100. Never the average rating.

export interface NpsAnswer {
  readonly submissionId: string;
  readonly value: number;
  /** Epoch milliseconds. */
  readonly submittedAt: number;
  readonly day: Day;
  /** null when the submission names no contact: it then counts as its own respondent. */
  readonly contactId: string | null;
  readonly comment: string | null;
}

export interface NpsIgnored {
  /** A number, but not a whole number from 0 to 10. */
  readonly outOfRange: number;
  /** Empty or not a number. */
  readonly notANumber: number;
  /** No valid hs_submission_timestamp (so no way to place it in the window). */
  readonly undated: number;
}

export interface NpsFacts {
  readonly score: number | null;
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly windowDays: number;
  readonly lowSample: boolean;
  /** The counted answers (each respondent's latest in the window), newest first. */
  readonly answers: readonly NpsAnswer[];
  readonly latest: NpsAnswer | null;
  readonly ignored: NpsIgnored;
}

/**
 * %promoters - %detractors, rounded half away from zero; null without responses.
 *
 * @example
 * npsScore(6, 1, 10) // => 50
 * // -12.5, rounded half away from zero:
 * npsScore(1, 2, 8)  // => -13
 * npsScore(0, 0, 0)  // => null
 */
export function npsScore(promoters: number, detractors: number, responses: number): number | null {
  if (responses <= 0) return null;
  const exact = (100 * (promoters - detractors)) / responses;
  const rounded = Math.sign(exact) * Math.round(Math.abs(exact));
  return rounded === 0 ? 0 : rounded;
}

/**
 * An answer's NPS group: 9-10 promoter, 7-8 passive, 0-6 detractor.
 *
 * @example
 * npsGroup(9) // => 'promoter'
 * npsGroup(7) // => 'passive'
 * npsGroup(6) // => 'detractor'
 */
export function npsGroup(value: number): 'promoter' | 'passive' | 'detractor' {
  return value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor';
}

/**
 * The NPS of the answers in the window: each respondent's latest answer of a configured survey type counts once; unusable answers are counted as ignored.
 *
 * @example
 * // Contact 201 answered 6 in June, then 9 (the one that counts); 202 gave 10, 203 gave 3; 11 is out of range; CSAT is not NPS:
 * ((facts) => [facts.score, facts.responses, facts.promoters, facts.detractors, facts.lowSample, facts.latest.submissionId, facts.ignored])(npsFacts([
 *   { id: 's1', properties: { hs_survey_type: 'NPS', hs_value: '6', hs_contact_id: '201', hs_submission_timestamp: '2026-06-01T10:00:00Z' } },
 *   { id: 's2', properties: { hs_survey_type: 'NPS', hs_value: '9', hs_contact_id: '201', hs_submission_timestamp: '2026-11-02T10:00:00Z' } },
 *   { id: 's3', properties: { hs_survey_type: 'NPS', hs_value: '10', hs_contact_id: '202', hs_submission_timestamp: '2026-10-15T10:00:00Z' } },
 *   { id: 's4', properties: { hs_survey_type: 'NPS', hs_value: '3', hs_contact_id: '203', hs_submission_timestamp: '2026-09-20T10:00:00Z' } },
 *   { id: 's5', properties: { hs_survey_type: 'NPS', hs_value: '11', hs_contact_id: '204', hs_submission_timestamp: '2026-09-21T10:00:00Z' } },
 *   { id: 's6', properties: { hs_survey_type: 'CSAT', hs_value: '2', hs_contact_id: '205', hs_submission_timestamp: '2026-09-21T10:00:00Z' } },
 * ], defaultConfig.nps, parseIsoDate('2026-12-07'))) // => [33, 3, 2, 1, true, 's2', { outOfRange: 1, notANumber: 0, undated: 0 }]
 */
export function npsFacts(feedback: readonly CrmRecord[], config: CsConfig['nps'], asOf: Day, zone: DayZone = dayZone('UTC')): NpsFacts {
  const surveyTypes = keySet(config.surveyTypes);
  // Each respondent's latest answer, kept in `answers`: a contact's is found by a look along the
  // answers while they are few, then by a map of its index; a submission naming no contact is its
  // own respondent (rare; a submission listed twice counts once).
  let answerOfContact: Map<string, number> | null = null;
  const answers: NpsAnswer[] = [];
  let outOfRange = 0;
  let notANumber = 0;
  let undated = 0;

  // An index, not for-of: the iterator's results were allocated here, once per answer.
  for (let index = 0; index < feedback.length; index++) {
    const record = feedback[index] as CrmRecord;
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
    const same =
      contactId === null ? sameSubmission(answers, record.id) : answerOfContact === null ? sameContact(answers, contactId) : (answerOfContact.get(contactId) ?? -1);
    if (same < 0) {
      if (contactId !== null && answerOfContact === null && answers.length >= scannedAnswers) answerOfContact = contactIndex(answers);
      if (contactId !== null && answerOfContact !== null) answerOfContact.set(contactId, answers.length);
      answers.push(answer);
    } else if (compareNewestFirst(answer, answers[same] as NpsAnswer) < 0) {
      answers[same] = answer;
    }
  }

  sortInPlace(answers, compareNewestFirst);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let index = 0; index < answers.length; index++) {
    const group = npsGroup((answers[index] as NpsAnswer).value);
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

/** Up to this many counted answers a contact's is found by looking along them (cheaper than a map for a few). */
const scannedAnswers = 12;

/** The index of the counted answer of this contact, or -1. */
function sameContact(answers: readonly NpsAnswer[], contactId: string): number {
  for (let i = 0; i < answers.length; i++) if ((answers[i] as NpsAnswer).contactId === contactId) return i;
  return -1;
}

/** The index of each contact's counted answer (each contact has at most one). */
function contactIndex(answers: readonly NpsAnswer[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < answers.length; i++) {
    const contactId = (answers[i] as NpsAnswer).contactId;
    if (contactId !== null) index.set(contactId, i);
  }
  return index;
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
  // A sign, not the difference: two epoch milliseconds differ by more than a small integer holds, and the difference would be a boxed number.
  if (a.submittedAt !== b.submittedAt) return a.submittedAt > b.submittedAt ? -1 : 1;
  if (a.submissionId !== b.submissionId) return a.submissionId > b.submissionId ? -1 : 1;
  if (a.contactId === b.contactId) return 0;
  return (a.contactId ?? '') > (b.contactId ?? '') ? -1 : 1;
}

/**
 * The nps factor: NPS -100..100 mapped to 0..100. One answer must not carry the full weight:
 * below the low-sample threshold the factor counts for responses / threshold of its weight, and
 * the rest is treated like missing data (it lowers the coverage).
 *
 * @example
 * npsFactor(facts with 2 answers of 10, false, 5) // { score: 100, confidence: 0.4, explanation: '... (low sample: counts for 40% of its weight)' }
 */
export function npsFactor(facts: NpsFacts, sourceFailed: boolean, lowSampleBelow: number): FactorResult {
  return worded(lazyNpsFactor(facts, sourceFailed, lowSampleBelow));
}

/**
 * npsFactor, its explanation worded when read (the evaluation's, health-evaluation.ts). `weighed`
 * false for a customer not scored at all (churned, or a prospect: lifecycle.ts isScoredStage): its
 * factors are facts, weighed into no score, so a low sample is said as one, not as "counts for 20%
 * of its weight" (demo: Upland Capital, churned, read that beside "No health score").
 *
 * @example
 * lazyNpsFactor({ score: 100, responses: 2, promoters: 2, passives: 0, detractors: 0, windowDays: 180 }, false, 5).confidence // => 0.4
 * String(lazyNpsFactor({ score: -100, responses: 1, promoters: 0, passives: 0, detractors: 1, windowDays: 180 }, false, 5, false).explanationMessage?.params?.lowSample) // => 'unscored'
 */
export function lazyNpsFactor(facts: Pick<NpsFacts, 'score' | 'responses' | 'promoters' | 'passives' | 'detractors' | 'windowDays'>, sourceFailed: boolean, lowSampleBelow: number, weighed = true): FactorResult<Explanation> {
  if (sourceFailed) return sourceError('nps', 'NPS answers could not be read, so NPS is not counted');
  if (facts.score === null) return noData('nps', `No NPS answers in the last ${facts.windowDays} days`, message('factor.nps.none', { days: facts.windowDays }));
  const score = facts.score;
  const confidence = facts.responses >= lowSampleBelow ? 1 : facts.responses / lowSampleBelow;
  const explanation = later(() => {
    const groups = `${plural(facts.promoters, 'promoter')}, ${plural(facts.passives, 'passive')}, ${plural(facts.detractors, 'detractor')}`;
    const sample = confidence < 1 ? (weighed ? ` (low sample: counts for ${Math.round(confidence * 100)}% of its weight)` : ' (low sample)') : '';
    return `NPS ${score} from ${plural(facts.responses, 'response')} in the last ${facts.windowDays} days: ${groups}${sample}`;
  });
  const factor = scored('nps', (score + 100) / 2, explanation, message('factor.nps.score', {
    score,
    responses: facts.responses,
    days: facts.windowDays,
    promoters: facts.promoters,
    passives: facts.passives,
    detractors: facts.detractors,
    lowSample: confidence < 1 ? (weighed ? 'yes' : 'unscored') : 'no',
    // The share of its weight the factor counts for (100 from the threshold on): the card says it beside the weight.
    share: Math.round(confidence * 100),
  }));
  // Written out rather than spread (same keys, same order): an NPS factor is built for every company.
  return confidence < 1
    ? { key: factor.key, label: factor.label, score: factor.score, status: factor.status, explanation: factor.explanation, explanationMessage: factor.explanationMessage, confidence }
    : factor;
}

/**
 * Data notes for the card, e.g. "2 NPS answers ignored: value outside 0-10".
 *
 * @example
 * npsWarnings({ outOfRange: 1, notANumber: 0, undated: 2 }) // => ['1 NPS answer ignored: value outside 0-10', '2 NPS answers ignored: no valid submission date']
 */
export function npsWarnings(ignored: NpsIgnored): string[] {
  const notes: string[] = [];
  if (ignored.outOfRange > 0) notes.push(`${plural(ignored.outOfRange, 'NPS answer')} ignored: value outside 0-10`);
  if (ignored.notANumber > 0) notes.push(`${plural(ignored.notANumber, 'NPS answer')} ignored: value missing or not a number`);
  if (ignored.undated > 0) notes.push(`${plural(ignored.undated, 'NPS answer')} ignored: no valid submission date`);
  return notes;
}

/**
 * The same notes as catalog messages, in the same order.
 *
 * @example
 * npsWarningMessages({ outOfRange: 1, notANumber: 0, undated: 2 })
 * // => [{ code: 'warning.npsIgnored', params: { count: 1, reason: 'out_of_range' } }, { code: 'warning.npsIgnored', params: { count: 2, reason: 'undated' } }]
 */
export function npsWarningMessages(ignored: NpsIgnored): Message[] {
  const notes: Message[] = [];
  if (ignored.outOfRange > 0) notes.push(message('warning.npsIgnored', { count: ignored.outOfRange, reason: 'out_of_range' }));
  if (ignored.notANumber > 0) notes.push(message('warning.npsIgnored', { count: ignored.notANumber, reason: 'not_a_number' }));
  if (ignored.undated > 0) notes.push(message('warning.npsIgnored', { count: ignored.undated, reason: 'undated' }));
  return notes;
}
