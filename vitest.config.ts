import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'subgraphs/*/src/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'schema/**/*.test.ts',
      'tests/**/*.test.ts',
      'web/test/**/*.test.ts',
    ],
    // Each file gets its own database; PGlite is CPU-bound WASM, so two workers suit the 2-core machine.
    pool: 'forks',
    // Seed each kind of demo database once per run and copy it per file (vitest.setup.ts).
    globalSetup: ['./vitest.setup.ts'],
    maxWorkers: 2,
    // Timeouts only catch a hang: the suite must pass on a busy machine too (a hub's setup took over four
    // minutes at load average 20), so no test or hook sets a tighter limit of its own.
    testTimeout: 900_000,
    hookTimeout: 1_800_000,
  },
});
