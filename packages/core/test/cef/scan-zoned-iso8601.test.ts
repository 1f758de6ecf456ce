import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseIso8601ByPattern, scanZonedIso8601 } from '../../src/cef/parse-cef-timestamp.js';
import { CEF_DIAGNOSTIC_CODES as C, parseCefTimestamp } from '../../src/index.js';

const reference = new Date('2024-01-10T12:00:00.000Z');

/** ISO-8601-shaped text: the usual parts, each sometimes replaced by something just outside its rule. */
const digits = (count: number) => fc.stringMatching(new RegExp(`^\\d{${count}}$`));
const isoLike = fc
  .tuple(
    digits(4),
    fc.constantFrom('-', '/'),
    fc.oneof(digits(2), fc.constantFrom('00', '12', '13', '02')),
    fc.oneof(digits(2), fc.constantFrom('00', '29', '30', '31', '32')),
    fc.constantFrom('T', ' ', 't'),
    fc.oneof(digits(2), fc.constantFrom('23', '24')),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    fc.oneof(
      fc.constant(''),
      fc.oneof(digits(2), fc.constantFrom('59', '60')).map((s) => `:${s}`),
    ),
    fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 11 }).chain((n) => fc.stringMatching(new RegExp(`^[.,]\\d{${n}}$`))),
    ),
    fc.oneof(
      fc.constantFrom('', 'Z', 'z', 'ZZ', '+', '+1', '+18', '+19', '-18:00', '+18:30', '+05:60'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          digits(2),
          fc.constantFrom('', ':', '::'),
          fc.constantFrom('', '00', '30', '5'),
        )
        .map((parts) => parts.join('')),
    ),
  )
  .map(
    ([year, dash, month, day, t, hour, minute, second, fraction, zone]) =>
      `${year}${dash}${month}${dash}${day}${t}${hour}:${minute}${second}${fraction}${zone}`,
  );

describe('scanZonedIso8601 (the ISO 8601 fast path of parseCefTimestamp)', () => {
  propTest.prop([isoLike], { numRuns: 5000 })(
    'gives the pattern path’s instant whenever it answers, and answers for every zoned value that path accepts',
    (text) => {
      const fast = scanZonedIso8601(text);
      const slow = parseIso8601ByPattern(text, { reference });
      if (fast !== undefined) {
        expect(slow?.ok).toBe(true);
        expect(slow?.ok && slow.date.getTime()).toBe(fast);
      } else if (slow?.ok && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-].*)$/.test(text)) {
        // Anything the fast path leaves to the pattern is a form it does not read, not a zoned T-form value.
        expect.unreachable(`the fast path declined ${text}`);
      }
    },
  );

  it('reads the forms the vendors send and leaves the rest to the pattern path', () => {
    expect(scanZonedIso8601('2024-10-24T22:36:18Z')).toBe(Date.parse('2024-10-24T22:36:18Z'));
    expect(scanZonedIso8601('2022-02-06T14:18:48.578951+00:00')).toBe(Date.parse('2022-02-06T14:18:48.578Z'));
    expect(scanZonedIso8601('2024-01-01T00:30:00.5-0130')).toBe(Date.parse('2024-01-01T02:00:00.500Z'));
    expect(scanZonedIso8601('2024-01-01T00:30:00+05')).toBe(Date.parse('2023-12-31T19:30:00Z'));
    for (const declined of [
      '2024-10-24T22:36:18', // no zone: the default zone applies
      '2024-10-24 22:36:18Z', // space separator
      '2024-10-24T22:36Z', // no seconds
      '2023-02-29T00:00:00Z', // not a real date
      '2024-01-01T00:00:00+19:00', // not a real offset
      '2024-01-01T00:00:00.Z',
    ])
      expect(scanZonedIso8601(declined)).toBeUndefined();
  });

  it('keeps parseCefTimestamp’s answers and diagnostics for ISO values', () => {
    const fast = parseCefTimestamp('2024-10-24T22:36:18Z', { reference });
    expect(fast.ok && fast.date.toISOString()).toBe('2024-10-24T22:36:18.000Z');
    expect(fast.diagnostics.map((d) => d.code)).toEqual([C.timestampIso8601]);
    const invalid = parseCefTimestamp('2023-02-29T00:00:00Z', { reference });
    expect(invalid.ok).toBe(false);
    expect(invalid.diagnostics.map((d) => d.code)).toEqual([C.timestampIso8601, C.invalidTimestamp]);
  });
});
