import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../sync/cli-process.ts';
import { z } from 'zod';

// `cs-card sandbox` as a process, as a user runs it: it prints the URL it listens on, serves the
// demo portfolio to any bearer token (401 without one) and stops cleanly on Ctrl-C.

const root = path.resolve(import.meta.dirname, '../..');

function startCsCard(args: string[], env: Record<string, string> = {}) {
  // The sandbox, the default configuration and English, whatever the developer's shell has set.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: childEnvironment(env) });
  const text = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    text.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    text.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves once the stream has printed something matching `pattern`. */
  const printed = (stream: 'stdout' | 'stderr', pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text[stream]);
        if (match) resolve(match);
      };
      child[stream].on('data', check);
      void exited.then(() => reject(new Error(`cs-card exited before printing ${pattern} on ${stream}: ${text.stderr}`)));
      check();
    });
  return { child, exited, printed, stderr: () => text.stderr };
}

const companyPage = z.object({
  results: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()), createdAt: z.string(), archived: z.boolean() })),
  paging: z.object({ next: z.object({ after: z.string() }) }),
});

// Each test runs processes of its own on ports of their own, and shares nothing with the others:
// they run side by side (vitest's maxConcurrency, 5), so the file waits for the slowest, not the sum.
describe('cs-card sandbox', { concurrent: true }, () => {
  it('serves the demo portfolio on the URL it prints: five companies for any bearer token, 401 without one; Ctrl-C stops it (exit 0)', async () => {
    const sandbox = startCsCard(['sandbox', '--port', '0']);
    try {
      const [, url] = await sandbox.printed('stdout', /^(http:\/\/127\.0\.0\.1:\d+)\n/);
      await sandbox.printed('stderr', /sandbox portal with 225 demo companies \([\d,]+ records, as of [A-Z][a-z]{2} \d{1,2}, \d{4}, seed 1\) on http/);

      const withToken = await fetch(`${url}/crm/v3/objects/companies?limit=5`, { headers: { authorization: 'Bearer any-token-at-all' } });
      const withoutToken = await fetch(`${url}/crm/v3/objects/companies?limit=5`);

      expect(withToken.status).toBe(200);
      const page = companyPage.parse(await withToken.json());
      expect(page.results).toHaveLength(5);
      expect(page.results.every((company) => (company.properties.name ?? '') !== '' && /^\d+$/.test(company.id))).toBe(true);
      expect(withoutToken.status).toBe(401);
      expect(await withoutToken.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
    } finally {
      sandbox.child.kill('SIGINT');
    }
    expect(await sandbox.exited).toBe(0);
  });

  it('takes a token, faults, latency and a search lag from the command line, so anyone can try the product under HubSpot failures', async () => {
    const sandbox = startCsCard(['sandbox', '--port', '0', '--companies', '3', '--token', 'pat-T', '--fault', 'GET:503x1@companies', '--latency', '5', '--search-lag', '0']);
    try {
      const [, url] = await sandbox.printed('stdout', /^(http:\/\/127\.0\.0\.1:\d+)\n/);
      await sandbox.printed('stderr', /only the --token bearer token is accepted; rate limit 190 requests \/ 10 s; search lag off; latency 5 ms; faults GET:503x1@companies/);
      const get = (token: string) => fetch(`${url}/crm/v3/objects/companies?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get('other')).status).toBe(401);
      expect((await get('pat-T')).status).toBe(503);
      expect((await get('pat-T')).status).toBe(200);
    } finally {
      sandbox.child.kill('SIGINT');
    }
    expect(await sandbox.exited).toBe(0);
  });

  it('grants the --scopes given: cs-card doctor against a sandbox without the survey and lists scopes names them and exits 1', async () => {
    const sandbox = startCsCard(['sandbox', '--port', '0', '--companies', '3', '--search-lag', '0', '--scopes', '-crm.objects.feedback_submissions.read,-crm.lists.read,-crm.lists.write']);
    try {
      const [, url] = await sandbox.printed('stdout', /^(http:\/\/127\.0\.0\.1:\d+)\n/);
      await sandbox.printed('stderr', /scopes oauth, crm\.objects\.companies\.read, .*crm\.schemas\.deals\.read; search lag off/);
      const doctor = startCsCard(['doctor'], { HUBSPOT_BASE_URL: url ?? '', HUBSPOT_ACCESS_TOKEN: 'pat-any' });
      expect(await doctor.exited).toBe(1);
      const output = await doctor.printed('stdout', /checks? blocks? correct results/);
      expect(output.input).toMatch(/✗ The token lacks scopes the app needs: crm\.lists\.read, crm\.lists\.write, crm\.objects\.feedback_submissions\.read/);
      expect(output.input).toMatch(/✗ Survey answers are not readable/);
    } finally {
      sandbox.child.kill('SIGINT');
    }
    expect(await sandbox.exited).toBe(0);
  });

  it.each([
    [['--scopes', 'crm.objects.everything'], expect.stringContaining('--scopes: unknown scope "crm.objects.everything"; the sandbox knows oauth, ')],
    [['--scopes', ','], '--scopes must list scopes, "all", or "-scope" to take one away, got ",".'],
    [['--fault', 'boom'], expect.stringContaining('--fault "boom" is not a fault: use [METHOD:]KIND[xTIMES]')],
    [['--search-lag', '5-2'], '--search-lag must be milliseconds like 3000 or a range like 2000-5000 (0 = off, at most 600000), got "5-2".'],
  ])('refuses %j (exit 2)', async (flags, message) => {
    const sandbox = startCsCard(['sandbox', '--companies', '0', ...flags]);
    expect(await sandbox.exited).toBe(2);
    expect(sandbox.stderr().trim()).toEqual(typeof message === 'string' ? `cs-card: ${message}` : message);
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number from 0 to 65535, got "eighty".'],
    [['--companies', '100001'], '--companies must be a whole number from 0 to 100000, got "100001".'],
  ])('refuses %j (exit 2) with a sentence naming the flag', async (flags, message) => {
    const sandbox = startCsCard(['sandbox', ...flags]);
    expect(await sandbox.exited).toBe(2);
    expect(sandbox.stderr().trim()).toBe(`cs-card: ${message}`);
  });

  it('says so when the port is taken (exit 2, bad usage as in start and serve)', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(z.object({ port: z.number() }).parse(blocker.address()).port)));
    const sandbox = startCsCard(['sandbox', '--port', String(port), '--companies', '0']);
    try {
      expect(await sandbox.exited).toBe(2);
      expect(sandbox.stderr().trim()).toBe(`cs-card: port ${port} is already in use: pick another with --port.`);
    } finally {
      sandbox.child.kill('SIGINT');
      blocker.close();
    }
  });
});
