import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TokenizeCefResult } from '../../src/index.js';
import { decodeLine, tokenizeCef } from '../../src/index.js';

const DIR = new URL('../fixtures/cef/', import.meta.url);
const UPDATE = process.env.UPDATE_FIXTURES === '1';

function outcome(result: TokenizeCefResult): Record<string, unknown> {
  const diagnostics = result.diagnostics.map(
    (d) => `${d.severity} ${d.code}${d.offset === undefined ? '' : ` @${d.offset}`}`,
  );
  return result.ok
    ? { ok: true, diagnostics, record: JSON.parse(JSON.stringify(result.record)) }
    : { ok: false, diagnostics };
}

describe('CEF fixtures (test/fixtures/cef)', () => {
  const names = readdirSync(DIR).filter((name) => name.endsWith('.log'));
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(30));
  for (const name of names) {
    it(name, () => {
      const decoded = decodeLine(new Uint8Array(readFileSync(new URL(name, DIR))));
      const actual = {
        strict: outcome(tokenizeCef(decoded)),
        lenient: outcome(tokenizeCef(decoded, { strict: false })),
      };
      const expectedUrl = new URL(name.replace(/\.log$/, '.expected.json'), DIR);
      if (UPDATE) writeFileSync(expectedUrl, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(expectedUrl, 'utf8'));
      expect(actual).toEqual(expected);
    });
  }
});
