import { defineProject } from 'vitest/config';

const conditions = ['@otbridge/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: '@otbridge/cli',
    include: ['test/**/*.test.ts'],
    // Tests run the built CLI (`node dist/cli.js`): build it once first.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
