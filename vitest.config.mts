import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The cluster suites run on their own PostgreSQL-backed server: `npm run test:cluster` (vitest.cluster.config.mts).
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    // Temporal's native runtime and the test servers live per process: one fork per test file.
    pool: 'forks',
    maxWorkers: 2,
    // Starting a Temporal server and bundling workflows takes seconds on a 2-core machine.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
