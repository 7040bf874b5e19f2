import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
    reporters: ['default', './test/closing-line-reporter.ts'],
    // Bounds that only stop a hung test, never a slow one (speed is `npm run bench`'s business): on a
    // busy 2-core machine one cs-card child process takes up to ~20 s, and a CLI test starts several.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One test file at a time on 2 cores (vitest's default there: cores - 1); the other core runs the
    // cs-card processes, Chromium and PostgreSQL the tests start.
    pool: 'forks',
  },
});
