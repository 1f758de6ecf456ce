import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};
// Every dependency stays an import: the CLI installs with them, and a workspace build stays small.
const external = [...Object.keys(manifest.dependencies ?? {})].map((name) => new RegExp(`^${name}(/.*)?$`));

export default defineConfig([
  {
    // The bin. esbuild keeps src/cli.ts's `#!/usr/bin/env node` as the first line.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external,
    clean: true,
    sourcemap: true,
    splitting: false,
  },
  {
    // The library entry (createProgram, EXIT_CODES) with its types.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external,
    dts: true,
    clean: false,
    sourcemap: true,
  },
]);
