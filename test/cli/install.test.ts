import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// `npm install` and the first `npx cs-card` on a machine whose Node is older than the one the
// project runs on (issue 18): the `node` dependency brings Node 24, so the package itself asks
// for no engine, and `npx cs-card` says nothing about engines; the dependencies' own warnings
// during `npm install` are explained in one line of the README.

const root = path.resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

describe('installing and the first npx cs-card, on the system Node', () => {
  it('the package declares no engine (the node dependency is its runtime), and the README explains the dependencies\' EBADENGINE warnings', async () => {
    const manifest = z.looseObject({ dependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')));
    expect(manifest).not.toHaveProperty('engines');
    expect(manifest.dependencies.node).toMatch(/^\^24\./);
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/`npm install` warns `EBADENGINE`[^.]*harmless/);
  });

  it('npx cs-card --version prints the version and no EBADENGINE warning, with the machine\'s own node and npm first on PATH', async () => {
    // A user's shell: no node_modules/.bin on PATH (npm test puts it first), no npm_* variables,
    // and a first run: npx links the project into its cache (checking its engines) only once.
    const cache = await mkdtemp(path.join(tmpdir(), 'cs-card-npx-'));
    try {
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
      env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')).join(path.delimiter);
      env.npm_config_cache = cache;
      const { stdout, stderr } = await execFileAsync('npx', ['--offline', 'cs-card', '--version'], { cwd: root, env, timeout: 60_000 });
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      expect(stderr).not.toMatch(/EBADENGINE|Unsupported engine/);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  }, 60_000);
});
