import type { CsConfig } from '../../config/schema.ts';
import type { AdoptionFacts } from '../health/adoption.ts';
import { formatDay } from '../parsing/index.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { npsGroup, type NpsAnswer } from '../nps/nps.ts';
import type { RenewalFacts } from '../renewal/renewal.ts';
import type { HealthBand } from '../../app/cards/contract/view-model.ts';
import type { PlaybookFacts } from './playbook-rules.ts';
import { plural } from '../card/wording.ts';

// The words of the playbook rules' reasons: as catalog messages (what the user reads, in their
// language) and as the English text the view model keeps for compatibility.

const bandLabels: Readonly<Record<HealthBand, string>> = {
  healthy: 'healthy',
  attention: 'needs attention',
  at_risk: 'at risk',
  unknown: 'too little data',
  churned: 'churned',
};

/**
 * The health as a reason's words.
 *
 * @example
 * healthText({ score: 48, band: 'at_risk' })      // => 'health is 48 (at risk)'
 * healthText({ score: null, band: 'unknown' })    // => 'health is unknown (too little data)'
 */
export function healthText({ score, band }: PlaybookFacts['health']): string {
  return score === null ? 'health is unknown (too little data)' : `health is ${score} (${bandLabels[band]})`;
}

/**
 * "Renews in N days (date)".
 *
 * @example
 * renewsText({ daysToRenewal: 39, day: parseIsoDate('2027-01-15') }) // => 'Renews in 39 days (2027-01-15)'
 */
export function renewsText(renewal: RenewalFacts): string {
  return `Renews in ${plural(renewal.daysToRenewal ?? 0, 'day')} (${formatDay(renewal.day ?? 0)})`;
}

/**
 * The renewal's "renews in N days (date)", with the health beside it unless `withHealth` is false, as a catalog message.
 *
 * @example
 * renewsMessage({ daysToRenewal: 39, day: parseIsoDate('2027-01-15') }, { score: 48, band: 'at_risk' }, true)
 * // => { code: 'action.reason.renewsWithHealth', params: { days: 39, date: '2027-01-15', band: 'at_risk', score: 48 } }
 * renewsMessage({ daysToRenewal: 39, day: parseIsoDate('2027-01-15') }, { score: 48, band: 'at_risk' }, false)
 * // => { code: 'action.reason.renews', params: { days: 39, date: '2027-01-15' } }
 */
export function renewsMessage(renewal: RenewalFacts, health: PlaybookFacts['health'], withHealth: boolean): Message {
  const days = renewal.daysToRenewal ?? 0;
  const date = formatDay(renewal.day ?? 0);
  if (!withHealth) return message('action.reason.renews', { days, date });
  return message('action.reason.renewsWithHealth', { days, date, band: health.score === null ? 'unknown' : health.band, score: health.score ?? 0 });
}

/**
 * The reason citing a group's recent NPS answers: the one answer, or how many and the latest.
 *
 * @example
 * answersMessage(2, { submissionId: 's2', value: 9, submittedAt: parseInstant('2026-11-20T10:00:00Z'), day: parseIsoDate('2026-11-20'), contactId: '201', comment: null }, 'promoter', 30)
 * // => { code: 'action.reason.promoterAnswers', params: { count: 2, days: 30, value: 9, date: '2026-11-20' } }
 * answersMessage(1, { submissionId: 's7', value: 4, submittedAt: parseInstant('2026-11-30T10:00:00Z'), day: parseIsoDate('2026-11-30'), contactId: '203', comment: null }, 'detractor', 30)
 * // => { code: 'action.reason.npsAnswer', params: { value: 4, date: '2026-11-30' } }
 */
export function answersMessage(count: number, latest: NpsAnswer, group: 'promoter' | 'detractor', days: number): Message {
  const answer = { value: latest.value, date: formatDay(latest.day) };
  if (count === 1) return message('action.reason.npsAnswer', answer);
  return message(group === 'promoter' ? 'action.reason.promoterAnswers' : 'action.reason.detractorAnswers', { count, days, ...answer });
}

/**
 * The seat utilisation as a reason (`only`: "only 12 of 50 seats active").
 *
 * @example
 * seatsMessage({ seatsActive: 12, seatsLicensed: 50, utilisation: 0.24, daysSinceActivity: 3 }, true)
 * // => { code: 'action.reason.lowSeats', params: { active: 12, licensed: 50, percent: 24 } }
 */
export function seatsMessage(adoption: AdoptionFacts, only: boolean): Message {
  return message(only ? 'action.reason.lowSeats' : 'action.reason.seats', {
    active: adoption.seatsActive ?? 0,
    licensed: adoption.seatsLicensed ?? 0,
    percent: Math.round((adoption.utilisation ?? 0) * 100),
  });
}

/**
 * One NPS answer as a reason's words.
 *
 * @example
 * answerText({ submissionId: 's2', value: 9, submittedAt: parseInstant('2026-11-20T10:00:00Z'), day: parseIsoDate('2026-11-20'), contactId: '201', comment: null }) // => '9/10 on 2026-11-20'
 */
export function answerText(answer: NpsAnswer): string {
  return `${answer.value}/10 on ${formatDay(answer.day)}`;
}

/**
 * How many of the group answered within the follow-up window, and the latest of them (the answers are newest first).
 *
 * @example
 * // the promoters of the last 30 days: s2 and s3 (s7 is a detractor; s1, 53 days back, is outside the window)
 * ((recent) => [recent.count, recent.latest.submissionId])(recentAnswers({ asOf: parseIsoDate('2026-12-07'), nps: { answers: [
 *   { submissionId: 's7', value: 4, submittedAt: 0, day: parseIsoDate('2026-11-30'), contactId: '203', comment: null },
 *   { submissionId: 's2', value: 9, submittedAt: 0, day: parseIsoDate('2026-11-20'), contactId: '201', comment: null },
 *   { submissionId: 's3', value: 10, submittedAt: 0, day: parseIsoDate('2026-11-10'), contactId: '202', comment: null },
 *   { submissionId: 's1', value: 10, submittedAt: 0, day: parseIsoDate('2026-10-15'), contactId: '204', comment: null },
 * ] } }, defaultConfig.playbooks, 'promoter')) // => [2, 's2']
 */
export function recentAnswers(facts: PlaybookFacts, config: CsConfig['playbooks'], group: 'promoter' | 'detractor'): { count: number; latest: NpsAnswer | null } {
  let count = 0;
  let latest: NpsAnswer | null = null;
  for (const answer of facts.nps.answers) {
    if (facts.asOf - answer.day >= config.npsFollowUpDays || npsGroup(answer.value) !== group) continue;
    count++;
    latest ??= answer;
  }
  return { count, latest };
}
