import { createRequire } from 'node:module';

import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS entry for every importer; without this, Vite would give our
    // sources the .mjs copy, and a GraphQLError from one copy is not an instanceof the other.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The browser tests run after the rest: Chromium's drawing took the CPU from the timing-sensitive fault
    // tests (a PostgreSQL restart under load, a 200-buyer race) when both ran at once on two cores.
    projects: [
      {
        extends: true,
        test: { name: 'api', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/web/**'], sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'web', include: ['test/web/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
