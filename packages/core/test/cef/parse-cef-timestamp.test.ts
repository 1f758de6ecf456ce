import { describe, expect, it } from 'vitest';
import { toRealUtcTime } from '../../src/cef/parse-cef-timestamp.js';
import { CEF_DIAGNOSTIC_CODES as C, parseCefTimestamp } from '../../src/index.js';

const reference = new Date('2024-01-10T12:00:00.000Z');

function iso(
  value: string,
  options: { reference?: Date; defaultTimeZone?: string } = {},
): string | undefined {
  const result = parseCefTimestamp(value, { reference, ...options });
  return result.ok ? result.date.toISOString() : undefined;
}

function codes(value: string, options: { defaultTimeZone?: string } = {}): string[] {
  return parseCefTimestamp(value, { reference, ...options }).diagnostics.map((d) => d.code);
}

describe('parseCefTimestamp', () => {
  it('reads epoch milliseconds and seconds', () => {
    expect(iso('1570723218425')).toBe('2019-10-10T16:00:18.425Z');
    expect(iso('1570723218')).toBe('2019-10-10T16:00:18.000Z');
    expect(iso('1570723218.5')).toBe('2019-10-10T16:00:18.500Z');
    expect(codes('1570723218425')).toEqual([]);
  });

  it('reads MMM dd yyyy HH:mm:ss[.SSS] with and without zone', () => {
    expect(iso('Sep 12 2018 15:31:29 UTC')).toBe('2018-09-12T15:31:29.000Z');
    expect(iso('Aug 14 2023 01:00:00.123 GMT')).toBe('2023-08-14T01:00:00.123Z');
    expect(iso('Aug 14 2023 01:00:00')).toBe('2023-08-14T01:00:00.000Z');
    expect(codes('Aug 14 2023 01:00:00')).toEqual([C.timestampDefaultZone]);
  });

  it('uses the configured default zone when the timestamp has none', () => {
    expect(iso('Aug 14 2023 01:00:00', { defaultTimeZone: 'Europe/Moscow' })).toBe(
      '2023-08-13T22:00:00.000Z',
    );
    expect(iso('Jan 14 2023 01:00:00', { defaultTimeZone: 'America/New_York' })).toBe(
      '2023-01-14T06:00:00.000Z',
    );
    expect(iso('Jul 14 2023 01:00:00', { defaultTimeZone: 'America/New_York' })).toBe(
      '2023-07-14T05:00:00.000Z',
    );
    expect(codes('Aug 14 2023 01:00:00', { defaultTimeZone: 'Not/AZone' })).toEqual([C.unknownTimeZone]);
  });

  it('resolves zone abbreviations, offsets and IANA names', () => {
    expect(iso('Aug 14 2023 01:00:00 EST')).toBe('2023-08-14T06:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 PDT')).toBe('2023-08-14T08:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 CEST')).toBe('2023-08-13T23:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 +0500')).toBe('2023-08-13T20:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 GMT+05:30')).toBe('2023-08-13T19:30:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 -03:00')).toBe('2023-08-14T04:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 Europe/Berlin')).toBe('2023-08-13T23:00:00.000Z');
    expect(iso('Aug 14 2023 01:00:00 Z')).toBe('2023-08-14T01:00:00.000Z');
    expect(codes('Aug 14 2023 01:00:00 XYZ')).toEqual([C.unknownTimeZone]);
  });

  it('infers a missing year: nearest before the reference, one day of skew allowed', () => {
    expect(iso('Jan 10 11:00:00 UTC')).toBe('2024-01-10T11:00:00.000Z');
    expect(iso('Jan 11 06:00:00 UTC')).toBe('2024-01-11T06:00:00.000Z'); // 18 h ahead: clock skew
    expect(iso('Jan 12 06:00:00 UTC')).toBe('2023-01-12T06:00:00.000Z'); // 42 h ahead: last year
    expect(iso('Dec 31 23:59:59 UTC')).toBe('2023-12-31T23:59:59.000Z'); // year roll-over
    expect(codes('Jan 10 11:00:00 UTC')).toEqual([C.timestampInferredYear]);
    expect(codes('Jan 10 11:00:00')).toEqual([C.timestampDefaultZone, C.timestampInferredYear]);
  });

  it('picks the latest leap year for Feb 29 without a year', () => {
    expect(iso('Feb 29 12:00:00 UTC', { reference: new Date('2027-06-01T00:00:00Z') })).toBe(
      '2024-02-29T12:00:00.000Z',
    );
  });

  it('accepts a space-padded day', () => {
    expect(iso('Jun  3 2023 10:00:00 UTC')).toBe('2023-06-03T10:00:00.000Z');
  });

  it('accepts ISO 8601 with a warning (Dragos, Claroty xDome send it)', () => {
    expect(iso('2024-10-24T22:36:18Z')).toBe('2024-10-24T22:36:18.000Z');
    expect(iso('2022-02-06T14:18:48.578951+00:00')).toBe('2022-02-06T14:18:48.578Z');
    expect(codes('2024-10-24T22:36:18Z')).toEqual([C.timestampIso8601]);
    expect(codes('2022-02-11 19:12:22')).toEqual([C.timestampIso8601, C.timestampDefaultZone]);
  });

  it('rejects impossible or foreign values without throwing', () => {
    for (const value of [
      '',
      '  ',
      'Feb 30 2023 10:00:00',
      'Aug 14 2023 25:00:00',
      'Foo 14 2023 01:00:00',
      'yesterday',
      '24 Aug 2020',
      'x'.repeat(10_000),
    ]) {
      const result = parseCefTimestamp(value, { reference });
      expect(result.ok, value).toBe(false);
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
    expect(parseCefTimestamp('Jan 10 11:00:00', { reference: new Date(Number.NaN) }).ok).toBe(false);
  });
});

describe('toRealUtcTime', () => {
  // The rule it replaced: Date.UTC, then the month and day read back from a Date.
  const readBack = (year: number, month: number, day: number): number | undefined => {
    const asUtc = Date.UTC(year, month, day, 1, 2, 3, 4);
    const check = new Date(asUtc);
    return check.getUTCMonth() === month && check.getUTCDate() === day ? asUtc : undefined;
  };
  it('gives what a Date read back gives, for every day of years 0-99 and around the leap rules', () => {
    const years = [
      ...Array.from({ length: 100 }, (_, year) => year),
      ...[1600, 1700, 1800, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999, 10000, -1, -4, -100],
    ];
    for (const year of years)
      for (let month = 0; month < 12; month++)
        for (let day = -1; day <= 32; day++)
          expect(toRealUtcTime(year, month, day, 1, 2, 3, 4)).toBe(readBack(year, month, day));
  });
});
