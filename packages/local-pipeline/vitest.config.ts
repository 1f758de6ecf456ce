import { defineProject } from 'vitest/config';

const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: '@otbridge/local-pipeline', include: ['test/**/*.test.ts'] },
});
