import { defineProject } from 'vitest/config';

const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // End-to-end tests start real servers and a worker-thread runtime; 30 s bounds a hang, not a timing.
  test: {
    name: '@otbridge/local-pipeline',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
