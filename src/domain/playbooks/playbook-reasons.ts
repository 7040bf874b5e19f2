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

export function healthText({ score, band }: PlaybookFacts['health']): string {
  return score === null ? 'health is unknown (too little data)' : `health is ${score} (${bandLabels[band]})`;
}

export function renewsText(renewal: RenewalFacts): string {
  return `Renews in ${plural(renewal.daysToRenewal ?? 0, 'day')} (${formatDay(renewal.day ?? 0)})`;
}

/** The renewal's "renews in N days (date)", with the health beside it unless `withHealth` is false, as a catalog message. */
export function renewsMessage(renewal: RenewalFacts, health: PlaybookFacts['health'], withHealth: boolean): Message {
  const days = renewal.daysToRenewal ?? 0;
  const date = formatDay(renewal.day ?? 0);
  if (!withHealth) return message('action.reason.renews', { days, date });
  return message('action.reason.renewsWithHealth', { days, date, band: health.score === null ? 'unknown' : health.band, score: health.score ?? 0 });
}

export function answersMessage(count: number, latest: NpsAnswer, group: 'promoter' | 'detractor', days: number): Message {
  const answer = { value: latest.value, date: formatDay(latest.day) };
  if (count === 1) return message('action.reason.npsAnswer', answer);
  return message(group === 'promoter' ? 'action.reason.promoterAnswers' : 'action.reason.detractorAnswers', { count, days, ...answer });
}

export function seatsMessage(adoption: AdoptionFacts, only: boolean): Message {
  return message(only ? 'action.reason.lowSeats' : 'action.reason.seats', {
    active: adoption.seatsActive ?? 0,
    licensed: adoption.seatsLicensed ?? 0,
    percent: Math.round((adoption.utilisation ?? 0) * 100),
  });
}

export function answerText(answer: NpsAnswer): string {
  return `${answer.value}/10 on ${formatDay(answer.day)}`;
}

/** How many of the group answered within the follow-up window, and the latest of them (the answers are newest first). */
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
