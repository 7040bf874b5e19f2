import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    reporters: ['default', './test/closing-line-reporter.ts'],
    // Bounds that only stop a hung test, never a slow one (speed is `npm run bench`'s business): on a
    // busy 2-core machine one cs-card child process takes up to ~20 s, and a CLI test starts several.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // The unit tests beside their modules: pure functions and in-memory fakes, no servers,
          // child processes or globals left behind (a stubbed global or fake timers are restored in
          // afterEach). They share one worker and its loaded modules instead of a fresh one per file:
          // re-importing zod, the catalogs and msw for each of ~50 small files cost more than their tests.
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          isolate: false,
          // Before the integration files (projects with their own maxWorkers each need a group): one worker.
          sequence: { groupOrder: 0 },
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Servers, child processes, PostgreSQL and Chromium, and in-process backends that replace
          // globals (@hono/node-server's Request): each file in a fresh worker.
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          // Two files at a time on the 2-core CI machine: a file mostly waits on what it started
          // (a cs-card process, Chromium, PostgreSQL, a worker's start-up), which leaves the other
          // core idle when files run one by one. Two files never share a file or a port: every
          // process and store a test starts gets its own temp folder (CS_CARD_STATE_DIR, mkdtemp),
          // and every server listens on a port the OS picks (0) — a test that checks a busy port
          // makes it busy itself first.
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
    ],
  },
});
