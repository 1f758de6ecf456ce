import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParserRegistry, decodeLine, tokenizeCef, type VendorParser } from '@otbridge/core';
import { clarotyParser } from '@otbridge/parser-claroty';
import { dragosParser } from '@otbridge/parser-dragos';
import { describe, expect, test } from 'vitest';
import { nozomiParser } from '../src/index.js';

// Every fixture line of every vendor package must be claimed by exactly one parser, its own, and never
// reach the generic fallback: two parsers that both claim a line would make routing order-dependent.

const PACKAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASE_FOLDERS = ['valid', 'invalid', 'skip', 'regressions'] as const;
const parsers = [dragosParser, clarotyParser, nozomiParser] as readonly VendorParser<object>[];

interface FixtureLine {
  readonly owner: string;
  readonly folder: (typeof CASE_FOLDERS)[number];
  readonly path: string;
}

function listFixtures(): FixtureLine[] {
  const lines: FixtureLine[] = [];
  for (const owner of parsers.map((parser) => parser.id)) {
    for (const folder of CASE_FOLDERS) {
      const dir = join(PACKAGES_DIR, `parser-${owner}`, 'test', 'fixtures', folder);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (file.endsWith('.log')) lines.push({ owner, folder, path: join(dir, file) });
      }
    }
  }
  return lines;
}

function readLine(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Parsers whose claims cover the record and whose `matches` accepts it, ignoring registry order. */
function claimants(record: { deviceVendor: string; deviceProduct: string }): string[] {
  return parsers
    .filter((parser) =>
      parser.claims.some(
        (claim) =>
          sameName(claim.deviceVendor, record.deviceVendor) &&
          (claim.deviceProduct === undefined || sameName(claim.deviceProduct, record.deviceProduct)),
      ),
    )
    .filter((parser) => parser.matches(record as never))
    .map((parser) => parser.id);
}

const fixtures = listFixtures();

describe('cross-vendor claims', () => {
  test('the three parsers register together without a conflicting id or claim', () => {
    const registry = createParserRegistry(parsers);
    expect(registry.parsers.map((parser) => parser.id).sort()).toEqual(['claroty', 'dragos', 'nozomi']);
  });

  test('every vendor package has valid fixtures to check', () => {
    for (const parser of parsers) {
      const count = fixtures.filter((line) => line.owner === parser.id && line.folder === 'valid').length;
      expect(count, `parser-${parser.id} has no valid/*.log fixtures`).toBeGreaterThan(0);
    }
  });

  const registry = createParserRegistry(parsers);
  test.each(fixtures.map((line) => [relative(PACKAGES_DIR, line.path), line] as const))(
    '%s',
    (_name, line) => {
      const tokenized = tokenizeCef(decodeLine(readLine(line.path)), { strict: false });
      if (!tokenized.ok) {
        // A line that is not CEF at all reaches no parser; only an invalid/ fixture may be such a line.
        expect(
          line.folder,
          `${line.path} does not tokenize: ${tokenized.diagnostics.map((d) => d.code).join(', ')}`,
        ).toBe('invalid');
        return;
      }
      const record = tokenized.record;
      const route = registry.route(record);
      expect(route.via, `${line.path} fell to ${route.via} (${route.parser?.id ?? 'no parser'})`).toBe(
        'claim',
      );
      expect(route.parser?.id).toBe(line.owner);
      expect(claimants(record)).toEqual([line.owner]);
    },
  );
});
