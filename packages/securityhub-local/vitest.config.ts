import { defineProject } from 'vitest/config';

const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // Generous timeouts: CI runs several packages' suites at once on two cores.
  test: {
    name: '@otbridge/securityhub-local',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
