import { defineConfig } from 'tsup';

// The construct library (dist/index.js + .d.ts). aws-cdk-lib, constructs and the handler stay external:
// the user's app brings one copy of each.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
  external: ['aws-cdk-lib', 'constructs', '@otbridge/lambda-handler'],
});
