import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The root of the otbridge monorepo containing `cwd` (it has `packages/core` named `@otbridge/core`). */
export function findOtbridgeWorkspace(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const manifest = join(dir, 'packages', 'core', 'package.json');
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@otbridge/core')
          return dir;
      } catch {
        // Not ours; keep looking upwards.
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
