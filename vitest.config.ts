import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test and run in parallel. End-to-end
// tests (tests/e2e) start the real service and Debian's Chromium, so they run
// one file at a time on our 2-core machines. `npm test` runs the two
// projects as two runs at once (scripts/test.ts); `npx vitest run` runs the
// unit files first, then the end-to-end ones.
export default defineConfig({
  test: {
    // Bundles the hub and the CLIs the tests start as processes (scripts/lib/program-bundles.ts).
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          // Vitest would take one worker on a 2-core machine (cores - 1): unit files run two at a time,
          // or one at a time beside the end-to-end files when `npm test` runs both at once (scripts/test.ts).
          maxWorkers: Number(process.env['KIOSK_UNIT_TEST_WORKERS'] ?? 2),
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: ['node_modules/**', 'dist/**', 'tests/e2e/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
