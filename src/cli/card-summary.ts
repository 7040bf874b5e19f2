import type { CardView } from '../domain/view-model.ts';

// The readable form of a card for the terminal: what a CSM reads first, in the card's order.

const bandLabels: Readonly<Record<CardView['health']['band'], string>> = {
  healthy: 'healthy',
  attention: 'needs attention',
  at_risk: 'at risk',
  unknown: 'unknown (too little data)',
  churned: 'churned',
};

const windowLabels: Readonly<Record<NonNullable<CardView['renewal']['window']>, string>> = {
  overdue: 'overdue',
  d30: 'within 30 days',
  d60: 'within 60 days',
  d90: 'within 90 days',
  later: 'more than 90 days out',
};

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "in 3 days", "in 1 day", "today", "2 days overdue". */
function inDays(days: number, past: string): string {
  if (days === 0) return 'today';
  return days < 0 ? `${count(-days, 'day')} ${past}` : `in ${count(days, 'day')}`;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

function money(amount: number, currency: string | null): string {
  return currency ? `${amount.toLocaleString('en-US')} ${currency}` : amount.toLocaleString('en-US');
}

function healthLines(health: CardView['health']): string[] {
  const score = health.score === null ? 'no score' : `${health.score}/100`;
  const trend = health.trend30d === null ? '' : `, ${signed(health.trend30d)} in 30 days`;
  const coverage = `${Math.round(health.coverage * 100)}% of the weight had data`;
  const factors = health.factors.map((factor) => {
    const value = factor.status === 'ok' ? `${factor.score ?? '-'}/100` : factor.status.replace('_', ' ');
    return `  - ${factor.label} (weight ${factor.weight}): ${value} — ${factor.explanation}`;
  });
  return [`Health      ${score}, ${bandLabels[health.band]}${trend} (${coverage})`, ...factors];
}

function renewalLine(renewal: CardView['renewal']): string {
  if (renewal.date === null) return 'Renewal     none found';
  const when = renewal.daysToRenewal === null ? '' : `, ${inDays(renewal.daysToRenewal, 'overdue')}`;
  const window = renewal.window ? ` (${windowLabels[renewal.window]})` : '';
  const amount = renewal.amount === null ? '' : `, ${money(renewal.amount, renewal.currency)}`;
  const source = renewal.source === 'company_property' ? ', from the company record' : renewal.dealId ? `, deal ${renewal.dealId}` : '';
  return `Renewal     ${renewal.date}${when}${window}${amount}${source}`;
}

function npsLine(nps: CardView['nps']): string {
  if (nps.score === null) return `NPS         no answers in the last ${nps.windowDays} days`;
  const sample = `${count(nps.responses, 'answer')}: ${count(nps.promoters, 'promoter')}, ${count(nps.passives, 'passive')}, ${count(nps.detractors, 'detractor')}`;
  return `NPS         ${signed(nps.score)} (${sample}, last ${nps.windowDays} days${nps.lowSample ? '; low sample' : ''})`;
}

function supportLine(support: CardView['support']): string {
  const oldest = support.oldestOpenDays === null ? '' : `, oldest ${count(support.oldestOpenDays, 'day')}`;
  return `Support     ${count(support.openTickets, 'open ticket')}, ${support.openHighPriority} high priority${oldest}`;
}

function actionLines(actions: CardView['actions']): string[] {
  if (actions.length === 0) return ['Actions     none suggested'];
  return [
    'Actions',
    ...actions.map(
      (action) => `  - [${action.priority}] ${action.title} (due ${inDays(action.dueInDays, 'ago')}${action.alreadyTasked ? ', task open' : ''}; id ${action.id}): ${action.reason}`,
    ),
  ];
}

export function cardSummary(view: CardView): string {
  return [
    `Company ${view.companyId} as of ${view.asOf}`,
    ...healthLines(view.health),
    renewalLine(view.renewal),
    npsLine(view.nps),
    supportLine(view.support),
    ...actionLines(view.actions),
    `Handoff     ${view.handoff.status.replace('_', ' ')}, ${Math.round(view.handoff.completeness * 100)}% complete`,
    ...(view.warnings.length > 0 ? ['Warnings', ...view.warnings.map((warning) => `  ! ${warning}`)] : []),
  ].join('\n');
}
