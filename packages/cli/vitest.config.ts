import { defineProject } from 'vitest/config';

const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: '@otbridge/cli', include: ['test/**/*.test.ts'] },
});
