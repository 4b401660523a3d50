// The domain tests alone (test/domain/**): pure functions, no Temporal server, no workflow bundle. Used by the
// mutation run (tools/mutation/stryker.config.mjs); also `npx vitest run -c tools/mutation/vitest.domain.config.mjs`.
import { URL, fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The repository root, wherever the file is run from (Stryker runs it from a copy in its sandbox).
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/domain/**/*.test.ts'],
    // No globalSetup: nothing to provision or bundle for plain functions.
    testTimeout: 30_000,
  },
});
