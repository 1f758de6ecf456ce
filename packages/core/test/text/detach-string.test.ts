import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createParserRegistry, defaultProductArn, detachString, normalizeLine } from '../../src/index.js';
import { TEST_CONTEXT } from '../../src/testing/test-context.js';

// A garbage collection on demand, to measure what the caches keep alive.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('detachString', () => {
  it('keeps the text', () => {
    for (const value of ['', 'src', 'deviceCustomString1Label', 'x'.repeat(5000), 'é\u{1F600}'.repeat(20)])
      expect(detachString(value)).toBe(value);
    const line = `${'a'.repeat(100)}uniqueVendorKeyName${'b'.repeat(100)}`;
    expect(detachString(line.slice(100, 119))).toBe('uniqueVendorKeyName');
  });

  it('lets caches keep no line alive: 40 lines of 1 MiB with new keys and labels leave a few MiB', () => {
    const registry = createParserRegistry([]);
    const context = { ...TEST_CONTEXT, productArn: defaultProductArn(TEST_CONTEXT) };
    const padding = 'x'.repeat(1_048_000);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      // New vendor keys, custom-slot keys, labels and a time zone name each time: every cache sees new entries.
      const line =
        `CEF:0|Acme|IDS|1|sig|Name|5|externalId=e${i} uniqueVendorKeyNumber${i}=v ` +
        `deviceCustomString${i + 1}Label=someLongLabelName${i} deviceCustomString${i + 1}=x ` +
        `rt=Jan 01 2024 00:00:00 Europe/Nowhere${i} msg=${padding}${i}`;
      expect(normalizeLine(line, registry, context, { strict: false }).outcome).toBe('finding');
    }
    collectGarbage();
    const retainedMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(retainedMiB).toBeLessThan(8);
  });
});
