import { defineConfig } from 'tsup';

// A library build; the bundled handler runs from its own file in a worker thread, so it is not inlined here.
export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
});
