import { z } from 'zod';
import { createI18n, type I18n } from '../../app/cards/i18n/format.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { portalLanguages, type CsConfig } from '../../config/schema.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { runSetup, type ListOutcome, type SetupReport } from '../../usecases/setup.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure } from '../errors.ts';
import { cliI18n, loadCatalog } from '../locale.ts';
import { configForPortal, openPortal, readEnvironment, sandboxNotice, type Portal } from '../portal.ts';

// `cs-card setup [--lists]`: the property group and company properties (and optionally the
// managers' lists) in the portal, reporting what it created, updated or found in place.

/** The report as lines for a person, in the catalog's words: what changed first, then what was already right. */
export function setupReportLines(report: SetupReport, i18n: I18n = createI18n('en', 'UTC')): string[] {
  const separator = i18n.t('list.separator');
  const lines = [
    i18n.t('cli.setup.group', { outcome: report.group }),
    i18n.t('cli.setup.created', { count: report.created.length, names: report.created.join(separator) }),
    i18n.t('cli.setup.updated', { count: report.updated.length, names: report.updated.map((u) => `${u.name} (${u.fields.join(', ')})`).join(separator) }),
    i18n.t('cli.setup.unchanged', { count: report.unchanged.length }),
  ];
  for (const failure of report.failed) lines.push(i18n.t('cli.setup.failed', { name: failure.name, reason: i18n.message(failure.reason) }));
  for (const list of report.lists ?? []) lines.push(...listLines(list, i18n));
  return lines;
}

/** One manager list's lines: what setup did with it, then the older copies it left alone. */
function listLines(list: ListOutcome, i18n: I18n): string[] {
  const listId = list.listId ?? '';
  if (list.outcome === 'failed') return [i18n.t('cli.setup.listFailed', { name: list.name, reason: list.reason === undefined ? '' : i18n.message(list.reason) })];
  const first =
    list.outcome === 'kept'
      ? i18n.t('cli.setup.listKept', { name: list.name, listId })
      : i18n.t('cli.setup.list', {
          name: list.name,
          listId,
          previousName: list.previousName ?? '',
          outcome: list.outcome === 'updated' && list.previousName !== undefined ? 'renamedAndUpdated' : list.outcome,
        });
  return [first, ...(list.copies ?? []).map((copy) => i18n.t('cli.setup.listCopy', { name: copy.name, listId: copy.listId, current: list.name }))];
}

/** Whether the run changed nothing in the portal. */
export function setupChangedNothing(report: SetupReport): boolean {
  return report.group === 'unchanged' && report.created.length === 0 && report.updated.length === 0 && !(report.lists ?? []).some((l) => l.outcome === 'created' || l.outcome === 'renamed' || l.outcome === 'updated');
}

const setupFlagsSchema = z.object({ lists: z.boolean().default(false), locale: z.string().optional() });

export async function runSetupCommand(deps: { portal: Portal; config: CsConfig }, options: { lists: boolean }): Promise<SetupReport> {
  try {
    const report = await runSetup({ properties: deps.portal.properties, lists: deps.portal.lists, config: deps.config }, options);
    return report;
  } catch (error) {
    if (error instanceof HubSpotError) throw new CommandFailure(catalogText('cli.setup.hubspotFailed', { error: null }), { cause: error });
    throw error;
  }
}

export async function setup(rawFlags: unknown): Promise<void> {
  const flags = setupFlagsSchema.parse(rawFlags);
  const i18n = await cliI18n(flags.locale);
  const env = readEnvironment();
  const configured = await loadCliConfig();
  const portal = await openPortal(env);
  try {
    if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice(i18n));
    // The lists' day ranges count the portal's days: its time zone, read from its account details.
    const config = flags.lists ? await configForPortal(portal, configured) : configured;
    // Setup finds the lists it made by their names in every catalog language.
    if (flags.lists) for (const language of portalLanguages) await loadCatalog(language);
    const report = await runSetupCommand({ portal, config }, { lists: flags.lists });
    const lines = setupReportLines(report, i18n);
    lines.push(i18n.t(setupChangedNothing(report) ? 'cli.setup.nothingToChange' : 'cli.setup.done'));
    process.stdout.write(`${lines.join('\n')}\n`);
    const failures = report.failed.length + (report.lists ?? []).filter((l) => l.outcome === 'failed').length;
    if (failures > 0) throw new CommandFailure(catalogText('cli.setup.failures', { count: failures }));
  } finally {
    await portal.close();
  }
}
