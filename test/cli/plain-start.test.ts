import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment } from '../sync/cli-process.ts';

// What `cs-card` loads before it runs a command: the help's and commander's errors' words (a
// message catalog, intl-messageformat) only when help or a usage error is shown (src/cli/main.ts);
// and of the five catalogs, only the reader's language's (with English for a command: its errors'
// English text and the domain's labels come from it).

const root = path.resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

// `state status` opens the state store: its own folder, never the checkout's .cs-card/ (which
// another test file running at the same time, or the developer's own store, could hold).
let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'cs-card-plain-start-'));
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

/** Prints, at exit, every module the process loaded (ESM and require). */
const tracer = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(loaded) + '\\n'));
`)}`;

/** The modules `cs-card <args>` loaded, with its exit code. */
async function loadedBy(args: readonly string[]): Promise<{ code: number; loaded: string[] }> {
  const run = execFileAsync(process.execPath, ['--import', tracer, '--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: childEnvironment({ CS_CARD_STATE_DIR: stateDir }), timeout: 60_000 });
  const { stderr, code } = await run.then(({ stderr }) => ({ stderr, code: 0 }), (error: { stderr: string; code: number }) => error);
  const line = stderr.split('\n').find((text) => text.startsWith('LOADED ')) ?? 'LOADED []';
  return { code, loaded: (JSON.parse(line.slice('LOADED '.length)) as string[]).map((url) => url.replace(`file://${root}/`, '')) };
}

const words = (loaded: readonly string[]) => loaded.filter((url) => /intl-messageformat|src\/app\/cards\/i18n\/(catalog\/|icu-message)/.test(url));

describe('cs-card loads its words only to show them', () => {
  it('--version loads no catalog and no intl-messageformat; --help and a mistyped option load them', async () => {
    const version = await loadedBy(['--version']);
    expect(version.code).toBe(0);
    expect(version.loaded).toContain('src/cli/main.ts');
    expect(words(version.loaded)).toEqual([]);
    for (const args of [['--help'], ['sync', '--fulll']]) {
      const shown = await loadedBy(args);
      expect(words(shown.loaded), args.join(' ')).toEqual(expect.arrayContaining(['src/app/cards/i18n/catalog/en.ts', 'src/app/cards/i18n/icu-message.ts']));
    }
  });

  it('a command in one language loads that catalog and English, never the other three; help loads its language\'s alone', async () => {
    const catalogs = (loaded: readonly string[]) => loaded.filter((url) => url.startsWith('src/app/cards/i18n/catalog/')).sort();
    const status = await loadedBy(['state', 'status', '--locale', 'th']);
    expect(status.code).toBe(0);
    expect(catalogs(status.loaded)).toEqual(['src/app/cards/i18n/catalog/en.ts', 'src/app/cards/i18n/catalog/th.ts']);
    // A bad --locale is refused in the terminal's language (English here), from English alone.
    const refused = await loadedBy(['state', 'status', '--locale', 'xx']);
    expect(refused.code).toBe(2);
    expect(catalogs(refused.loaded)).toEqual(['src/app/cards/i18n/catalog/en.ts']);
    const help = await loadedBy(['--help', '--locale', 'ja']);
    expect(catalogs(help.loaded)).toEqual(['src/app/cards/i18n/catalog/ja.ts']);
  });
});
