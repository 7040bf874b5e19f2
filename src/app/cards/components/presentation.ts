import type { CardView, FactorView, HealthBand, LifecycleStage, Priority, RenewalWindow } from '../contract/view-model.ts';
import type { I18n } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';

// How each value of the view model looks. Lookups keyed by what the backend decided
// (band, window, priority, status): the card never re-derives them from numbers.
type TagVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';

interface Look {
  readonly label: MessageKey;
  readonly variant: TagVariant;
}

export const bandLook: Readonly<Record<HealthBand | 'churned', Look>> = {
  healthy: { label: 'band.healthy', variant: 'success' },
  attention: { label: 'band.attention', variant: 'warning' },
  at_risk: { label: 'band.at_risk', variant: 'danger' },
  unknown: { label: 'band.unknown', variant: 'default' },
  churned: { label: 'band.churned', variant: 'default' },
};

/** A band from the backend, including ones this card does not know yet (shown as unknown). */
export function lookOfBand(band: string): Look {
  return Object.hasOwn(bandLook, band) ? bandLook[band as keyof typeof bandLook] : bandLook.unknown;
}

/**
 * The score's colour is its band's (the backend's bands, 76 / 51 by default), never
 * ScoreCircle's own 66 / 33 thresholds: a ProgressBar in the variant of the band's tag
 * (`bandLook`, the one band -> colour map); null for a band without a colour.
 */
export function bandProgressVariant(band: string): 'success' | 'warning' | 'danger' | null {
  const { variant } = lookOfBand(band);
  return variant === 'success' || variant === 'warning' || variant === 'danger' ? variant : null;
}

/** A 30-day move of at least this many points is shown as a signal, not only as a number. */
export const TREND_SIGNAL_POINTS = 5;

export const lifecycleLabels: Readonly<Record<LifecycleStage, MessageKey>> = {
  prospect: 'lifecycle.prospect',
  onboarding: 'lifecycle.onboarding',
  active: 'lifecycle.active',
  renewing: 'lifecycle.renewing',
  churned: 'lifecycle.churned',
};

export const windowLook: Readonly<Record<RenewalWindow, Look>> = {
  overdue: { label: 'window.overdue', variant: 'danger' },
  d30: { label: 'window.d30', variant: 'warning' },
  d60: { label: 'window.d60', variant: 'info' },
  d90: { label: 'window.d90', variant: 'info' },
  later: { label: 'window.later', variant: 'default' },
};

/** A lapsed contract's tag beside the day it ended: no renewal on record (an open renewal deal past its close date is "Overdue"). */
const lapsedLook: Look = { label: 'renewal.none.title', variant: 'danger' };

/**
 * How the renewal's date is named and flagged: a lapsed contract (renewal.lapsed: it ended with no
 * renewal deal open, renewal.ts contractLapsed) is the day the contract ended, with no renewal on
 * record, never "Overdue", the word for an open renewal deal past its close date (demo: Sierra
 * Hotels, ended Sep 9, 2024, read "Overdue · 819 days ago"); any other date is the renewal date and
 * its window. While the deals could not be read (`unread`), neither: the renewal date, and its window
 * only while it is ahead.
 */
export function renewalWhen(renewal: Pick<CardView['renewal'], 'window' | 'lapsed'>, unread: FactorView | null = null): { readonly label: 'renewal.date' | 'renewal.contractEnded'; readonly look: Look | null } {
  // The deals could not be read (`unread`, the renewal factor's error): the date is the company's
  // renewal date property, and whether a renewal deal is open past it ("Overdue"), won, or not on
  // record at all ("Contract ended · No renewal on record") is what the deals would say (sandbox
  // with --fault 503@deals: Tidewater Builders, renewed on Nov 18, 2026, read "Contract ended Nov
  // 20, 2026 · No renewal on record"). A date still ahead keeps its window: that is the date's own.
  if (unread !== null) return { label: 'renewal.date', look: renewal.window === null || renewal.window === 'overdue' ? null : windowLook[renewal.window] };
  if (renewal.lapsed === true) return { label: 'renewal.contractEnded', look: lapsedLook };
  return { label: 'renewal.date', look: renewal.window === null ? null : windowLook[renewal.window] };
}

/**
 * Why a view has no health score, as a catalog key: a churned customer has left and a prospect
 * is not a customer yet (neither is scored, whatever the data); anyone else had too little data.
 */
export function noScoreKey(band: string, stage: LifecycleStage): 'health.churnedNoScore' | 'lifecycle.prospect.body' | 'health.noScore' {
  if (band === 'churned' || stage === 'churned') return 'health.churnedNoScore';
  return stage === 'prospect' ? 'lifecycle.prospect.body' : 'health.noScore';
}

/**
 * Whether the customer is not scored at all (churned, or a prospect), as opposed to scored or only
 * short of data: then no coverage and no factor weighed into a score is shown, only what each
 * factor found. A customer short of data keeps them: its coverage says why there is no score.
 */
export function isUnscored(health: Pick<CardView['health'], 'score' | 'band'>, stage: LifecycleStage): boolean {
  return health.score === null && noScoreKey(health.band, stage) !== 'health.noScore';
}

/**
 * The score history the card draws: a scored customer's (or one only short of data) as it is; a
 * churned customer's up to the day it churned, with that day for the chart's title (its scores are
 * real, but beside "Churned" and no score, a chart under "Score history" reads as current health);
 * none for a prospect, never scored, nor for a churn with no day to cut it at. Null below two points.
 */
export function scoreHistoryOf(view: Pick<CardView, 'health' | 'lifecycle'>): { readonly points: ReadonlyArray<{ date: string; score: number }>; readonly churnedOn: string | null } | null {
  const { health, lifecycle } = view;
  const churnedOn = isUnscored(health, lifecycle.stage) ? (lifecycle.stage === 'churned' ? lifecycle.since : null) : null;
  if (isUnscored(health, lifecycle.stage) && churnedOn === null) return null;
  const points = (health.history ?? []).filter((point) => churnedOn === null || point.date <= churnedOn);
  return points.length < 2 ? null : { points, churnedOn };
}

/**
 * Whether the sales handoff belongs on the card open: during onboarding, while it is with CS or
 * back with sales, or while sales owes it. Elsewhere (an active, renewing or churned customer, a
 * prospect) the tab card folds it away and the CLI's card leaves it out: "Not started · 0%" there
 * is no work owed.
 */
export function handoffIsRelevant(view: Pick<CardView, 'lifecycle' | 'handoff' | 'actions'>): boolean {
  const { handoff } = view;
  if (view.lifecycle?.stage === 'onboarding') return true;
  if (handoff.status === 'submitted' || handoff.status === 'returned') return true;
  if (handoff.phase === 'draft') return true;
  return view.actions.some((action) => action.id === 'handoff-complete');
}

/**
 * The renewal's value in the portal's home currency and, when the deal is in another currency,
 * the deal's own amount beside it: the deal record shows £216,600.00 where the card's value is
 * HubSpot's conversion, $275,082.00, and the two must not read as different amounts. Null
 * without an amount.
 */
export function renewalValue(i18n: I18n, renewal: Pick<CardView['renewal'], 'amount' | 'currency' | 'dealAmount' | 'dealCurrency'>): string | null {
  if (renewal.amount === null) return null;
  const value = i18n.money(renewal.amount, renewal.currency);
  if (renewal.dealAmount === undefined || renewal.dealAmount === null || renewal.dealCurrency === undefined) return value;
  return i18n.t('renewal.valueConverted', { value, dealValue: i18n.money(renewal.dealAmount, renewal.dealCurrency) });
}

type RenewalRecord = Pick<CardView['renewal'], 'status' | 'lastOutcome' | 'staleDeals'>;

/**
 * The line of a lost renewal that left no renewal date ("Renewal lost on Nov 2, 2026": a
 * churned customer's renewal is on record, lost, not missing); null for any other renewal.
 */
export function lostRenewalLine(i18n: I18n, renewal: RenewalRecord): string | null {
  const outcome = renewal.lastOutcome;
  return renewal.status === 'lost' && outcome !== null && outcome.result === 'lost' ? i18n.t('renewal.lastOutcome.lost', { date: outcome.date }) : null;
}

/**
 * What the renewal's record says beside its date: the last decided renewal ("Renewal won on
 * Dec 4, 2026": why a renewed customer's next date is a term later, not overdue), unless told
 * it is shown already, and each open renewal deal left far past its close date while a later
 * one exists (it does not set the date).
 */
export function renewalRecordLines(i18n: I18n, renewal: RenewalRecord, withOutcome = true): string[] {
  const lines: string[] = [];
  const outcome = renewal.lastOutcome;
  if (withOutcome && outcome !== null) lines.push(i18n.t(outcome.result === 'won' ? 'renewal.lastOutcome.won' : 'renewal.lastOutcome.lost', { date: outcome.date }));
  for (const stale of renewal.staleDeals) lines.push(i18n.t('renewal.staleDeal', { dealId: stale.dealId, date: stale.closeDate }));
  return lines;
}

/**
 * The line of a renewal section without a renewal date: the lost renewal (lostRenewalLine), else
 * that the deals could not be read (the renewal factor's words, when `unread`), else null — no
 * renewal on record, which only then is a fact and comes with how to record one.
 */
export function missingRenewalLine(i18n: I18n, renewal: RenewalRecord, unread: FactorView | null): string | null {
  return lostRenewalLine(i18n, renewal) ?? (unread === null ? null : factorFact(i18n, unread));
}

export const priorityLook: Readonly<Record<Priority, Look>> = {
  high: { label: 'priority.high', variant: 'danger' },
  medium: { label: 'priority.medium', variant: 'warning' },
  low: { label: 'priority.low', variant: 'default' },
};

/**
 * A factor's status dot: an unscored factor says why (no data, stale, error); a scored one is
 * coloured by its own score against the health bands, so a factor at 0 is never a green "OK".
 */
export function factorLook(factor: Pick<FactorView, 'status' | 'band'>): Look {
  switch (factor.status) {
    case 'no_data':
      return { label: 'factorStatus.no_data', variant: 'default' };
    case 'stale':
      return { label: 'factorStatus.stale', variant: 'warning' };
    case 'error':
      return { label: 'factorStatus.error', variant: 'danger' };
    case 'ok':
      if (factor.band === 'healthy') return { label: 'factorLevel.healthy', variant: 'success' };
      if (factor.band === 'attention') return { label: 'factorLevel.attention', variant: 'warning' };
      if (factor.band === 'at_risk') return { label: 'factorLevel.at_risk', variant: 'danger' };
      return { label: 'factorStatus.ok', variant: 'default' };
  }
}

const factorLabels: Readonly<Record<string, MessageKey>> = {
  nps: 'factor.nps',
  support: 'factor.support',
  engagement: 'factor.engagement',
  adoption: 'factor.adoption',
  renewal: 'factor.renewal',
  sentiment: 'factor.sentiment',
};

/** The catalog's name for a default factor; a configured factor keeps the backend's label. */
export function factorLabelKey(key: string): MessageKey | undefined {
  return Object.hasOwn(factorLabels, key) ? factorLabels[key] : undefined;
}

/** A factor's name in the user's language (a configured factor keeps the backend's label). */
export function factorName(i18n: I18n, factor: Pick<FactorView, 'key' | 'label'>): string {
  const key = factorLabelKey(factor.key);
  return key ? i18n.t(key) : factor.label;
}

/** The factor's fact in the user's language: the backend's message, else its English explanation. */
export function factorFact(i18n: I18n, factor: Pick<FactorView, 'explanation' | 'explanationMessage'>): string {
  return factor.explanationMessage ? i18n.message(factor.explanationMessage, factor.explanation) : factor.explanation;
}

/**
 * The factor whose records could not be read (status error), or null: the NPS, support and
 * renewal sections then say so with the factor's own words instead of "no answers", "none open"
 * or "no renewal on record", which the empty figures would read as (demo with tickets failing:
 * "Support: None open" above "Support tickets unavailable").
 */
export function unreadFactor(health: Pick<CardView['health'], 'factors'>, key: 'nps' | 'support' | 'renewal'): FactorView | null {
  return health.factors.find((factor) => factor.key === key && factor.status === 'error') ?? null;
}

/**
 * Whether the lifecycle stage is a guess: it rests on the deals (a lost renewal is churn, a renewal
 * due is renewing, new business won is onboarding, no won deal a prospect) and they could not be
 * read (the renewal factor's error, unreadFactor). With deals failing, a churned customer read
 * "Active customer" (sandbox with --fault 503@deals, Upland Capital). The stage stays the backend's,
 * one of the view model's; the card says beside it that it is uncertain, and why.
 */
export function stageUncertain(health: Pick<CardView['health'], 'factors'>): boolean {
  return unreadFactor(health, 'renewal') !== null;
}

/**
 * The factors that cost the most points, worst first (the backend's pointsLost; ties keep the
 * backend's order); none without a score, which nothing cost points of. The backend sends no
 * points lost without a score (health-evaluation.ts lifecycleHealth); the card still checks the
 * score, as a view from an earlier backend carried a churned customer's.
 */
export function costliestFactors(health: Pick<CardView['health'], 'score' | 'factors'>, count: number): FactorView[] {
  if (health.score === null) return [];
  return health.factors
    .filter((factor) => (factor.pointsLost ?? 0) > 0)
    .sort((a, b) => (b.pointsLost ?? 0) - (a.pointsLost ?? 0))
    .slice(0, count);
}

/** Shown where a number is missing. */
export const NO_VALUE = '—';
