import type { I18n } from '../../app/cards/i18n/format.ts';
import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { ALL_SANDBOX_SCOPES, parseFaultSpec } from '../../sandbox/controls.ts';
import { createSandbox, type FaultRule, type SearchLag } from '../../sandbox/index.ts';
import { UsageError } from '../errors.ts';
import { cliI18n } from '../locale.ts';
import { isAddressInUse } from '../runtime/ports.ts';
import { untilStopped } from '../runtime/signals.ts';
import { asOfOption, companiesOption, portOption, rateLimitOption, rateLimitText, wholeNumber, type RateLimit } from '../options.ts';

// `cs-card sandbox`: the sandbox portal over loopback HTTP, so curl, the SDK or a second
// cs-card (HUBSPOT_BASE_URL) can use a HubSpot-compatible API without a HubSpot account.


interface SandboxFlags {
  port: string;
  companies: string;
  seed: string;
  asOf?: string;
  rateLimit: string;
  token?: string;
  fault: string[];
  latency: string;
  searchLag: string;
  scopes: string;
  locale?: string;
}

/**
 * --scopes: the scopes every token is granted, comma-separated: `all` (the default), scope names,
 * and `-name` to take one away (a list of only `-name`s starts from all), e.g.
 * `-crm.objects.feedback_submissions.read` for a portal without Service Hub.
 */
export function scopesOption(raw: string): string[] | null {
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw new UsageError(catalogText('cli.sandbox.badScopes', { value: raw }));
  const unknown = entries.map((entry) => entry.replace(/^-/, '')).filter((name) => name !== 'all' && !ALL_SANDBOX_SCOPES.includes(name));
  if (unknown.length > 0) throw new UsageError(catalogText('cli.sandbox.unknownScope', { count: unknown.length, names: unknown.map((name) => `"${name}"`).join(', '), known: ALL_SANDBOX_SCOPES.join(', ') }));
  const fromAll = entries.includes('all') || entries.every((entry) => entry.startsWith('-'));
  const granted = new Set(fromAll ? ALL_SANDBOX_SCOPES : []);
  for (const entry of entries) {
    if (entry.startsWith('-')) granted.delete(entry.slice(1));
    else if (entry !== 'all') granted.add(entry);
  }
  return granted.size === ALL_SANDBOX_SCOPES.length ? null : ALL_SANDBOX_SCOPES.filter((scope) => granted.has(scope));
}

function faultRules(specs: readonly string[]): FaultRule[] {
  return specs.map((spec) => {
    try {
      return parseFaultSpec(spec);
    } catch (error) {
      throw new UsageError(catalogText('cli.sandbox.badFault', { error: null }), { cause: error });
    }
  });
}

/** `2000-5000` (ms, drawn per write), `3000`, or `0` (off). */
function searchLagOf(raw: string): SearchLag | null {
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
  const minMs = Number(match?.[1]);
  const maxMs = Number(match?.[2] ?? match?.[1]);
  if (!match || maxMs < minMs || maxMs > 600_000) throw new UsageError(catalogText('cli.sandbox.badSearchLag', { value: raw }));
  return maxMs === 0 ? null : { minMs, maxMs };
}

/** --rate-limit: requests per 10 s as a number (0 = off), or a rate like sync's, 190/10s or 6000/1m. */
function sandboxRateLimit(raw: string): RateLimit | null {
  if (/^\s*\d+\s*$/.test(raw)) {
    const max = wholeNumber('--rate-limit', raw, 0, 100_000);
    return max > 0 ? { max, intervalMs: 10_000 } : null;
  }
  return rateLimitOption(raw);
}

/** What the sandbox accepts and how it behaves, for the line under its URL. */
function settingsText(i18n: I18n, settings: { token: string | undefined; rateLimit: RateLimit | null; scopes: string[] | null; searchLag: SearchLag | null; latencyMs: number; faults: readonly string[]; url: string }): string {
  return i18n.t('cli.sandbox.settings', {
    token: settings.token === undefined ? 'any' : 'only',
    rate: settings.rateLimit ? rateLimitText(settings.rateLimit, i18n) : 'off',
    scopes: settings.scopes === null ? 'all' : settings.scopes.length === 0 ? 'none' : settings.scopes.join(', '),
    lag: settings.searchLag ? `${settings.searchLag.minMs}-${settings.searchLag.maxMs}` : 'off',
    latency: settings.latencyMs > 0 ? String(settings.latencyMs) : 'none',
    faults: settings.faults.length === 0 ? 'none' : settings.faults.join(', '),
    url: settings.url,
    accessToken: settings.token ?? 'sandbox',
  });
}

export async function serveSandbox(flags: SandboxFlags): Promise<void> {
  const i18n = await cliI18n(flags.locale);
  const port = portOption('--port', flags.port);
  const companies = companiesOption(flags.companies);
  const seed = wholeNumber('--seed', flags.seed, 0, 2 ** 32 - 1);
  const rateLimit = sandboxRateLimit(flags.rateLimit);
  const asOf = asOfOption(flags.asOf);
  const latencyMs = wholeNumber('--latency', flags.latency, 0, 600_000);
  const searchLag = searchLagOf(flags.searchLag);
  const faults = faultRules(flags.fault);
  const scopes = scopesOption(flags.scopes);
  if (flags.token !== undefined && !/^\S+$/.test(flags.token)) throw new UsageError(catalogText('cli.sandbox.badToken'));
  const sandbox = createSandbox({ companies, seed, ...(asOf ? { asOf } : {}), searchLag, ...(flags.token ? { token: flags.token } : {}), ...(scopes ? { scopes } : {}) });
  sandbox.controls.rateLimit = rateLimit;
  sandbox.controls.latencyMs = latencyMs;
  for (const fault of faults) sandbox.controls.injectFault(fault);
  const server = await sandbox.listen({ port }).catch((error: unknown) => {
    const inUse = isAddressInUse(error);
    // A taken port is bad usage, exit 2, as in `start` and `serve`.
    throw inUse ? new UsageError(catalogText('cli.sandbox.portInUse', { port: String(port) })) : error;
  });
  const stopped = untilStopped();
  const { records } = sandbox.portfolio;
  process.stdout.write(`${server.url}\n`);
  const portfolio = { companies, records, asOf: sandbox.portfolio.asOf, seed: String(seed), url: server.url };
  const settings = { token: flags.token, rateLimit, scopes, searchLag, latencyMs, faults: flags.fault, url: server.url };
  process.stderr.write(`cs-card: ${i18n.t('cli.sandbox.portfolio', portfolio)}\ncs-card: ${settingsText(i18n, settings)}\n`);
  await stopped;
  await server.close();
}
