import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// A true dependency list (issue 18): every bare import in src/, bench/, test/ (and the root's
// config files and bin/) resolves to a package package.json declares, and every declared
// package is imported — except the tools below, which are run rather than imported.

const root = path.resolve(import.meta.dirname, '..');

/** Declared but run, not imported: each says what runs it. */
const toolOnly: Readonly<Record<string, string>> = {
  node: 'the Node 24 binary npm puts first on PATH for every script (README, "Node runtime from npm")',
  '@types/cli-progress': 'types for tsc',
  '@types/node': 'types for tsc',
  '@types/pg': 'types for tsc',
  '@types/react': 'types for tsc',
  '@types/react-dom': 'types for tsc',
};

const manifestSchema = z.object({
  dependencies: z.record(z.string(), z.string()).default({}),
  devDependencies: z.record(z.string(), z.string()).default({}),
});

async function manifest(file: string) {
  const parsed = manifestSchema.parse(JSON.parse(await readFile(path.join(root, file), 'utf8')));
  return new Set([...Object.keys(parsed.dependencies), ...Object.keys(parsed.devDependencies)]);
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(?:ts|tsx|js|mjs)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const builtins = new Set(builtinModules);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for a relative path or a Node built-in. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return builtins.has(name) ? null : name;
}

/** Every package a file imports (static, dynamic, re-exports) or resolves (a require's resolve of a package file). */
async function packagesImportedBy(file: string): Promise<string[]> {
  const text = await readFile(path.join(root, file), 'utf8');
  const imports = ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
  const resolved = [...text.matchAll(/(?:\brequire|\))\.resolve\(\s*['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
  return [...imports, ...resolved].map(packageOf).filter((name): name is string => name !== null);
}

async function importsIn(files: readonly string[]): Promise<Map<string, string[]>> {
  const byPackage = new Map<string, string[]>();
  for (const file of files) {
    for (const name of await packagesImportedBy(file)) byPackage.set(name, [...(byPackage.get(name) ?? []), file]);
  }
  return byPackage;
}

describe('the dependency list', () => {
  it('declares every package src/, bench/, test/ and the root files import, and imports every declared one', async () => {
    const declared = await manifest('package.json');
    const files = [
      ...(await sourceFiles('src')),
      ...(await sourceFiles('bench')),
      ...(await sourceFiles('test')),
      ...(await sourceFiles('bin')),
      'eslint.config.js',
      'vitest.config.ts',
    ];
    const imported = await importsIn(files);

    const undeclared = [...imported].filter(([name]) => !declared.has(name)).map(([name, by]) => `${name} (imported by ${by.join(', ')})`);
    expect(undeclared, 'imported but not in package.json').toEqual([]);
    const unused = [...declared].filter((name) => !imported.has(name) && !(name in toolOnly));
    expect(unused, 'in package.json but imported nowhere (drop it, or list it as a tool above)').toEqual([]);
    const staleTools = Object.keys(toolOnly).filter((name) => !declared.has(name) || imported.has(name));
    expect(staleTools, 'listed as tool-only but not declared, or actually imported').toEqual([]);
  });

  it('the card package (src/app/cards, uploaded to HubSpot) declares exactly what the card imports, each also in the root package.json', async () => {
    const declared = await manifest('src/app/cards/package.json');
    const rootDeclared = await manifest('package.json');
    const imported = await importsIn(await sourceFiles('src/app/cards'));
    expect([...imported.keys()].filter((name) => !declared.has(name)), 'imported by the card, not in its package.json').toEqual([]);
    expect([...declared].filter((name) => !imported.has(name)), 'in the card package.json, not imported by the card').toEqual([]);
    expect([...declared].filter((name) => !rootDeclared.has(name)), 'in the card package.json, not in the root one (local tests need it)').toEqual([]);
  });

  it('the app page package (src/app/pages) declares what the page imports, and what the card code it reuses needs, each also in the root package.json', async () => {
    const declared = await manifest('src/app/pages/package.json');
    const rootDeclared = await manifest('package.json');
    const cardDeclared = await manifest('src/app/cards/package.json');
    const imported = await importsIn(await sourceFiles('src/app/pages'));
    expect([...imported.keys()].filter((name) => !declared.has(name)), 'imported by the page, not in its package.json').toEqual([]);
    // The page formats with the card's catalog (src/app/cards/i18n), so it needs the card's packages too.
    expect([...cardDeclared].filter((name) => !declared.has(name)), 'needed by the card code the page reuses').toEqual([]);
    expect([...declared].filter((name) => !rootDeclared.has(name)), 'in the page package.json, not in the root one').toEqual([]);
  });
});
