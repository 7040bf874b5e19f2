import { z } from 'zod';
import { blocksResults } from '../../domain/portal/doctor.ts';
import { runDoctor } from '../../usecases/doctor.ts';
import { HubSpotError } from '../../usecases/portal.ts';
import { loadCliConfig } from '../configuration.ts';
import { doctorText } from '../doctor-text.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { openPortal, readEnvironment, sandboxNotice } from '../portal.ts';

// `cs-card doctor`: checks the configured portal without writing anything — the token's scopes,
// the product's properties, the configured usage / sentiment / contract properties and their
// options, the renewal rule on a sample of deals, survey answers, time zone, currency and the
// rate limit — and prints a ✓ / ✗ checklist with the fix for each ✗. Exit 1 when something
// blocks correct results.

const flagsSchema = z.object({ locale: z.string().default('en') });

export async function doctor(rawFlags: unknown): Promise<void> {
  const flags = flagsSchema.safeParse(rawFlags);
  if (!flags.success) throw new UsageError('bad option: --locale takes a language tag like en, zh-CN, ja, pl or th');
  const env = readEnvironment();
  const config = await loadCliConfig();
  const portal = await openPortal(env);
  let blocking: boolean;
  try {
    if (portal.kind === 'sandbox') process.stderr.write(sandboxNotice);
    const report = await runDoctor({ account: portal.account, properties: portal.properties, portfolio: portal.portfolio }, config);
    const label = env.HUBSPOT_ACCESS_TOKEN ? (env.HUBSPOT_BASE_URL ?? 'https://api.hubapi.com') : 'the embedded sandbox portal';
    process.stdout.write(`${doctorText(report.checks, label, flags.data.locale)}\n`);
    blocking = blocksResults(report.checks);
  } catch (error) {
    if (error instanceof HubSpotError) throw new CommandFailure(`doctor stopped: ${error.message}`, { cause: error });
    throw error;
  } finally {
    await portal.close();
  }
  if (blocking) throw new CommandFailure('the portal is not ready: fix the checks marked ✗ above (cs-card doctor writes nothing)');
}
