import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/app/cards/i18n/catalog/en.ts';

// One home per concept (issue 18): the words below live in the message catalog only, and every
// source file stays short enough to read in one sitting.

const root = path.resolve(import.meta.dirname, '..');

/** The TypeScript files under a folder. */
async function typescriptFiles(dir: string): Promise<Array<{ file: string; text: string }>> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name)).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(root, file), 'utf8') })));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** The source files of src/ (tests apart). */
async function sources(): Promise<Array<{ file: string; text: string }>> {
  return (await typescriptFiles('src')).filter(({ file }) => !isTest(file));
}

/** The names a module exports by declaration (export function / const / class / interface / type / enum). */
function exportedNames(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) => {
    if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [];
    if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((declaration) => declaration.name.getText(source));
    const named = statement as ts.Statement & { readonly name?: ts.Node };
    return named.name !== undefined && ts.isIdentifier(named.name) ? [named.name.text] : [];
  });
}

/** Long files whose split is under way (each names the piece of work), so that no other file grows past the limit meanwhile. */
const notYetSplit: Readonly<Record<string, string>> = {
};

/** The line a position of a text is on (a JSDoc example may name a property). */
const lineOf = (text: string, index: number) => text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index));

const isCatalog = (file: string) => file.startsWith(path.join('src', 'app', 'cards', 'i18n', 'catalog'));

describe('one home per concept', () => {
  it('band labels and handoff field labels are written only in the message catalog', async () => {
    const labels = [
      ...(['attention', 'at_risk'] as const).map((band) => messages[`band.${band}`]),
      ...(['goals', 'successCriteria', 'promisedScope', 'risks', 'goLiveDate'] as const).map((key) => messages[`handoff.field.${key}`]),
    ];
    const copies = (await sources())
      .filter(({ file }) => !isCatalog(file))
      // Code, not comments: a JSDoc @example may show what a rule answers.
      .map(({ file, text }) => ({ file, code: text.split('\n').filter((line) => !line.trimStart().startsWith('*')).join('\n') }))
      .flatMap(({ file, code }) => labels.filter((label) => code.includes(`'${label}'`) || code.includes(`"${label}"`) || code.includes(`>${label}<`)).map((label) => `${file}: ${label}`));
    expect(copies).toEqual([]);
  });

  it('the cs_ property names are written only in src/domain/property-names.ts', async () => {
    const home = path.join('src', 'domain', 'property-names.ts');
    const copies = (await sources())
      .filter(({ file }) => file !== home && !isCatalog(file) && !file.split(path.sep).includes('testing'))
      .flatMap(({ file, text }) => [...text.matchAll(/['"`](cs_[a-z0-9_]+)['"`]/g)].filter((match) => !lineOf(text, match.index).trimStart().startsWith('*')).map((match) => `${file}: ${match[1]}`));
    expect(copies).toEqual([]);
  });

  it('nothing is exported that nothing uses: every exported name of src/ appears beyond its declaration (its own module, another, a test or the bench)', async () => {
    const everything = [...(await typescriptFiles('src')), ...(await typescriptFiles('test')), ...(await typescriptFiles('bench'))];
    const unused = (await sources()).flatMap(({ file, text }) =>
      exportedNames(file, text)
        .filter((name) => {
          const word = new RegExp(`\\b${name}\\b`);
          return (text.match(new RegExp(word, 'g'))?.length ?? 0) <= 1 && !everything.some((other) => other.file !== file && word.test(other.text));
        })
        .map((name) => `${file}: ${name}`),
    );
    expect(unused, 'delete it (or, for a value only tests read, test what uses it)').toEqual([]);
  });

  it('the HubSpot call toolkit holds the read-scope table: no other module of src/hubspot/ names a read scope', async () => {
    const toolkit = path.join('src', 'hubspot', 'calls.ts');
    const copies = (await sources())
      .filter(({ file }) => file.startsWith(path.join('src', 'hubspot')) && file !== toolkit)
      .flatMap(({ file, text }) => [...text.matchAll(/'(crm\.objects\.[a-z_]+\.read)'/g)].map((match) => `${file}: ${match[1]}`));
    expect(copies).toEqual([]);
  });

  it('no source file is over 300 lines (the message catalogs apart)', async () => {
    const lengths = (await sources())
      .filter(({ file }) => !isCatalog(file))
      .map(({ file, text }) => ({ file, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }));
    const long = lengths.filter(({ file, lines }) => lines > 300 && !(file in notYetSplit)).map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long, 'split it along its seams').toEqual([]);
    const split = Object.keys(notYetSplit).filter((file) => (lengths.find((entry) => entry.file === file)?.lines ?? 0) <= 300);
    expect(split, 'now short: take it off notYetSplit').toEqual([]);
  });
});
