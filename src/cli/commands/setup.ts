import { z } from 'zod';
import type { CsConfig } from '../../config/schema.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { runSetup, type SetupReport } from '../../usecases/setup.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure } from '../errors.ts';
import { openPortal, readEnvironment, sandboxNotice, type Portal } from '../portal.ts';

// `cs-card setup [--lists]`: the property group and company properties (and optionally the
// managers' lists) in the portal, reporting what it created, updated or found in place.

/** The report as lines for a person: what changed first, then what was already right. */
export function setupReportLines(report: SetupReport): string[] {
  const names = (list: readonly string[]) => (list.length === 0 ? '' : `: ${list.join(', ')}`);
  const lines = [
    `Property group customer_success: ${report.group}`,
    `Created ${report.created.length} properties${names(report.created)}`,
    `Updated ${report.updated.length} properties${names(report.updated.map((u) => `${u.name} (${u.fields.join(', ')})`))}`,
    `Unchanged ${report.unchanged.length} properties`,
  ];
  for (const failure of report.failed) lines.push(`Failed ${failure.name}: ${failure.reason}`);
  for (const list of report.lists ?? []) {
    lines.push(`List "${list.name}": ${list.outcome === 'exists' ? 'unchanged (exists)' : list.outcome}${list.reason ? ` (${list.reason})` : ''}`);
  }
  return lines;
}

/** Whether the run changed nothing in the portal. */
export function setupChangedNothing(report: SetupReport): boolean {
  return report.group === 'unchanged' && report.created.length === 0 && report.updated.length === 0 && !(report.lists ?? []).some((l) => l.outcome === 'created');
}

const setupFlagsSchema = z.object({ lists: z.boolean().default(false) });

export async function runSetupCommand(deps: { portal: Portal; config: CsConfig }, options: { lists: boolean }): Promise<SetupReport> {
  try {
    const report = await runSetup({ properties: deps.portal.properties, lists: deps.portal.lists, config: deps.config }, options);
    return report;
  } catch (error) {
    if (error instanceof HubSpotError) throw new CommandFailure(`setup could not read or change the company properties: ${error.message}`, { cause: error });
    throw error;
  }
}

export async function setup(rawFlags: unknown): Promise<void> {
  const flags = setupFlagsSchema.parse(rawFlags);
  const env = readEnvironment();
  const config = await loadCliConfig();
  const portal = await openPortal(env);
  try {
    if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice);
    // The sandbox has no Lists API: say so instead of reporting three failures.
    const lists = flags.lists && portal.kind === 'hubspot';
    const report = await runSetupCommand({ portal, config }, { lists });
    const lines = setupReportLines(report);
    if (flags.lists && !lists) lines.push('Lists: skipped, the embedded sandbox has no Lists API (run setup --lists against a real portal)');
    lines.push(setupChangedNothing(report) ? 'Nothing to change: the portal already matches.' : 'Done.');
    process.stdout.write(`${lines.join('\n')}\n`);
    const failures = report.failed.length + (report.lists ?? []).filter((l) => l.outcome === 'failed').length;
    if (failures > 0) throw new CommandFailure(`${failures} of the properties or lists could not be set up (listed above); fix what each line names and run setup again`);
  } finally {
    await portal.close();
  }
}
