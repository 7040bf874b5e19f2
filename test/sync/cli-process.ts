import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// `cs-card` as a user runs it: a separate process on the project's Node, with the environment
// given (the test's CS_CARD_* and HubSpot variables are never inherited).

const root = path.resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a `cs-card` child process: the test's own CS_CARD_*, HubSpot and language variables are dropped, `env` added. */
export function childEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CS_CARD_|HUBSPOT_|LANG$|LC_ALL$|LC_MESSAGES$)/.test(name)));
  return { ...inherited, ...env };
}

const command = (args: readonly string[]) => ['--import', 'tsx', 'src/cli/main.ts', ...args];

export async function csCard(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    // The timeout only ends a hung process: a busy 2-core machine takes a good deal of time to start one.
    const { stdout, stderr } = await execFileAsync(process.execPath, command(args), { cwd: root, env: childEnvironment(env), timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Starts cs-card and resolves once its stderr matches `pattern`, with the running process, its end (`exited`: its exit code, once its output is read) and what it has written to stderr so far. */
export function csCardUntil(args: readonly string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; exited: Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, command(args), { cwd: root, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  // 'close', not 'exit': by then its stderr has been read to the end, so `stderr()` holds all it wrote.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (pattern.test(stderr)) resolve({ child, exited, stderr: () => stderr });
    });
    void exited.then((code) => reject(new Error(`cs-card exited (${code}) before its output matched ${pattern}: ${stderr}`)));
  });
}
