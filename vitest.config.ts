import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One local runtime (DynamoDB Local + HTTP API) serves every integration test file.
          globalSetup: ['tests/integration/global-setup.ts'],
          // Files run one at a time: some tests prove a rejected request wrote nothing to the shared table.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 120_000,
          // Each file synthesizes the whole app in beforeAll, which outgrows the default 10 s on a busy machine.
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
