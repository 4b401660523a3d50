import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: the end-to-end suites on a PostgreSQL-backed Temporal server (scripts/cluster-start.sh)
 * with the API and two workers as separate `node dist/src/main.js` processes, as in production.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    pool: 'forks',
    // One file at a time: each starts three service processes, and the fault tests stop the server under them.
    fileParallelism: false,
    hookTimeout: 300_000,
    testTimeout: 300_000,
    globalSetup: ['test/cluster/global-setup.ts'],
  },
});
