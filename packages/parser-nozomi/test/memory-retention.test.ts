import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createParserRegistry, defaultProductArn, normalizeLine } from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { nozomiParser } from '../src/index.js';

// A garbage collection on demand, to measure what the parser's caches keep alive.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('nozomi parser caches', () => {
  it('keep no line alive: 40 lines of 1 MiB with new keys and labels leave a few MiB', () => {
    const registry = createParserRegistry([nozomiParser], { fallback: false });
    const context = { ...TEST_CONTEXT, productArn: defaultProductArn(TEST_CONTEXT) };
    const folder = new URL('./fixtures/valid/', import.meta.url);
    const lines = readdirSync(folder)
      .filter((file) => file.endsWith('.log'))
      .map((file) => readFileSync(new URL(file, folder), 'utf8').trim());
    const padding = 'x'.repeat(1_000_000); // with the fixture line, just under CEF_MAX_RECORD_LENGTH
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      const line = `${lines[i % lines.length]} zzUniqueVendorKey${i}=value cs9Label=UniqueLabelNumber${i} cs9=v zzPadding=${padding}${i}`;
      const result = normalizeLine(line, registry, context, { strict: false });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    }
    collectGarbage();
    expect((process.memoryUsage().heapUsed - before) / 2 ** 20).toBeLessThan(8);
  });
});
