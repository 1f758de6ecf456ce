import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CefRecord } from '../../src/index.js';
import { formatCef, getCefExtension, tokenizeCef } from '../../src/index.js';

const keyArbitrary = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.,[\]]{0,20}$/);
// Header fields: anything but raw line breaks (CEF has no escape for them in the header).
const headerArbitrary = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
const special = fc.constantFrom('\\', '=', '|', ' ', '\n', '\r', 'CEF:0|', 'a=', ' b=', '\t', '\ufeff');
const valueArbitrary = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), special), { maxLength: 8 })
  .map((parts) => parts.join(''));

const recordArbitrary: fc.Arbitrary<CefRecord> = fc
  .record({
    version: fc.constantFrom(0, 1),
    deviceVendor: headerArbitrary,
    deviceProduct: headerArbitrary,
    deviceVersion: headerArbitrary,
    deviceEventClassId: headerArbitrary,
    name: headerArbitrary,
    severity: headerArbitrary,
    extensions: fc.array(fc.tuple(keyArbitrary, valueArbitrary), { maxLength: 12 }),
  })
  .map((r) => {
    // The last value's trailing spaces are not representable in CEF (the spec drops them).
    const extensions = r.extensions.map(
      ([k, v], i, all) => [k, i === all.length - 1 ? v.replace(/ +$/, '') : v] as const,
    );
    return { ...r, extensions };
  });

// Inputs biased towards CEF structure, so the scanner's interesting states are reached.
const cefishArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'CEF:0|',
        'CEF:1|',
        '|',
        '\\',
        '\\\\',
        '\\=',
        '\\|',
        '=',
        ' ',
        'a=',
        ' k=',
        'cs1Label=',
        '<14>1 ',
        'Oct 10 2019 ',
        '\ufeff',
        '\n',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const anyInput = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), cefishArbitrary);

describe('tokenizeCef properties', () => {
  test.prop([recordArbitrary], { numRuns: 300 })(
    'round trip: tokenizeCef(formatCef(r)) equals r (strict)',
    (r) => {
      const result = tokenizeCef(formatCef(r));
      if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
      expect(result.diagnostics).toEqual([]);
      const { extensions, ...header } = result.record;
      const { extensions: expectedExtensions, ...expectedHeader } = r;
      expect(header).toEqual(expectedHeader);
      expect(extensions.map(([k, v]) => [k, v])).toEqual(expectedExtensions.map(([k, v]) => [k, v]));
    },
  );

  test.prop([anyInput, fc.boolean()])('never throws; offsets stay in range', (input, strict) => {
    const result = tokenizeCef(input, { strict });
    for (const d of result.diagnostics) {
      expect(typeof d.code).toBe('string');
      if (d.offset !== undefined) {
        expect(d.offset).toBeGreaterThanOrEqual(0);
        expect(d.offset).toBeLessThanOrEqual(input.length);
      }
    }
    if (result.ok) {
      for (const [key, value] of result.record.extensions) {
        expect(typeof key).toBe('string');
        expect(typeof value).toBe('string');
        expect(getCefExtension(result.record, key)).toBe(
          result.record.extensions.findLast(([k]) => k === key)?.[1],
        );
      }
    }
    if (!result.ok || strict) expect(result.diagnostics.length).toBeGreaterThanOrEqual(result.ok ? 0 : 1);
  });

  test.prop([anyInput], { numRuns: 300 })(
    'strict success implies lenient success with the same record',
    (input) => {
      const strict = tokenizeCef(input);
      const lenient = tokenizeCef(input, { strict: false });
      if (!strict.ok) {
        // Strict failures are errors; lenient never reports more errors than strict.
        expect(strict.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        return;
      }
      expect(lenient.ok).toBe(true);
      if (lenient.ok) expect(JSON.stringify(lenient.record)).toBe(JSON.stringify(strict.record));
      expect(lenient.diagnostics).toEqual(strict.diagnostics);
    },
  );

  test.prop([anyInput])('lenient fails only when there is no CEF header', (input) => {
    const lenient = tokenizeCef(input, { strict: false });
    if (!lenient.ok) {
      expect(lenient.diagnostics.map((d) => d.code)).toEqual([
        expect.stringMatching(/^cef\/(missing-header|invalid-version|record-too-long)$/),
      ]);
    }
  });
});
