import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { childEnvironment, csCard } from '../sync/cli-process.ts';
import { propertyChange } from './fixtures.ts';

// `cs-card serve` as a process against the embedded sandbox: the webhook route is served, and
// with --sync-every the first scheduled sync runs at start and logs its summary on stdout.

const root = path.resolve(import.meta.dirname, '../..');
const logLineSchema = z.looseObject({ level: z.string(), msg: z.string() });

function serve(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], { cwd: root, env: childEnvironment({ PORT: '0' }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** Resolves with the first match in the output, polling as it grows. */
  const until = (stream: () => string, pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stream());
        if (match) resolve(match);
        else setTimeout(check, 20);
      };
      void exited.then(() => reject(new Error(`cs-card exited before printing ${pattern}: ${stderr}`)));
      check();
    });
  return { child, exited, stdout: () => stdout, stderr: () => stderr, until };
}

describe('cs-card serve keeps health current', () => {
  it('serves POST /webhooks/hubspot and runs the scheduled sync at start', async () => {
    const server = serve(['--sync-every', '6h']);
    try {
      const [, url] = await server.until(server.stderr, /serving the card backend on (http:\/\/[\d.]+:\d+).*HubSpot webhooks at \/webhooks\/hubspot, a sync every 6h/);
      const response = await fetch(`${url}/webhooks/hubspot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([propertyChange('company', '1000000001', 'hs_csm_sentiment', 'negative')]),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: 1, relevant: 1, ignored: 0 });

      await server.until(server.stdout, /"msg":"scheduled sync"/);
      const synced = server
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"scheduled sync"'))
        .map((line) => logLineSchema.parse(JSON.parse(line)));
      expect(synced[0]).toMatchObject({ level: 'info', mode: 'full', skipped: 0 });
      expect(synced[0]?.written).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('refuses a --sync-every that is not an interval (exit 2)', async () => {
    const result = await csCard(['serve', '--sync-every', 'often']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('cs-card: --sync-every "often" is not an interval: write minutes, hours or days between 5m and 7d, like 30m, 6h or 1d');
  });
});
