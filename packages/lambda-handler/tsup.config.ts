import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';
import {
  LAMBDA_BUNDLE_EXTERNAL_PACKAGES,
  LAMBDA_BUNDLE_MAIN_FIELDS,
  LAMBDA_BUNDLE_REQUIRE_BANNER,
} from './src/bundle/lambda-bundle-options.js';

export default defineConfig([
  {
    // The library build (dist/lib): createKinesisHandler, the importer, the envelope, the quarantine layout.
    entry: { index: 'src/index.ts' },
    outDir: 'dist/lib',
    format: ['esm'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: true,
  },
  {
    // The Lambda bundle: one minified ESM file with every dependency (SDK clients included) inlined.
    entry: { index: 'src/lambda.ts' },
    outDir: 'dist',
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    minify: true,
    treeshake: true,
    splitting: false,
    sourcemap: false,
    clean: false,
    banner: { js: LAMBDA_BUNDLE_REQUIRE_BANNER },
    esbuildOptions(options) {
      options.mainFields = [...LAMBDA_BUNDLE_MAIN_FIELDS];
      options.external = [...(options.external ?? []), ...LAMBDA_BUNDLE_EXTERNAL_PACKAGES];
      options.conditions = ['@otbridge/source', 'module', 'import', 'node'];
    },
    async onSuccess() {
      rmSync('dist/lambda.zip', { force: true });
      execFileSync('zip', ['-q', '-X', '-j', 'dist/lambda.zip', 'dist/index.mjs']);
    },
  },
]);
