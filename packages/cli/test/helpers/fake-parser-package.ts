import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes an installed-looking parser package (`node_modules/<name>`) whose module exports plain spec v1
 * parser objects (what `defineParser` returns), so config and bundle tests need no build.
 */
export function writeFakeParserPackage(
  projectDir: string,
  name: string,
  parsers: Record<string, { id: string; deviceVendor: string; deviceProduct?: string }>,
): string {
  const dir = join(projectDir, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  const body = Object.entries(parsers).map(([exportName, parser]) => {
    const claim = {
      deviceVendor: parser.deviceVendor,
      ...(parser.deviceProduct ? { deviceProduct: parser.deviceProduct } : {}),
    };
    return (
      `export const ${exportName} = Object.freeze({ specificationVersion: 'v1', id: ${JSON.stringify(parser.id)}, ` +
      `packageName: ${JSON.stringify(name)}, version: '1.0.0', vendor: ${JSON.stringify(parser.deviceVendor)}, ` +
      `docsUrl: 'https://example.com/docs', claims: [${JSON.stringify(claim)}], defaultOptions: {}, diagnosticCodes: [], ` +
      "matches: () => true, normalize: () => ({ outcome: 'skipped', reason: 'fake parser', diagnostics: [] }) });"
    );
  });
  writeFileSync(join(dir, 'index.js'), `${body.join('\n')}\nexport const notAParser = { id: 'x' };\n`);
  return dir;
}
