import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` as a user runs it: the CLI in its own process, against the embedded sandbox.
// Ctrl-C must stop it cleanly: every server closed, exit code 0. (Under `npm start` one Ctrl-C
// reaches the process more than once; that the listeners stay for repeats is in start.ts, and
// a repeat cannot be timed into the shutdown reliably from here.)

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let run: Run | null = null;

afterEach(() => {
  if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  run = null;
});

function startCli(args: readonly string[]): Run {
  // The sandbox, the default configuration and English, whatever the developer's shell has set.
  const unset = new Set(['HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_BASE_URL', 'HUBSPOT_CLIENT_SECRET', 'PORT', 'CS_CARD_CONFIG', 'CS_CARD_LOCALE', 'LANG', 'LC_ALL', 'LC_MESSAGES']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const started: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout?.on('data', (chunk: Buffer) => (started.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (started.stderr += chunk.toString()));
  return started;
}

/** Resolves once the CLI printed its ready line; fails with what it printed if it exits first. */
function ready(started: Run): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (started.stdout.includes('Ctrl-C stops everything')) resolve();
    };
    started.child.stdout?.on('data', check);
    void started.exited.then(({ code }) => reject(new Error(`cs-card start exited (${code}) before it was ready:\n${started.stdout}\n${started.stderr}`)));
    check();
  });
}

describe('cs-card start (npm start)', () => {
  it('prints the portfolio summary and the preview URL, serves the preview, and stops cleanly on Ctrl-C', async () => {
    run = startCli(['--port', '0', '--companies', '40']);
    await ready(run);

    expect(run.stdout).toMatch(/Portfolio as of .+: \d+ customers, ARR in force USD\s[\d,]+/);
    for (const band of ['At risk', 'Needs attention', 'Healthy']) expect(run.stdout).toContain(band);
    expect(run.stdout).toMatch(/Renewals in the next 90 days|No renewal in the next 90 days/);
    expect(run.stderr).toContain('✓ full sync');
    const previewUrl = /Preview:\s+(http:\/\/127\.0\.0\.1:\d+)\/\?company=\d+/.exec(run.stdout)?.[1];
    expect(previewUrl, run.stdout).toBeDefined();
    const page = await fetch(`${previewUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/preview.js');

    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr).toContain('Stopping…');
    await expect(fetch(`${previewUrl}/`)).rejects.toThrow();
  }, 60_000);
});
