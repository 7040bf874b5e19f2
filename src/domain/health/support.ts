import type { CsConfig } from '../../config/schema.ts';
import { dayZone, parseZonedDay, type Day, type DayZone } from '../parsing/index.ts';
import { scored, sourceError, worded, type Explanation, type FactorResult } from './factor.ts';
import { isTrueValue, textValue } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import { keySet, type KeySet } from '../parsing/index.ts';
import { message } from '../../app/cards/contract/message.ts';
import { plural } from '../card/wording.ts';

// Support load from tickets. A company without tickets is good data (score 100), not
// missing data; only a failed tickets source leaves the factor unscored.

export type TicketPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';

export interface OpenTicket {
  readonly id: string;
  readonly priority: TicketPriority;
  /** Days since createdate; null when the ticket has no valid createdate. */
  readonly ageDays: number | null;
}

export interface SupportFacts {
  readonly open: readonly OpenTicket[];
  readonly byPriority: Readonly<Record<TicketPriority, number>>;
  /** HIGH and URGENT. */
  readonly openHighPriority: number;
  readonly oldestOpenDays: number | null;
}

function priorityOf(value: string | null): TicketPriority {
  // HubSpot's own values are upper-case already: compared before any case conversion.
  if (value === 'LOW' || value === 'MEDIUM' || value === 'HIGH' || value === 'URGENT') return value;
  const upper = value?.toUpperCase();
  return upper === 'LOW' || upper === 'HIGH' || upper === 'URGENT' ? upper : 'MEDIUM';
}

/**
 * Whether a ticket is still open: not marked closed, no close date, and not in a closed pipeline stage.
 *
 * @example
 * isOpenTicket({ id: 't1', properties: { hs_pipeline_stage: '1' } }, keySet(['4']))                                // => true
 * isOpenTicket({ id: 't2', properties: { hs_pipeline_stage: '4' } }, keySet(['4']))                                // => false
 * isOpenTicket({ id: 't3', properties: { hs_pipeline_stage: '1', closed_date: '2026-11-02' } }, keySet(['4'])) // => false
 */
export function isOpenTicket(ticket: CrmRecord, closedStages: KeySet): boolean {
  const props = ticket.properties;
  if (isTrueValue(props.hs_is_closed) || textValue(props.closed_date) !== null) return false;
  const stage = textValue(props.hs_pipeline_stage);
  return stage === null || !closedStages.has(stage);
}

/**
 * The open tickets (priority, age), counted by priority; a ticket in a closed stage is not open, an unknown priority is MEDIUM.
 *
 * @example
 * supportFacts([
 *   { id: 't1', properties: { hs_pipeline_stage: '1', hs_ticket_priority: 'URGENT', createdate: '2026-11-18T10:00:00Z' } },
 *   { id: 't2', properties: { hs_pipeline_stage: '2', hs_ticket_priority: 'low', createdate: '2026-12-01T10:00:00Z' } },
 *   { id: 't3', properties: { hs_pipeline_stage: '4', hs_ticket_priority: 'HIGH' } },
 * ], defaultConfig.support, parseIsoDate('2026-12-07'))
 * // => { open: [{ id: 't1', priority: 'URGENT', ageDays: 19 }, { id: 't2', priority: 'LOW', ageDays: 6 }], byPriority: { LOW: 1, MEDIUM: 0, HIGH: 0, URGENT: 1 }, openHighPriority: 1, oldestOpenDays: 19 }
 */
export function supportFacts(tickets: readonly CrmRecord[], config: CsConfig['support'], asOf: Day, zone: DayZone = dayZone('UTC')): SupportFacts {
  const open: OpenTicket[] = [];
  const byPriority: Record<TicketPriority, number> = { LOW: 0, MEDIUM: 0, HIGH: 0, URGENT: 0 };
  let oldestOpenDays: number | null = null;
  const closedStages = keySet(config.closedStages);
  // An index, not for-of: the iterator's results were allocated here, once per ticket.
  for (let index = 0; index < tickets.length; index++) {
    const ticket = tickets[index] as CrmRecord;
    if (!isOpenTicket(ticket, closedStages)) continue;
    const priority = priorityOf(textValue(ticket.properties.hs_ticket_priority));
    const created = parseZonedDay(ticket.properties.createdate, zone);
    const ageDays = created === null ? null : Math.max(0, asOf - created);
    open.push({ id: ticket.id, priority, ageDays });
    byPriority[priority]++;
    if (ageDays !== null && (oldestOpenDays === null || ageDays > oldestOpenDays)) oldestOpenDays = ageDays;
  }
  return { open, byPriority, openHighPriority: byPriority.HIGH + byPriority.URGENT, oldestOpenDays };
}

/**
 * Points one open ticket takes off the score: its priority weight, growing with age up to a cap.
 *
 * @example
 * ticketPenalty({ id: 't1', priority: 'URGENT', ageDays: 19 }, defaultConfig.support) // => 25 * (1 + (19 / 30) * 0.5)
 * // age capped at 90 days:
 * ticketPenalty({ id: 't2', priority: 'HIGH', ageDays: 200 }, defaultConfig.support) // => 12 * (1 + (90 / 30) * 0.5)
 */
export function ticketPenalty(ticket: OpenTicket, config: CsConfig['support']): number {
  const age = Math.min(ticket.ageDays ?? 0, config.ageCapDays);
  return config.priorityWeights[ticket.priority] * (1 + (age / config.ageStepDays) * config.ageStepFactor);
}

/**
 * The support factor: 100 minus every open ticket's penalty (no tickets: 100, good data).
 *
 * @example
 * // an URGENT ticket 19 days old (-32.9) and a LOW one 6 days old (-3.3): 100 - 36.2 = 63.8
 * supportFactor({ open: [{ id: 't1', priority: 'URGENT', ageDays: 19 }, { id: 't2', priority: 'LOW', ageDays: 6 }], byPriority: { LOW: 1, MEDIUM: 0, HIGH: 0, URGENT: 1 }, openHighPriority: 1, oldestOpenDays: 19 }, defaultConfig.support, false).score // => 64
 */
export function supportFactor(facts: SupportFacts, config: CsConfig['support'], sourceFailed: boolean): FactorResult {
  return worded(lazySupportFactor(facts, config, sourceFailed));
}

/**
 * supportFactor, its explanation worded when read (the evaluation's, health-evaluation.ts).
 *
 * @example
 * lazySupportFactor(supportFacts([], defaultConfig.support, 0), defaultConfig.support, false).score // => 100
 */
export function lazySupportFactor(facts: SupportFacts, config: CsConfig['support'], sourceFailed: boolean): FactorResult<Explanation> {
  if (sourceFailed) return sourceError('support', 'Tickets could not be read, so support is not counted');
  let penalty = 0;
  for (const ticket of facts.open) penalty += ticketPenalty(ticket, config);
  const total = facts.open.length;
  const explanationMessage =
    total === 0
      ? message('factor.support.none')
      : message('factor.support.open', { total, urgent: facts.byPriority.URGENT, high: facts.byPriority.HIGH, oldest: facts.oldestOpenDays ?? -1 });
  return scored('support', 100 - penalty, () => describeOpenTickets(facts), explanationMessage);
}

/**
 * "No open tickets", "2 urgent tickets open, oldest 19 days", "5 tickets open (2 urgent, 1 high), oldest 40 days".
 *
 * @example
 * describeOpenTickets({ open: [{ id: 't1', priority: 'URGENT', ageDays: 19 }, { id: 't2', priority: 'LOW', ageDays: 6 }], byPriority: { LOW: 1, MEDIUM: 0, HIGH: 0, URGENT: 1 }, openHighPriority: 1, oldestOpenDays: 19 })
 * // => '2 tickets open (1 urgent), oldest 19 days'
 * describeOpenTickets({ open: [], byPriority: { LOW: 0, MEDIUM: 0, HIGH: 0, URGENT: 0 }, openHighPriority: 0, oldestOpenDays: null }) // => 'No open tickets'
 */
export function describeOpenTickets(facts: SupportFacts): string {
  const total = facts.open.length;
  if (total === 0) return 'No open tickets';
  const oldest = facts.oldestOpenDays === null ? '' : `, oldest ${plural(facts.oldestOpenDays, 'day')}`;
  const { URGENT: urgent, HIGH: high } = facts.byPriority;
  if (urgent === total || high === total) {
    return `${plural(total, urgent === total ? 'urgent ticket' : 'high-priority ticket')} open${oldest}`;
  }
  const urgentText = urgent > 0 ? `${urgent} urgent` : '';
  const highText = high > 0 ? `${high} high` : '';
  const detail = urgent > 0 || high > 0 ? ` (${urgentText}${urgent > 0 && high > 0 ? ', ' : ''}${highText})` : '';
  return `${plural(total, 'ticket')} open${detail}${oldest}`;
}
