import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { dayOfInstant, dayZone, formatDay, parseIsoDate, type Day } from '../../domain/parsing/index.ts';
import { periodFromArguments } from '../../domain/portfolio/periods.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { runPeriodReport } from '../../usecases/portfolio-book.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { cliI18n } from '../locale.ts';
import { asOfOption } from '../options.ts';
import { periodNotOverNote, reportCsv, reportText, type ReportScope } from '../period-report-text.ts';
import { configForPortal, openPortal, readEnvironment, sandboxNotice } from '../portal.ts';

// `cs-card report [--period 2026-Q3|2026-10|2026 | --from D --to D] [--json|--csv] [--by owner]`:
// the period's renewal, churn, retention and LTV figures (domain/period-report.ts) from the
// portal's customer companies and their deals, as of --as-of (default today): what is dated
// after it is left out as the card leaves it out, and what cannot be is said. Reads only.

interface ReportOptions {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly by?: string;
  readonly currency?: string;
  readonly asOf?: string;
  readonly locale?: string;
}


export async function showReport(options: ReportOptions): Promise<void> {
  const i18n = await cliI18n(options.locale);
  if (options.json && options.csv) throw new UsageError(catalogText('report.error.jsonAndCsv'));
  if (options.by !== undefined && options.by !== 'owner') throw new UsageError(catalogText('report.error.by', { value: options.by }));
  if (options.currency !== undefined && !/^[A-Z]{3}$/.test(options.currency)) throw new UsageError(catalogText('report.error.currency', { value: options.currency }));
  const given = asOfOption(options.asOf);
  const periodOf = (asOf: Day) => periodFromArguments({ ...(options.period === undefined ? {} : { period: options.period }), ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }) }, asOf);
  const givenAsOf = given === undefined ? null : parseIsoDate(given);
  if (given !== undefined && givenAsOf === null) throw new UsageError(catalogText('cli.error.asOfNotDate', { value: given }));
  // The arguments are checked before the portal is opened (against today in UTC when no --as-of).
  const checked = periodOf(givenAsOf ?? dayOfInstant(Date.now()));
  if ('error' in checked) throw new UsageError(checked.error);

  const env = readEnvironment();
  const configured = await loadCliConfig();
  const portal = await openPortal(env);
  if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice(i18n));
  try {
    // The portal's home currency and time zone (account details), else the configured ones.
    const config = await configForPortal(portal, configured);
    // Without --as-of the report is as of today in the portal's time zone, not the machine's or UTC.
    const readAt = Date.now();
    const asOf = givenAsOf ?? dayZone(config.timeZone).dayOf(readAt);
    const period = periodOf(asOf);
    if ('error' in period) throw new UsageError(period.error);
    const currency = { reporting: options.currency ?? config.currency, home: config.currency };
    const { report, owners, asOf: asOfNotes } = await runPeriodReport({ gateway: portal.portfolio, config }, { asOf, readAt, period, currency, byOwner: options.by === 'owner' });
    // What --as-of left out and what it could not take back: footnotes to the text, a field of the JSON, stderr beside the CSV.
    const notes = asOfNotes.messages.map((note) => ({ ...note, text: i18n.message(note) }));
    const scopes: ReportScope[] = [{ ownerId: null, ownerName: null, report }, ...(owners ?? []).map((owner) => ({ ownerId: owner.ownerId, ownerName: owner.ownerName, report: owner.report }))];
    if (options.json) {
      const asOfBody = { day: formatDay(asOf), leftOut: asOfNotes.leftOut, notes };
      const body = owners === null ? { ...report, asOf: asOfBody } : { ...report, asOf: asOfBody, owners: owners.map((owner) => ({ ownerId: owner.ownerId === '' ? null : owner.ownerId, owner: owner.ownerName, ...owner.report })) };
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else if (options.csv) {
      // The as-of day is a column of every row; a period not over says so beside the CSV, as the readable report's footnote.
      process.stdout.write(reportCsv(scopes, formatDay(asOf)));
      const notOver = periodNotOverNote(report, formatDay(asOf), i18n.locale);
      for (const text of [...(notOver === null ? [] : [notOver]), ...notes.map((note) => note.text)]) process.stderr.write(`${text}\n`);
    } else {
      const notOver = periodNotOverNote(report, formatDay(asOf), i18n.locale);
      const texts = [...(notOver === null ? [] : [notOver]), ...notes.map((note) => note.text)];
      const footnotes = texts.length === 0 ? '' : `\n${texts.join('\n')}\n`;
      process.stdout.write(`${scopes.map((scope) => reportText(scope, i18n.locale)).join('\n\n')}\n${footnotes}`);
    }
  } catch (error) {
    if (error instanceof HubSpotError) throw new CommandFailure(catalogText('cli.error.hubspot', { error: null }), { cause: error });
    throw error;
  } finally {
    await portal.close();
  }
}
