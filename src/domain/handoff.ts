import type { CsConfig } from '../config/schema.ts';
import { parseDay } from './dates.ts';
import { keyOf, textOf } from './property-values.ts';
import type { PropertyValues } from './snapshot.ts';
import type { HandoffStatus } from './view-model.ts';

// The sales -> CS handoff (DOMAIN.md): its status and which required fields are still empty.
// A date field only counts as filled when it holds a real date.

export interface Handoff {
  readonly status: HandoffStatus;
  /** Filled required fields / required fields, 0..1 (1 when nothing is required). */
  readonly completeness: number;
  /** Labels of the required fields still missing, in configured order. */
  readonly missing: string[];
}

const statuses: ReadonlySet<string> = new Set<HandoffStatus>(['not_started', 'submitted', 'accepted', 'returned']);

export function handoffStatus(company: PropertyValues, config: CsConfig['handoff']): HandoffStatus {
  const value = keyOf(company, config.statusProperty);
  return value !== null && statuses.has(value) ? (value as HandoffStatus) : 'not_started';
}

export function handoffOf(company: PropertyValues, config: CsConfig['handoff']): Handoff {
  const missing = config.requiredFields.filter((field) => !isFilled(company, field)).map((field) => field.label);
  const required = config.requiredFields.length;
  return {
    status: handoffStatus(company, config),
    completeness: required === 0 ? 1 : (required - missing.length) / required,
    missing,
  };
}

function isFilled(company: PropertyValues, field: CsConfig['handoff']['requiredFields'][number]): boolean {
  const text = textOf(company, field.property);
  if (text === null) return false;
  return field.kind === 'date' ? parseDay(text) !== null : true;
}
