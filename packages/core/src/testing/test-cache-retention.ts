import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { CEF_MAX_RECORD_LENGTH } from '../cef/cef-limits.js';
import { createParserRegistry, type RegisteredParser } from '../parser/create-parser-registry.js';
import { type NormalizeLineOptions, normalizeLine } from '../parser/normalize-line.js';
import { TEST_CONTEXT } from './test-context.js';

/** Options for `testCacheRetention`. */
export interface TestCacheRetentionOptions {
  /** Registered as given; lines no parser claims go to the generic CEF parser. */
  readonly parsers: readonly RegisteredParser[];
  /** The line each record starts from (a fixture line, say); the test appends new keys and padding to it. */
  readonly baseLine: (index: number) => string;
  readonly normalizeOptions?: NormalizeLineOptions;
}

const RECORDS = 40;
/** What may stay behind after the records: caches of short strings, never the lines themselves. */
const MAX_RETAINED_MIB = 8;

/**
 * Registers a vitest test that a parser's caches keep no input line alive: 40 lines of nearly 1 MiB, each
 * with a new vendor key, a new custom label and padding, must leave less than 8 MiB behind after a garbage
 * collection (a cache that keeps a key sliced from a line keeps the whole line; see `detachString`).
 */
export function testCacheRetention(options: TestCacheRetentionOptions): void {
  it(`keeps no line alive: ${RECORDS} lines of about 1 MiB with new keys and labels leave under ${MAX_RETAINED_MIB} MiB`, () => {
    // A garbage collection on demand, to measure what the caches keep alive.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const registry = createParserRegistry(options.parsers);
    const context = { ...TEST_CONTEXT, productArn: defaultProductArn(TEST_CONTEXT) };
    const normalizeOptions = options.normalizeOptions ?? { strict: false };
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < RECORDS; index++) {
      const head =
        `${options.baseLine(index)} zzUniqueVendorKey${index}=value ` +
        `cs9Label=UniqueLabelNumber${index} cs9=v zzPadding=`;
      // Padding up to just under the record limit, so every line is tokenized and normalised.
      const line = head + 'x'.repeat(CEF_MAX_RECORD_LENGTH - head.length - 64) + index;
      const result = normalizeLine(line, registry, context, normalizeOptions);
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    }
    collectGarbage();
    expect((process.memoryUsage().heapUsed - before) / 2 ** 20).toBeLessThan(MAX_RETAINED_MIB);
  });
}
