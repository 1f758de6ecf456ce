import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@otbridge/source` condition, so
// tests run without a build. Do not add 'module' here: the AWS SDK's dist-es then fails to load.
const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: ['packages/*'],
    coverage: { provider: 'v8', include: ['packages/*/src/**'] },
  },
});
