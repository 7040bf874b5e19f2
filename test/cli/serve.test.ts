import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../sync/cli-process.ts';
import { cardViewSchema } from '../../src/app/cards/contract/view-model.ts';

// `cs-card serve` as a process: against the embedded sandbox it serves unsigned requests (and
// says so loudly); against a real portal it refuses to start without a client secret.

const root = path.resolve(import.meta.dirname, '../..');

function startCsCard(args: string[], env: Record<string, string>) {
  // The sandbox, the default configuration and English, whatever the developer's shell has set.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: childEnvironment(env) });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr);
        if (match) resolve(match);
      };
      child.stderr.on('data', check);
      void exited.then(() => reject(new Error(`cs-card exited before printing ${pattern}: ${stderr}`)));
      check();
    });
  return { child, exited, output, stderr: () => stderr };
}

describe('cs-card serve', () => {
  it('serves the sandbox portal\'s cards without signatures, warning on stderr, until stopped', async () => {
    const server = startCsCard(['serve'], { PORT: '0' });
    try {
      const [, url] = await server.output(/serving the card backend on (http:\/\/[\d.]+:\d+)/);
      expect(server.stderr()).toMatch(/WARNING: request signatures are NOT verified/);

      const health = await fetch(`${url}/healthz`);
      const card = await fetch(`${url}/api/companies/1000000001/card?asOf=2026-11-22`);

      expect(health.status).toBe(200);
      expect(card.status).toBe(200);
      expect(cardViewSchema.parse(await card.json()).companyId).toBe('1000000001');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('refuses to serve a real portal without HUBSPOT_CLIENT_SECRET (exit 2)', async () => {
    const server = startCsCard(['serve'], { PORT: '0', HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', HUBSPOT_BASE_URL: 'http://127.0.0.1:9' });

    expect(await server.exited).toBe(2);
    expect(server.stderr().trim()).toMatch(/^cs-card: HUBSPOT_CLIENT_SECRET is not set: .*set it to the app’s client secret$/);
  });
});
