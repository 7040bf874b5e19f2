import type { Command } from 'commander';
import { createSandbox, DEFAULT_DEMO_COMPANIES, MAX_DEMO_COMPANIES } from '../../sandbox/index.ts';
import { CommandFailure, UsageError } from '../errors.ts';

// `cs-card sandbox`: the sandbox portal over loopback HTTP, so curl, the SDK or a second
// cs-card (HUBSPOT_BASE_URL) can use a HubSpot-compatible API without a HubSpot account.

const DEFAULT_PORT = 4010;
/** Pro/Enterprise private apps get 190 requests per 10 s: the limit a real portal would impose. */
const DEFAULT_RATE_LIMIT = 190;

interface SandboxFlags {
  port: string;
  companies: string;
  seed: string;
  asOf?: string;
  rateLimit: string;
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function asOfDate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
    throw new UsageError(`--as-of must be a date like 2026-03-31, got "${raw}".`);
  }
  return raw;
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function serveSandbox(flags: SandboxFlags): Promise<void> {
  const port = wholeNumber('--port', flags.port, 0, 65_535);
  const companies = wholeNumber('--companies', flags.companies, 0, MAX_DEMO_COMPANIES);
  const seed = wholeNumber('--seed', flags.seed, 0, 2 ** 32 - 1);
  const rateLimit = wholeNumber('--rate-limit', flags.rateLimit, 0, 100_000);
  const asOf = asOfDate(flags.asOf);
  const sandbox = createSandbox({ companies, seed, ...(asOf ? { asOf } : {}) });
  sandbox.controls.rateLimit = rateLimit > 0 ? { max: rateLimit, intervalMs: 10_000 } : null;
  const server = await sandbox.listen({ port }).catch((error: unknown) => {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    throw new CommandFailure(inUse ? `port ${port} is already in use: pick another with --port.` : `cannot listen on port ${port}: ${String(error)}`);
  });
  const { records } = sandbox.portfolio;
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(
    `cs-card: sandbox portal with ${companies} demo companies (${records} records, as of ${sandbox.portfolio.asOf}, seed ${seed}) on ${server.url}\n`
    + `cs-card: any bearer token is accepted; rate limit ${rateLimit > 0 ? `${rateLimit} requests / 10 s` : 'off'}. Use it with HUBSPOT_BASE_URL=${server.url} HUBSPOT_ACCESS_TOKEN=sandbox. Ctrl-C stops it.\n`,
  );
  await untilStopped();
  await server.close();
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('Serve the sandbox portal (an in-memory HubSpot-compatible CRM API with a demo portfolio) on loopback HTTP.')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', String(DEFAULT_PORT))
    .option('--companies <n>', `demo portfolio size (up to ${MAX_DEMO_COMPANIES})`, String(DEFAULT_DEMO_COMPANIES))
    .option('--seed <n>', 'seed of the demo data (same seed and --as-of, same data)', '1')
    .option('--as-of <date>', 'YYYY-MM-DD the demo dates are relative to (default: today, UTC)')
    .option('--rate-limit <n>', 'requests per 10 s before HubSpot-style 429s (0 = off)', String(DEFAULT_RATE_LIMIT))
    .action(serveSandbox);
}
