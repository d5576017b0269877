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
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
