import { defineConfig } from 'tsup';

// src/cli.ts starts with a `#!/usr/bin/env node` line: esbuild keeps it and tsup marks dist/cli.js executable.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
});
