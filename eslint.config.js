import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'test-results/**', '.cs-card/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
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
