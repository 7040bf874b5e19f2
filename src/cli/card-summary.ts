import { createI18n, type I18n } from '../app/cards/i18n/format.ts';
import type { MessageKey } from '../app/cards/i18n/messages.ts';
import type { CardView, FactorView } from '../app/cards/contract/view-model.ts';
import { factorFact, factorName, handoffIsRelevant, isUnscored, lifecycleLabels, missingRenewalLine, noScoreKey, renewalRecordLines, renewalValue, renewalWhen, stageUncertain, unreadFactor } from '../app/cards/components/presentation.ts';
import { displayWidth, padEndColumns } from './display-width.ts';

// The readable form of a card for the terminal: what a CSM reads first, in the card's order,
// in the words of the card itself (the message catalog), so the two never say different things.
// Labels are padded by the columns they take (a Chinese or Japanese character two), and the
// glue of a line (brackets, colons, the separator between facts, a label before its figure) is the
// catalog's, as each language writes it.

/** What the CLI knows besides the view: the company's name. */
export interface CardExtras {
  readonly name?: string | null;
}

/** The column the sections' texts start at, further right when a label is longer (Thai, Polish). */
const labelWidth = 20;

/** A section's label and its text, laid out once every label is known; or a line as it is. */
type Line = string | { readonly label: string; readonly text: string };

function labelled(label: string, text: string): Line {
  return { label, text };
}

function laidOut(lines: readonly Line[]): string[] {
  const width = Math.max(labelWidth - 1, ...lines.map((line) => (typeof line === 'string' ? 0 : displayWidth(line.label))));
  return lines.map((line) => (typeof line === 'string' ? line : `${padEndColumns(line.label, width)} ${line.text}`));
}

/** A figure after its label ("Promoters 6"; "推奨者：6"), as the catalog writes the pair. */
function labelValue(i18n: I18n, label: MessageKey, value: string): string {
  return i18n.t('list.labelValue', { label: i18n.t(label), value });
}

/** Where the customer is in its life, and since when (the card's stage tag); uncertain while the deals could not be read (stageUncertain). */
function lifecycleLine(i18n: I18n, view: CardView): Line {
  const { lifecycle } = view;
  const parts = [i18n.t(lifecycleLabels[lifecycle.stage])];
  if (lifecycle.since !== null) parts.push(i18n.t('lifecycle.since', { date: lifecycle.since }));
  if (stageUncertain(view.health)) parts.push(i18n.t('lifecycle.uncertain'));
  return labelled(i18n.t('cli.card.lifecycle'), i18n.parts(parts));
}

/**
 * The score (or why there is none), band, trend and coverage, then each factor. A churned customer
 * or a prospect is not scored at all (isUnscored, as the app card's factors), so it gets no trend,
 * no coverage of a score and no factor weighed into one: only what each factor found.
 */
function healthLines(i18n: I18n, health: CardView['health'], stage: CardView['lifecycle']['stage']): Line[] {
  const score = health.score === null ? i18n.t(noScoreKey(health.band, stage)) : i18n.t('health.scoreOutOf', { score: health.score });
  // Scored, or only short of data (the coverage says how short): the factors are weighed.
  const scored = !isUnscored(health, stage);
  // No trend for a customer not scored at all, as the app card's (HealthSummary).
  const trend =
    !scored || health.trend30d === null || health.trend30d === 0
      ? []
      : [i18n.t(health.trend30d > 0 ? 'health.trendUp' : 'health.trendDown', { points: Math.abs(health.trend30d) })];
  const coverage = scored ? [i18n.t('health.coverage', { percent: i18n.percent(health.coverage) })] : [];
  const factors = health.factors.map((factor) => {
    const name = factorName(i18n, factor);
    const explanation = factorFact(i18n, factor);
    if (!scored) return `  - ${i18n.t('cli.card.factorFact', { factor: name, explanation })}`;
    const value = factor.status === 'ok' && factor.score !== null ? i18n.t('health.scoreOutOf', { score: factor.score }) : i18n.t(`factorStatus.${factor.status}`);
    return `  - ${i18n.t('cli.card.factor', { factor: name, weight: factor.weight, value, explanation })}`;
  });
  return [labelled(i18n.t('health.title'), i18n.parts([score, i18n.t(`band.${health.band}`), ...trend, ...coverage])), ...factors];
}

function renewalLine(i18n: I18n, renewal: CardView['renewal'], asOf: string, unread: FactorView | null): Line {
  const label = i18n.t('renewal.title');
  if (renewal.date === null) {
    const missing = missingRenewalLine(i18n, renewal, unread);
    return labelled(label, i18n.parts([missing ?? i18n.t('renewal.none.title'), ...renewalRecordLines(i18n, renewal, missing === null)]));
  }
  // The window's own word says how far (or how overdue) it is: "Overdue", never "12 days overdue (overdue)".
  // A lapsed contract's date is the day it ended, named so, with no renewal on record (renewalWhen, as the app card).
  // While the deals could not be read, the date is the company's property: no deal's word on it, and the section says why (renewalWhen).
  const when = renewalWhen(renewal, unread);
  const day = i18n.dayWithRelative(renewal.date, asOf);
  const parts = [when.label === 'renewal.date' ? day : labelValue(i18n, when.label, day)];
  if (when.look !== null) parts.push(i18n.t(when.look.label));
  const value = renewalValue(i18n, renewal);
  if (value !== null) parts.push(value);
  if (renewal.source !== null) parts.push(renewal.dealId === null ? i18n.t(`renewal.source.${renewal.source}`) : i18n.t('cli.card.deal', { dealId: renewal.dealId }));
  if (unread !== null) parts.push(factorFact(i18n, unread));
  return labelled(label, i18n.parts([...parts, ...renewalRecordLines(i18n, renewal)]));
}

function npsLine(i18n: I18n, nps: CardView['nps'], unread: FactorView | null): Line {
  const label = i18n.t('nps.title');
  if (unread !== null) return labelled(label, factorFact(i18n, unread));
  if (nps.score === null) return labelled(label, i18n.t('nps.none', { days: nps.windowDays }));
  const parts = [
    i18n.signed(nps.score),
    i18n.t('nps.responsesCount', { count: nps.responses }),
    labelValue(i18n, 'nps.promoters', i18n.number(nps.promoters)),
    labelValue(i18n, 'nps.passives', i18n.number(nps.passives)),
    labelValue(i18n, 'nps.detractors', i18n.number(nps.detractors)),
    i18n.t('nps.window', { days: nps.windowDays }),
  ];
  if (nps.lowSample) parts.push(i18n.t('nps.lowSample.title'));
  return labelled(label, i18n.parts(parts));
}

function supportLine(i18n: I18n, support: CardView['support'], unread: FactorView | null): Line {
  const label = i18n.t('support.title');
  if (unread !== null) return labelled(label, factorFact(i18n, unread));
  if (support.openTickets === 0) return labelled(label, i18n.t('support.noneOpen'));
  // "High priority or urgent" counts both, as the support factor's "(1 urgent, 2 high)" does.
  const parts = [labelValue(i18n, 'support.open', i18n.number(support.openTickets)), labelValue(i18n, 'support.urgent', i18n.number(support.openHighPriority))];
  if (support.oldestOpenDays !== null) parts.push(labelValue(i18n, 'support.oldest', i18n.days(support.oldestOpenDays)));
  return labelled(label, i18n.parts(parts));
}

function actionLines(i18n: I18n, actions: CardView['actions']): Line[] {
  const label = i18n.t('actions.title');
  if (actions.length === 0) return [labelled(label, i18n.t('cli.card.noActions'))];
  return [
    label,
    ...actions.map((action) => {
      const title = action.titleMessage ? i18n.message(action.titleMessage, action.title) : action.title;
      const reason = action.reasonMessage ? i18n.message(action.reasonMessage, action.reason) : action.reason;
      const when = i18n.relativeDays(action.dueInDays);
      return `  - ${i18n.t('cli.card.action', { priority: i18n.t(`priority.${action.priority}`), title, when, taskOpen: action.alreadyTasked ? 'yes' : 'no', id: action.id, reason })}`;
    }),
  ];
}

/**
 * The sales handoff's phase and how complete it is, only where the app card shows it open
 * (handoffIsRelevant: onboarding, with CS, back with sales or owed by sales); it folds it away
 * elsewhere, where "Not started · 0% of the required fields filled" would read as work owed.
 */
function handoffLines(i18n: I18n, view: CardView): Line[] {
  if (!handoffIsRelevant(view)) return [];
  const { handoff } = view;
  return [labelled(i18n.t('handoff.title'), i18n.parts([i18n.t(`handoff.phase.${handoff.phase}`), i18n.t('handoff.completeness', { percent: i18n.percent(handoff.completeness) })]))];
}

/** The view's warnings in the reader's language: what a past as-of day left out (said first, under the title), and the rest. */
function warningTexts(i18n: I18n, view: CardView): { asOf: string[]; others: string[] } {
  const messages = view.warningMessages;
  const texts = { asOf: [] as string[], others: [] as string[] };
  if (!messages || messages.length !== view.warnings.length) return { asOf: [], others: view.warnings };
  messages.forEach((message, index) => (message.code.startsWith('warning.asOf.') ? texts.asOf : texts.others).push(i18n.message(message, view.warnings[index])));
  return texts;
}

function warningLines(i18n: I18n, warnings: readonly string[]): string[] {
  return warnings.length > 0 ? [i18n.t('warnings.title'), ...warnings.map((warning) => `  ! ${warning}`)] : [];
}

/** The card as lines for a terminal, in `i18n`'s language (English by default). */
export function cardSummary(view: CardView, extras: CardExtras = {}, i18n: I18n = createI18n('en', 'UTC')): string {
  const title = extras.name ? i18n.t('cli.card.title', { name: extras.name, companyId: view.companyId, asOf: view.asOf }) : i18n.t('cli.card.titleNoName', { companyId: view.companyId, asOf: view.asOf });
  const warnings = warningTexts(i18n, view);
  return laidOut([
    title,
    ...warnings.asOf.map((text, index) => (index === 0 ? `! ${text}` : `  - ${text}`)),
    lifecycleLine(i18n, view),
    ...healthLines(i18n, view.health, view.lifecycle.stage),
    renewalLine(i18n, view.renewal, view.asOf, unreadFactor(view.health, 'renewal')),
    npsLine(i18n, view.nps, unreadFactor(view.health, 'nps')),
    supportLine(i18n, view.support, unreadFactor(view.health, 'support')),
    ...actionLines(i18n, view.actions),
    ...handoffLines(i18n, view),
    ...warningLines(i18n, warnings.others),
  ]).join('\n');
}
