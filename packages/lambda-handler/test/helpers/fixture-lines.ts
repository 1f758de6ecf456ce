import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = join(import.meta.dirname, '../../..');

/** Raw lines from the vendor parsers' fixtures: `valid` (with goldens), `skip` and `invalid`. */
export function loadFixtureLines(kind: 'valid' | 'skip' | 'invalid'): string[] {
  const lines: string[] = [];
  for (const vendor of ['dragos', 'claroty', 'nozomi']) {
    const dir = join(PACKAGES, `parser-${vendor}`, 'test', 'fixtures', kind);
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((file) => file.endsWith('.log'))
        .sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8').replace(/\r?\n$/, '');
      if (text.length > 0 && !text.includes('\n')) lines.push(text);
    }
  }
  return lines;
}
