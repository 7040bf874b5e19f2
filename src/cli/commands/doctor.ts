import { z } from 'zod';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { blocksResults } from '../../domain/portal/doctor.ts';
import { runDoctor } from '../../usecases/doctor.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { loadCliConfig } from '../configuration.ts';
import { doctorText } from '../doctor-text.ts';
import { CommandFailure } from '../errors.ts';
import { cliI18n } from '../locale.ts';
import { openPortal, readEnvironment, sandboxNotice } from '../portal.ts';

// `cs-card doctor`: checks the configured portal without writing anything — the token's scopes,
// the product's properties, the configured usage / sentiment / contract properties and their
// options, the renewal rule on a sample of deals, survey answers, time zone, currency and the
// rate limit — and prints a ✓ / ✗ checklist with the fix for each ✗. Exit 1 when something
// blocks correct results.

const flagsSchema = z.object({ locale: z.string().optional() });

export async function doctor(rawFlags: unknown): Promise<void> {
  const flags = flagsSchema.parse(rawFlags);
  const i18n = await cliI18n(flags.locale);
  const env = readEnvironment();
  const config = await loadCliConfig();
  const portal = await openPortal(env);
  let blocking: boolean;
  try {
    if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice(i18n));
    const report = await runDoctor({ account: portal.account, properties: portal.properties, portfolio: portal.portfolio }, config);
    const label = env.HUBSPOT_ACCESS_TOKEN ? (env.HUBSPOT_BASE_URL ?? 'https://api.hubapi.com') : i18n.t('cli.doctor.sandbox');
    process.stdout.write(`${doctorText(report.checks, label, i18n.locale)}\n`);
    blocking = blocksResults(report.checks);
  } catch (error) {
    if (error instanceof HubSpotError) throw new CommandFailure(catalogText('cli.doctor.stopped', { error: null }), { cause: error });
    throw error;
  } finally {
    await portal.close();
  }
  if (blocking) throw new CommandFailure(catalogText('cli.doctor.notReady'));
}
