import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// ESM bundle: bundled CommonJS dependencies (protobufjs, the SDK) call require(), which ESM lacks.
const requireBanner =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

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
    banner: { js: requireBanner },
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
      options.conditions = ['@otbridge/source', 'module', 'import', 'node'];
    },
    async onSuccess() {
      rmSync('dist/lambda.zip', { force: true });
      execFileSync('zip', ['-q', '-X', '-j', 'dist/lambda.zip', 'dist/index.mjs']);
    },
  },
]);
