import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRateLimit } from '../../src/cli/options.ts';
import { parseFaultSpec } from '../../src/sandbox/controls.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { csCard, csCardUntil } from '../sync/cli-process.ts';

// The command line as a new user meets it (issue 18, "Command line, tried as a new user
// would"): every mistake ends in one sentence naming the fix, with exit code 2.

const root = path.resolve(import.meta.dirname, '../..');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port something else already listens on (on every interface, as another program would). */
async function busyPort(): Promise<number> {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, () => resolve(z.object({ port: z.number() }).parse(blocker.address()).port)));
  cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
  return port;
}

/** Exactly one line on stderr, and it matches. */
function oneSentence(stderr: string, pattern: RegExp): void {
  expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)]);
}

describe('cs-card, tried as a new user would', () => {
  it('--version prints the version in package.json', async () => {
    const manifest = z.object({ version: z.string() }).parse(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')));
    const result = await csCard(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('--version and --help load no command module: the entry point imports only the command table and its words (npx cs-card starts fast)', async () => {
    // The static (not type-only) relative imports reachable from the entry point.
    const reached = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (reached.has(file)) return;
      reached.add(file);
      const source = await readFile(file, 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)';/gm)) {
        if (specifier !== undefined) await visit(path.resolve(path.dirname(file), specifier));
      }
    };
    await visit(path.join(root, 'src/cli/main.ts'));
    // The help's words: the choice of language and one catalog (loaded on demand), never a command.
    expect([...reached].map((file) => path.relative(root, file)).sort()).toEqual([
      'src/app/cards/i18n/catalog-locale.ts',
      'src/cli/catalog-modules.ts',
      'src/cli/command-words.ts',
      'src/cli/display-width.ts',
      'src/cli/help-layout.ts',
      'src/cli/locale-choice.ts',
      'src/cli/localized-command.ts',
      'src/cli/main.ts',
      'src/cli/program.ts',
      'src/sandbox/demo-defaults.ts',
    ]);
    const help = await csCard(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['card', 'serve', 'sandbox', 'start', 'setup', 'sync', 'report', 'state', 'doctor']) expect(help.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
  });

  it('the commands leave signals and ports to src/cli/runtime/, and stay short', async () => {
    // Lines as wc -l counts them: the newline that ends the last line starts no line of its own.
    const lineCount = (source: string) => source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
    const commands = path.join(root, 'src/cli/commands');
    for (const file of await readdir(commands)) {
      const source = await readFile(path.join(commands, file), 'utf8');
      expect(source, file).not.toMatch(/process\.(on|once)\('SIG/);
      expect(source, file).not.toMatch(/EADDRINUSE|createServer\(/);
      expect(lineCount(source), file).toBeLessThanOrEqual(300);
    }
    expect(lineCount(await readFile(path.join(root, 'src/config/schema.ts'), 'utf8'))).toBeLessThanOrEqual(300);
  });

  it('an unknown command or option points at --help (exit 2)', async () => {
    // Independent processes, run side by side (here and below): the test waits for the slower one only.
    const [command, option] = await Promise.all([csCard(['strat']), csCard(['sync', '--fulll'])]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'strat'[\s\S]*run cs-card --help to see the commands/);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--fulll'[\s\S]*run cs-card sync --help to see its options/);
  });

  it('start and sandbox take the same --companies, and say what a bad one should be', async () => {
    const [start, ...tooManies] = await Promise.all([csCard(['start', '--companies', 'abc']), ...['start', 'sandbox'].map((command) => csCard([command, '--companies', '100001']))]);
    expect(start.code).toBe(2);
    oneSentence(start.stderr, /^cs-card: --companies must be a whole number from 0 to 100000, got "abc"\.$/);
    for (const tooMany of tooManies) {
      expect(tooMany.code).toBe(2);
      oneSentence(tooMany.stderr, /^cs-card: --companies must be a whole number from 0 to 100000, got "100001"\.$/);
    }
  });

  it('start refuses one port for both servers, before starting anything', async () => {
    const result = await csCard(['start', '--port', '3456', '--preview-port', '3456']);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /^cs-card: --port and --preview-port are both 3456: the card backend and the preview each need their own port; choose two different ones$/);
  });

  it('start checks a named port first: a busy one fails before the portal, setup or sync (exit 2)', async () => {
    const port = await busyPort();
    const results = await Promise.all([['--port', String(port)], ['--port', '0', '--preview-port', String(port)]].map((flags) => csCard(['start', ...flags])));
    for (const result of results) {
      expect(result.code).toBe(2);
      oneSentence(result.stderr, new RegExp(`^cs-card: port ${port} is in use: choose another with --port / --preview-port or PORT$`));
    }
  });

  it('serve on a busy port: one sentence, exit 2 as in start', async () => {
    const port = await busyPort();
    const result = await csCard(['serve'], { PORT: String(port) });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`cs-card: port ${port} is in use: choose another with PORT, or stop what listens there`);
  });

  it('serve listens on loopback by default and says so; CS_CARD_HOST=0.0.0.0 is announced as every interface', async () => {
    const [loopback, everywhere] = await Promise.all([
      csCardUntil(['serve'], { PORT: '0' }, /serving the card backend on http:\/\/127\.0\.0\.1:\d+ \(embedded sandbox portal\).*Ctrl-C stops it/),
      csCardUntil(
        ['serve'],
        { PORT: '0', CS_CARD_HOST: '0.0.0.0' },
        /serving the card backend on http:\/\/127\.0\.0\.1:\d+ and every other network interface \(CS_CARD_HOST=0\.0\.0\.0\).*Ctrl-C stops it/,
      ),
    ]);
    for (const serving of [loopback, everywhere]) serving.child.kill('SIGTERM');
    expect(await Promise.all([loopback.exited, everywhere.exited])).toEqual([0, 0]);
  });

  it('a configuration file that is a list or null: one short sentence (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-config-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const runs = await Promise.all(
      ([['list.json', '[1,2]', 'a list'], ['null.json', 'null', 'null']] as const).map(async ([name, content, got]) => {
        const file = path.join(dir, name);
        await writeFile(file, content);
        return { got, result: await csCard(['card', '1000000001'], { CS_CARD_CONFIG: file }) };
      }),
    );
    for (const { got, result } of runs) {
      expect(result.code).toBe(2);
      oneSentence(result.stderr, new RegExp(`invalid configuration: \\(top level\\): expected an object \\{\\.\\.\\.\\}, got ${got}; the file must hold a JSON object like \\{"currency": "USD"\\}: fix it, or delete the file to use the defaults$`));
      expect(result.stderr.length).toBeLessThan(300);
    }
  });

  it('a portal that refuses the connection is named by the URL tried (exit 1)', async () => {
    const port = await busyPort();
    // A port nothing listens on: take one, then free it.
    const closed = cleanups.pop();
    await closed?.();
    const result = await csCard(['card', '1000000001'], { HUBSPOT_BASE_URL: `http://127.0.0.1:${port}`, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' });
    expect(result.code).toBe(1);
    oneSentence(result.stderr, new RegExp(`^cs-card: HubSpot could not be reached after retries \\(ECONNREFUSED\\): nothing answered at http://127\\.0\\.0\\.1:${port}; check HUBSPOT_BASE_URL`));
  }, 60_000);

  it('a 403 names the scope HubSpot says is missing (exit 1)', async () => {
    const sandbox = createSandbox({ companies: 5, asOf: '2026-11-20' });
    const server = await sandbox.listen();
    cleanups.push(() => server.close());
    sandbox.controls.injectFault(parseFaultSpec('403@companies'));
    const [company] = sandbox.store.list('companies');
    const result = await csCard(['card', company?.id ?? '1'], { HUBSPOT_BASE_URL: server.url, HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' });
    expect(result.code).toBe(1);
    oneSentence(result.stderr, /^cs-card: HubSpot refused access \(403\): the app lacks the crm\.objects\.companies\.read scope; add it to the app and install it again$/);
  });

  it('sandbox --as-of refuses a day that does not exist', async () => {
    const result = await csCard(['sandbox', '--as-of', '2026-02-31']);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /^cs-card: --as-of "2026-02-31" is not a date: write it YYYY-MM-DD, like 2026-11-22, a day that exists$/);
  });

  it('--rate-limit takes the interval in ms, s, m or h', async () => {
    expect(parseRateLimit('6000/1m')).toEqual({ max: 6000, intervalMs: 60_000 });
    expect(parseRateLimit('100/10')).toEqual({ max: 100, intervalMs: 10_000 });
    expect(parseRateLimit('190/10s')).toEqual({ max: 190, intervalMs: 10_000 });
    expect(parseRateLimit('500000/1h')).toEqual({ max: 500_000, intervalMs: 3_600_000 });
    expect(parseRateLimit('19/1000ms')).toEqual({ max: 19, intervalMs: 1000 });
    expect(parseRateLimit('6000/1y')).toBeNull();
    const sync = await csCard(['sync', '--dry-run', '--rate-limit', '600000/1m']);
    expect(sync.code, sync.stderr).toBe(0);
  });
});
