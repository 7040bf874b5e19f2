import type { Command } from 'commander';
import type { SignatureMode } from '../../server/app.ts';
import { startServer } from '../../server/start.ts';
import { loadCliConfig } from '../configuration.ts';
import { UsageError } from '../errors.ts';
import { openPortal, readEnvironment, type Environment, type Portal } from '../portal.ts';

// Request signatures are verified whenever HUBSPOT_CLIENT_SECRET is set. Against the embedded
// sandbox without a secret they are off — loudly — so the local preview can call the server;
// against a real portal the server refuses to start without a secret.
function signatureMode(env: Environment, portal: Portal): SignatureMode {
  if (env.HUBSPOT_CLIENT_SECRET) {
    return { mode: 'verify', secret: env.HUBSPOT_CLIENT_SECRET, ...(env.CS_CARD_PUBLIC_URL ? { publicOrigin: env.CS_CARD_PUBLIC_URL } : {}) };
  }
  if (portal.kind === 'hubspot') {
    throw new UsageError('HUBSPOT_CLIENT_SECRET is not set: the server cannot verify that requests come from HubSpot; set it to the app\'s client secret');
  }
  process.stderr.write(
    'cs-card: WARNING: request signatures are NOT verified (embedded sandbox, no HUBSPOT_CLIENT_SECRET). Anyone who can reach this port can read the sandbox cards.\n',
  );
  return { mode: 'off' };
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function serve(): Promise<void> {
  const env = readEnvironment();
  const config = await loadCliConfig();
  const portal = await openPortal(env);
  try {
    const signature = signatureMode(env, portal);
    const server = await startServer({ card: { gateway: portal.gateway, config, now: () => new Date() }, signature }, env.PORT);
    process.stderr.write(`cs-card: serving the card backend on ${server.url} (${portal.kind === 'sandbox' ? 'embedded sandbox portal' : portal.baseUrl}); Ctrl-C stops it.\n`);
    await untilStopped();
    await server.close();
  } finally {
    await portal.close();
  }
}

export function registerServeCommand(program: Command): void {
  program.command('serve').description('Run the backend server the card calls (port: PORT, default 3000).').action(serve);
}
