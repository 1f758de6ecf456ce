// Builds the CLI (and any workspace dependency without a dist) once, so tests run `node dist/cli.js`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = join(import.meta.dirname, '../..');
const DEPENDENCIES = [
  'core',
  'parser-dragos',
  'parser-claroty',
  'parser-nozomi',
  'lambda-handler',
  'local-pipeline',
];

function build(name: string): void {
  execFileSync('pnpm', ['--filter', `@otbridge/${name}`, 'build'], {
    cwd: PACKAGES,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export default function setup(): void {
  // Under turbo, `test` depends on `^build`; a bare `vitest run` builds only what is missing.
  for (const name of DEPENDENCIES) {
    const dir = join(PACKAGES, name);
    if (
      existsSync(join(dir, 'package.json')) &&
      existsSync(join(dir, 'src/index.ts')) &&
      !existsSync(join(dir, 'dist'))
    ) {
      build(name);
    }
  }
  build('cli');
}
