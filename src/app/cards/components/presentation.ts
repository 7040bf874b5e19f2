import type { FactorStatus, HealthBand, Priority, RenewalWindow } from '../../../domain/view-model.ts';
import type { MessageKey } from '../i18n/messages.ts';

// How each value of the view model looks. Lookups keyed by what the backend decided
// (band, window, priority, status): the card never re-derives them from numbers.
type TagVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';

interface Look {
  readonly label: MessageKey;
  readonly variant: TagVariant;
}

export const bandLook: Readonly<Record<HealthBand, Look>> = {
  healthy: { label: 'band.healthy', variant: 'success' },
  attention: { label: 'band.attention', variant: 'warning' },
  at_risk: { label: 'band.at_risk', variant: 'danger' },
  unknown: { label: 'band.unknown', variant: 'default' },
  churned: { label: 'band.churned', variant: 'default' },
};

export const windowLook: Readonly<Record<RenewalWindow, Look>> = {
  overdue: { label: 'window.overdue', variant: 'danger' },
  d30: { label: 'window.d30', variant: 'warning' },
  d60: { label: 'window.d60', variant: 'info' },
  d90: { label: 'window.d90', variant: 'info' },
  later: { label: 'window.later', variant: 'default' },
};

export const priorityLook: Readonly<Record<Priority, Look>> = {
  high: { label: 'priority.high', variant: 'danger' },
  medium: { label: 'priority.medium', variant: 'warning' },
  low: { label: 'priority.low', variant: 'default' },
};

export const factorStatusLook: Readonly<Record<FactorStatus, Look>> = {
  ok: { label: 'factorStatus.ok', variant: 'success' },
  no_data: { label: 'factorStatus.no_data', variant: 'default' },
  stale: { label: 'factorStatus.stale', variant: 'warning' },
  error: { label: 'factorStatus.error', variant: 'danger' },
};

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

/** Shown where a number is missing. */
export const NO_VALUE = '—';
