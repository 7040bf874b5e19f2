import { readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const cardDir = path.join(root, 'src/app/cards');
/**
 * What the card and the backend exchange (zod schemas of the view model, handoff, churn reason,
 * task receipt, error bodies). It lives inside the card's folder because HubSpot packages a card
 * from its folder alone (a file outside it is not uploaded with the card); the backend imports it.
 */
const contractDir = path.join(cardDir, 'contract');
/** The card is uploaded to HubSpot as its own package: it imports only the packages that package declares. */
const cardPackages = Object.keys(JSON.parse(readFileSync(path.join(cardDir, 'package.json'), 'utf8')).dependencies ?? {});

const packageOf = (source) => (source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0]);

/**
 * The card's import boundary (issue 18): its own folder (the contract src/app/cards/contract/ and
 * its i18n included) and its package's dependencies. The contract itself imports only zod and
 * its own files, so the backend and the card share it without pulling either's code in.
 */
const cardBoundary = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const inContract = context.filename.startsWith(`${contractDir}${path.sep}`);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = path.resolve(path.dirname(context.filename), source);
        if (inContract) {
          if (!target.startsWith(`${contractDir}${path.sep}`)) context.report({ node: node.source, message: `The contract (src/app/cards/contract/) imports only its own files and zod; "${source}" is outside it.` });
          return;
        }
        if (target.startsWith(`${cardDir}${path.sep}`)) return;
        context.report({ node: node.source, message: `The card imports only its own folder (the contract src/app/cards/contract/ and i18n/ included); "${source}" is outside it.` });
        return;
      }
      const name = packageOf(source);
      if (inContract && name !== 'zod') context.report({ node: node.source, message: `The contract (src/app/cards/contract/) imports only zod; "${name}" is not allowed there.` });
      else if (!cardPackages.includes(name)) context.report({ node: node.source, message: `"${name}" is not a dependency of the card's package (src/app/cards/package.json: ${cardPackages.join(', ')}).` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/** Unit tests sit beside their modules (x.ts + x.test.ts) and share fixtures in a testing/ folder: no module imports them, so no bundle or upload carries them. */
const isTestCode = (file) => /\.test\.tsx?$/.test(file) || file.split(path.sep).includes('testing');
const noTestImports = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    if (isTestCode(context.filename)) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      if (isTestCode(path.resolve(path.dirname(context.filename), source))) context.report({ node: node.source, message: `Only tests import tests and their fixtures; "${source}" is test code.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'test-results/**', '.cs-card/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'cs-card': { rules: { 'card-boundary': cardBoundary, 'no-test-imports': noTestImports } } },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'cs-card/no-test-imports': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the hubspot gateway may talk to the SDK (DESIGN.md, Architecture).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/hubspot/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hubspot/api-client', '@hubspot/api-client/*'], message: 'Only src/hubspot/ imports the HubSpot SDK.' }] }],
    },
  },
  {
    // The CLI reaches HubSpot only through the use cases (src/usecases/portal.ts opens a portal).
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@hubspot/api-client', '@hubspot/api-client/*'], message: 'Only src/hubspot/ imports the HubSpot SDK.' },
        { group: ['**/hubspot/**'], message: 'The CLI reaches HubSpot only through src/usecases/ (src/usecases/portal.ts for a connection and its errors).' },
      ] }],
    },
  },
  {
    files: ['src/app/cards/**/*.ts', 'src/app/cards/**/*.tsx'],
    rules: { 'cs-card/card-boundary': 'error' },
  },
  {
    // The domain is pure: no I/O, no clock, no SDK (DESIGN.md, Architecture).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'src/domain is pure: no I/O.' },
        { group: ['@hubspot/*', 'hono', 'hono/*', '**/hubspot/**', '**/server/**', '**/cli/**', '**/usecases/**', '**/sandbox/**'], message: 'src/domain depends on nothing outside the domain and config.' },
      ] }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: take the as-of date as a parameter.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in the domain: take the as-of date as a parameter.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The domain is deterministic.' },
      ],
    },
  },
);
