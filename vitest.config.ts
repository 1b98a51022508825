import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  resolve: {
    // Without this, vitest loads graphql twice (ESM + CJS) and type-graphql fails with
    // "Cannot use GraphQLObjectType from another module or realm".
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        plugins: [vue()],
        test: { name: 'client', include: ['tests/client/**/*.test.ts'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.global.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Load, faults, fuzz and crash safety against real server processes (issue 9). One file at a
          // time: the load test saturates the machine and must not measure the others.
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.global.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          // Issue 15: one test per finding of the security probe, each sending the probe's request.
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.global.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/postgres.global.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
