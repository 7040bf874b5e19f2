import type { PortfolioSummary } from '../domain/portfolio-summary.ts';
import type { HealthBand } from '../domain/view-model.ts';

// The portfolio summary as `cs-card start` prints it: the manager's view in a terminal.

const bandNames: Readonly<Record<HealthBand, string>> = {
  at_risk: 'At risk',
  attention: 'Needs attention',
  healthy: 'Healthy',
  unknown: 'Unknown (too little data)',
};

/** The manager reads the money at risk first; bands without data last. */
const displayOrder: readonly HealthBand[] = ['at_risk', 'attention', 'healthy', 'unknown'];

/** How many at-risk renewals are listed one per line before the rest is counted. */
const listedRenewals = 15;

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    `  ${row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ')}`.trimEnd(),
  );
}

function dueIn(days: number): string {
  if (days < 0) return `${-days} d overdue`;
  return days === 0 ? 'today' : `in ${days} d`;
}

export function portfolioReport(summary: PortfolioSummary, currency: string): string {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  const lines = [`Portfolio as of ${summary.asOf}: ${summary.customers} customers, ${money.format(summary.arr)} ARR (open renewal value)`, ''];
  lines.push(
    ...table(
      [['Health', 'Customers', 'ARR'], ...displayOrder.map((band) => [bandNames[band], String(summary.bands[band].customers), money.format(summary.bands[band].arr)])],
      new Set([1, 2]),
    ),
  );
  lines.push('');
  const risky = summary.renewalsAtRisk;
  if (risky.length === 0) {
    lines.push(`No renewal in the next ${summary.horizonDays} days is on an account that is not healthy.`);
    return lines.join('\n');
  }
  lines.push(`Renewals in the next ${summary.horizonDays} days (or overdue) that are not healthy: ${risky.length}, ${money.format(summary.arrAtRisk)} ARR at risk`);
  const rows = risky.slice(0, listedRenewals).map((renewal) => [
    renewal.name,
    renewal.renewalDate,
    dueIn(renewal.daysToRenewal),
    `${renewal.score ?? '—'} ${bandNames[renewal.band].split(' (')[0]?.toLowerCase() ?? ''}`,
    renewal.amount === null ? '—' : money.format(renewal.amount),
  ]);
  lines.push(...table([['Company', 'Renews', 'When', 'Health', 'ARR'], ...rows], new Set([4])));
  if (risky.length > listedRenewals) lines.push(`  … and ${risky.length - listedRenewals} more`);
  return lines.join('\n');
}
