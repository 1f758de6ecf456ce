import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's `templates/` folder, from the built `dist/` or from `src/` (tests). */
export function findTemplatesDir(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'parser'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`No templates/parser folder above ${from}.`);
  }
}
