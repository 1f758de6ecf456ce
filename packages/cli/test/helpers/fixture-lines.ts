import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = join(import.meta.dirname, '../../..');

/** One raw line per fixture file of a vendor parser (`valid`, `skip` or `invalid`), in file order. */
export function loadVendorLines(
  vendor: 'dragos' | 'claroty' | 'nozomi',
  kind: 'valid' | 'skip' | 'invalid',
): string[] {
  const dir = join(PACKAGES, `parser-${vendor}`, 'test', 'fixtures', kind);
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.log'))
      .sort();
  } catch {
    return [];
  }
  return files
    .map((file) => readFileSync(join(dir, file), 'utf8').replace(/\r?\n$/, ''))
    .filter((text) => text.length > 0 && !text.includes('\n'));
}
