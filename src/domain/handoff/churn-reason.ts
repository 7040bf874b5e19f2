import type { CsConfig } from '../../config/schema.ts';
import { churnStateProperties } from '../property-names.ts';
import { actionMarker } from '../playbooks/action-tasks.ts';
import { formatDay, parseInstant, type Day } from '../parsing/index.ts';
import type { Deal } from '../renewal/deals.ts';
import { escapeHtml, fitNote, multiline } from './note-html.ts';
import { gapBetween, labelled, type NoteWording } from './note-wording.ts';
import { textOf } from '../parsing/index.ts';
import type { PropertyValues } from '../card/snapshot.ts';
import { messages as english } from '../../app/cards/i18n/catalog/en.ts';
import { churnReasons, maxChurnComment, type ChurnReason, type ChurnReasonBody } from '../../app/cards/contract/churn.ts';

// Why a customer left (DOMAIN.md "Customers who decided to cancel: record why"): asked for
// when the renewal deal is lost, stored as company properties and a timeline note, and it
// feeds the "lost renewal without churn reason" suggested action.

export { churnStateProperties } from '../property-names.ts';

/**
 * The most recent renewal lost within the lookback, not after asOf.
 *
 * @example
 * // (deals shortened to the fields the rule reads) the 2025 loss is 382 days back, past the 365-day lookback:
 * lostRenewal([{ id: 'd7', renewal: true, lost: true, closeDay: parseIsoDate('2026-11-20') }, { id: 'd3', renewal: true, lost: true, closeDay: parseIsoDate('2025-11-20') }], parseIsoDate('2026-12-07'), defaultConfig.playbooks).id // => 'd7'
 * lostRenewal([{ id: 'd3', renewal: true, lost: true, closeDay: parseIsoDate('2025-11-20') }], parseIsoDate('2026-12-07'), defaultConfig.playbooks) // => null
 */
export function lostRenewal(deals: readonly Deal[], asOf: Day, config: CsConfig['playbooks']): Deal | null {
  let latest: Deal | null = null;
  for (const deal of deals) {
    const day = deal.closeDay;
    if (!deal.renewal || !deal.lost || day === null || day > asOf || asOf - day > config.lostRenewalLookbackDays) continue;
    if (latest === null || (latest.closeDay ?? 0) < day) latest = deal;
  }
  return latest;
}

/**
 * The churn reason recorded on the company (the configured property, trimmed), or null.
 *
 * @example
 * recordedChurnReason({ cs_churn_reason: ' budget ' }, defaultConfig.playbooks) // => 'budget'
 * recordedChurnReason({ cs_churn_reason: '' }, defaultConfig.playbooks)         // => null
 */
export function recordedChurnReason(company: PropertyValues, config: CsConfig['playbooks']): string | null {
  return textOf(company, config.churnReasonProperty);
}

export interface ChurnDetail {
  /** A renewal was lost and no reason is recorded: the card asks for it. */
  readonly needed: boolean;
  readonly lostDeal: { readonly id: string; readonly name: string | null; readonly closeDate: string | null } | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly recordedAt: string | null;
  readonly reasons: ChurnReason[];
  /** What the form starts with while a reason is needed: from the lost deal's closed_lost_reason, else null. */
  readonly suggestion: ChurnSuggestion | null;
}

/** A churn reason prefilled from HubSpot's `closed_lost_reason`: the CSM confirms or edits it. */
export interface ChurnSuggestion {
  /** The reason the deal's words name, or null when they name none clearly (the CSM picks). */
  readonly reason: ChurnReason | null;
  /** The deal's reason in the rep's words, as the comment. */
  readonly comment: string;
}

// Words of a closed_lost_reason that name one reason; the reason named first in the text wins
// (the rep's lead reason). HubSpot's property is free text by default (a dropdown in some
// portals: its value is then a code or a label, matched first).
const reasonWords: ReadonlyArray<readonly [ChurnReason, RegExp]> = [
  ['out_of_business_or_ma', /\b(bankrupt\w*|insolv\w*|out of business|clos(ed|ing) down|shut down|merg(er|ed)|acqui(red|sition))\b/i],
  ['competitor', /\b(competitors?|competition|switched to|moved to|went with|chose)\b/i],
  ['budget', /\b(budgets?|price[ds]?|pricing|costs?|expensive|afford\w*|spend(ing)?)\b/i],
  ['product_gap', /\b(features?|functionality|product gap|missing|lacks?|lacking|integrations?)\b/i],
  ['value_not_realised', /\b(value|roi|adoption|not us(ed|ing)|unused|no usage|low usage)\b/i],
];

/**
 * The churn reason the lost renewal's `closed_lost_reason` suggests: the reason its words name
 * (a code, the card's English label for it (the catalog's churn.reason.*), or words such as "budget", "competitor", "acquired" — the one named first)
 * and the text itself as the comment; null when the deal gives no reason.
 *
 * @example
 * suggestedChurnReason('Budget cut') // -> { reason: 'budget', comment: 'Budget cut' }
 * suggestedChurnReason('Champion left') // -> { reason: null, comment: 'Champion left' }
 * suggestedChurnReason(null) // -> null
 */
export function suggestedChurnReason(lostReason: string | null): ChurnSuggestion | null {
  const comment = lostReason?.trim() ?? '';
  if (comment === '') return null;
  const key = comment.toLowerCase();
  const named = churnReasons.find((reason) => reason === key.replace(/[\s-]+/g, '_') || english[`churn.reason.${reason}`].toLowerCase() === key);
  if (named !== undefined) return { reason: named, comment: '' }; // a dropdown's value: nothing to add as a comment
  let first: { reason: ChurnReason; at: number } | null = null;
  for (const [reason, words] of reasonWords) {
    const at = comment.search(words);
    if (at >= 0 && (first === null || at < first.at)) first = { reason, at };
  }
  return { reason: first?.reason ?? null, comment: comment.slice(0, maxChurnComment) };
}

/**
 * The card's churn section: whether a lost renewal asks for a reason, what is recorded, and the suggested reason.
 *
 * @example
 * // A renewal lost on 2026-11-20 "Budget cut for next year", no reason recorded yet: the card asks, suggesting budget.
 * churnDetail({}, [{ id: 'd7', name: 'Acme renewal 2026', renewal: true, lost: true, closeDay: parseIsoDate('2026-11-20'), lostReason: 'Budget cut for next year' }], parseIsoDate('2026-12-07'), defaultConfig.playbooks)
 * // => { needed: true, lostDeal: { id: 'd7', name: 'Acme renewal 2026', closeDate: '2026-11-20' }, reason: null, comment: null, recordedAt: null,
 * //      reasons: ['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other'], suggestion: { reason: 'budget', comment: 'Budget cut for next year' } }
 */
export function churnDetail(company: PropertyValues, deals: readonly Deal[], asOf: Day, config: CsConfig['playbooks']): ChurnDetail {
  const lost = lostRenewal(deals, asOf, config);
  const reason = recordedChurnReason(company, config);
  const recordedAt = parseInstant(company[churnStateProperties.recordedAt]);
  return {
    needed: lost !== null && reason === null,
    lostDeal: lost === null ? null : { id: lost.id, name: lost.name, closeDate: lost.closeDay === null ? null : formatDay(lost.closeDay) },
    reason,
    comment: textOf(company, churnStateProperties.comment),
    recordedAt: recordedAt === null ? null : new Date(recordedAt).toISOString(),
    reasons: churnReasons.slice(), // a copy per card: the view model is the caller's to change
    suggestion: lost !== null && reason === null ? suggestedChurnReason(lost.lostReason) : null,
  };
}

export const churnNoteMarker = actionMarker('churn-reason-recorded');

export type ChurnPlan =
  | { readonly kind: 'apply'; readonly properties: Readonly<Record<string, string>>; readonly note: { readonly body: string; readonly marker: string } }
  /** The same reason is recorded already (a retry): write nothing, only make sure the note exists. */
  | { readonly kind: 'replay'; readonly note: { readonly body: string; readonly marker: string } }
  | { readonly kind: 'refused'; readonly code: ChurnRefusal; readonly message: string };

/** Why a churn reason was not recorded: one is recorded already, or no lost renewal asks for one. */
export type ChurnRefusal = 'churn_reason_recorded' | 'churn_reason_not_needed';

/**
 * What recording a churn reason does: apply it (properties + note), replay a retry of the
 * recorded one, or refuse — a different reason over a recorded one, or a company with no lost
 * renewal that asks for a reason.
 *
 * @example
 * planChurnReason({ reason: 'budget' }, { company: {}, lostDeal: null, config, now })
 * // -> { kind: 'refused', code: 'churn_reason_not_needed', message: 'This company has no lost renewal …' }
 */
export function planChurnReason(
  body: ChurnReasonBody,
  ctx: { company: PropertyValues; lostDeal: Deal | null; config: CsConfig['playbooks']; now: string; /** The note's words: the portal's language (the shell's, from the message catalog). */ notes: NoteWording },
): ChurnPlan {
  const comment = body.comment ?? '';
  const note = { body: churnNote(body.reason, comment, ctx.lostDeal, ctx.notes), marker: churnNoteMarker };
  const recorded = recordedChurnReason(ctx.company, ctx.config);
  if (recorded !== null) {
    if (recorded === body.reason && (textOf(ctx.company, churnStateProperties.comment) ?? '') === comment) return { kind: 'replay', note };
    return {
      kind: 'refused',
      code: 'churn_reason_recorded',
      message: `A churn reason is already recorded for this company ("${recorded}"): reload the card; change it in the company's ${ctx.config.churnReasonProperty} property if it is wrong`,
    };
  }
  if (ctx.lostDeal === null) {
    // Nothing asks for a reason: a customer that did not leave must not be marked as churned.
    return {
      kind: 'refused',
      code: 'churn_reason_not_needed',
      message: 'This company has no lost renewal waiting for a churn reason, so nothing was recorded: reload the card',
    };
  }
  return {
    kind: 'apply',
    properties: { [ctx.config.churnReasonProperty]: body.reason, [churnStateProperties.comment]: comment, [churnStateProperties.recordedAt]: ctx.now },
    note,
  };
}

function churnNote(reason: ChurnReason, comment: string, lostDeal: Deal | null, words: NoteWording): string {
  const deal = lostDeal === null ? '' : labelled(words.label(words.lostRenewal), escapeHtml(words.lostDeal(lostDeal.name, lostDeal.id, lostDeal.closeDay === null ? null : formatDay(lostDeal.closeDay))));
  const content = [
    `<p><strong>${escapeHtml(words.churnHeading)}</strong></p>`,
    labelled(words.label(words.churnReasonLabel), escapeHtml(words.churnReason(reason))),
    labelled(words.label(words.comment), comment === '' ? '—' : multiline(comment)),
    deal,
  ].join('');
  return fitNote(content, `<p>${escapeHtml(words.recordedBy)}${gapBetween(words.recordedBy, churnNoteMarker)}${churnNoteMarker}</p>`, words.truncated);
}
