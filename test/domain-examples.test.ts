import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../src/config/schema.ts';
import * as parsing from '../src/domain/parsing/index.ts';
import { onboardingWording } from '../src/usecases/onboarding-wording.ts';
import { listName, noteWording, propertyWords, writtenWording } from '../src/usecases/portal-wording.ts';

// Every exported domain rule has a JSDoc `@example` with a worked case, and the example is a
// test (issue 18): each line `expression // => expected` of an @example is run here against its
// module's exports (with defaultConfig, parseConfig, the parsing API and `english` in scope) and
// must give the expected value. Lines without `// =>` are prose the reader checks by eye.

/** The English wordings the shell builds from the en catalog (the domain keeps no English of its own): `english.*` in the examples. */
const english = {
  written: writtenWording('en', 'UTC'),
  notes: noteWording('en', 'UTC'),
  onboarding: onboardingWording('en'),
  properties: propertyWords('en'),
  listName: listName('en'),
};

const domain = path.resolve(import.meta.dirname, '../src/domain');

interface Example {
  readonly file: string;
  readonly name: string;
  readonly exported: boolean;
  readonly text: string | null;
}

async function domainModules(): Promise<string[]> {
  const entries = await readdir(domain, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !entry.parentPath.split(path.sep).includes('testing'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Each function a module declares (exported ones, and others with an @example), with its @example text. */
function examplesOf(file: string, source: string): Example[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const relative = path.relative(domain, file);
  return tree.statements.flatMap((statement): Example[] => {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
    let name: string | undefined;
    if (ts.isFunctionDeclaration(statement)) name = statement.name?.text;
    else if (ts.isVariableStatement(statement)) {
      const [declaration] = statement.declarationList.declarations;
      const initializer = declaration?.initializer;
      if (declaration && initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) name = declaration.name.getText(tree);
    }
    if (name === undefined) return [];
    const tags = ts.getJSDocTags(statement).filter((tag) => tag.tagName.text === 'example');
    const text = tags.length === 0 ? null : tags.map((tag) => (typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '')).join('\n // \n');
    return [{ file: relative, name, exported, text }];
  });
}

/** Whether a text is one JavaScript expression. */
function isExpression(text: string): boolean {
  try {
    new vm.Script(`(${text}\n)`);
    return true;
  } catch {
    return false;
  }
}

/** The `expression // => expected` pairs of an example (an expected value may go on over `//` lines). */
function workedCases(example: string): Array<{ readonly expression: string; readonly expected: string }> {
  const lines = example.split('\n');
  const cases: Array<{ expression: string; expected: string }> = [];
  let code: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const arrow = line.indexOf('// =>');
    if (arrow < 0) {
      // A comment line is prose; `call(...) // words` is a worked case the reader checks by eye.
      if (line.includes(' // ')) code = [];
      else if (!line.trim().startsWith('//')) code.push(line);
      continue;
    }
    const expression = [...code, line.slice(0, arrow)].join('\n').trim();
    let expected = line.slice(arrow + 5).trim();
    while (!isExpression(expected) && (lines[i + 1] ?? '').trim().startsWith('//') && !(lines[i + 1] ?? '').includes('// =>')) {
      i++;
      expected += `\n${(lines[i] ?? '').trim().slice(2)}`;
    }
    if (expression !== '') cases.push({ expression, expected });
    code = [];
  }
  return cases;
}

/**
 * Exported domain functions written before this test, still without an @example: the debt
 * (issue 18), which only shrinks. Give one an example and take it off; a new export needs one.
 */
const withoutExampleYet = new Set<string>([
]);

const modules = await domainModules();
const examples = (await Promise.all(modules.map(async (file) => examplesOf(file, await readFile(file, 'utf8'))))).flat();

describe('the domain rules\' @examples', () => {
  it('every exported function of src/domain has an @example (apart from the listed debt, which only shrinks)', () => {
    const exported = examples.filter((example) => example.exported);
    const missing = exported.filter((example) => example.text === null && !withoutExampleYet.has(`${example.file}: ${example.name}`)).map((example) => `${example.file}: ${example.name}`);
    expect(missing, 'write an @example with a worked case (`call(...) // => value`)').toEqual([]);
    const paid = [...withoutExampleYet].filter((key) => !exported.some((example) => `${example.file}: ${example.name}` === key && example.text === null));
    expect(paid, 'has an @example now (or is gone): take it off withoutExampleYet').toEqual([]);
  });

  it.each(examples.filter((example) => example.exported && example.text !== null && workedCases(example.text).length > 0).map((example) => [`${example.file}: ${example.name}`, example] as const))(
    '%s: its worked cases hold',
    async (_, example) => {
      const exports: Record<string, unknown> = await import(path.join(domain, example.file));
      const context = vm.createContext({ ...parsing, defaultConfig, parseConfig, english, ...exports, Map, Set, Date, Math, Number, String, Array, Object, JSON });
      for (const { expression, expected } of workedCases(example.text ?? '')) {
        const actual: unknown = vm.runInContext(`(${expression}\n)`, context);
        expect(actual, expression).toEqual(vm.runInContext(`(${expected}\n)`, context));
      }
    },
  );
});
