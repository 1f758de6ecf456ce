import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  parseCefFormByPattern,
  scanCefDateTime,
  scanYearlessDateTime,
} from '../../src/cef/parse-cef-timestamp.js';
import { CEF_DIAGNOSTIC_CODES as C, parseCefTimestamp } from '../../src/index.js';

const reference = new Date('2024-01-10T12:00:00.000Z');

/** `MMM dd yyyy HH:mm:ss` as vendors send it, unchanged or with one part just outside its rule. */
const at = (start: number, text: string) => (value: string) =>
  value.slice(0, start) + text + value.slice(start + text.length);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const cefLike = fc
  .tuple(
    fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom<(value: string) => string>(
      (value) => value,
      (value) => `${value}.5`,
      (value) => `${value}.123456789`,
      (value) => `${value}.1234567890`,
      (value) => `${value}.`,
      (value) => `${value} UTC`,
      (value) => `${value} +05:00`,
      (value) => value.toLowerCase(),
      (value) => value.replace(/ 0(\d) /, '  $1 '),
      (value) => value.slice(0, 7) + value.slice(12),
      // The syslog form: no year, a space-padded day, a fraction, a zone.
      (value) => (value.slice(0, 7) + value.slice(12)).replace(/^(\w{3}) 0(\d) /, '$1  $2 '),
      (value) => `${value.slice(0, 7) + value.slice(12)}.123`,
      (value) => `${value.slice(0, 7) + value.slice(12)}.1234567890`,
      (value) => `${value.slice(0, 7) + value.slice(12)} UTC`,
      (value) => (value.slice(0, 7) + value.slice(12)).replace(/^(\w{3}) (\d\d) /, '$1 $2  '),
      at(4, '00'),
      at(4, '31'),
      at(4, '32'),
      at(4, '30'),
      at(12, '24'),
      at(15, '60'),
      at(18, '60'),
      at(0, 'Foo'),
      at(19, 'x'),
    ),
  )
  .map(([date, change]) => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const text = `${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(date.getUTCFullYear(), 4)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
    return change(text);
  });

describe('scanCefDateTime and scanYearlessDateTime (the CEF-form fast paths of parseCefTimestamp)', () => {
  propTest.prop([cefLike, fc.constantFrom(undefined, 'UTC', '+02:00', 'EST', 'Europe/Berlin', 'Not/AZone')], {
    numRuns: 3000,
  })('gives the pattern path’s answer and diagnostics whenever it reads a value', (text, defaultTimeZone) => {
    const options = defaultTimeZone === undefined ? { reference } : { reference, defaultTimeZone };
    const bySlowPath = parseCefFormByPattern(text, options);
    const result = parseCefTimestamp(text, options);
    // What the scanner reads is a real date and time: with a known zone the pattern path accepts it too.
    if (
      (scanCefDateTime(text) !== undefined || scanYearlessDateTime(text) !== undefined) &&
      defaultTimeZone !== 'Not/AZone'
    )
      expect(bySlowPath.ok).toBe(true);
    expect(result.ok).toBe(bySlowPath.ok);
    if (result.ok && bySlowPath.ok) expect(result.date.getTime()).toBe(bySlowPath.date.getTime());
    expect(result.diagnostics).toEqual(bySlowPath.diagnostics);
  });

  it('reads the syslog form (no year, no zone) and leaves the rest to the pattern path', () => {
    expect(scanYearlessDateTime('Sep 12 15:18:01')).toEqual({
      month: 8,
      day: 12,
      hour: 15,
      minute: 18,
      second: 1,
      millisecond: 0,
    });
    expect(scanYearlessDateTime('Jun  3 10:00:00.25')?.day).toBe(3);
    expect(scanYearlessDateTime('Jun  3 10:00:00.25')?.millisecond).toBe(250);
    for (const declined of ['Sep 12 2018 15:18:01', 'Jun 3 10:00:00', 'Jun  0 10:00:00', 'sep 12 15:18:01'])
      expect(scanYearlessDateTime(declined)).toBeUndefined();
    const result = parseCefTimestamp('Jan  9 23:00:00', { reference, defaultTimeZone: '+02:00' });
    expect(result.ok && result.date.toISOString()).toBe('2024-01-09T21:00:00.000Z');
    expect(result.diagnostics.map((d) => d.code)).toEqual([C.timestampDefaultZone, C.timestampInferredYear]);
  });

  it('reads the zone-less form with a year and leaves the rest to the pattern path', () => {
    expect(scanCefDateTime('Sep 12 2018 15:18:01')).toBe(Date.parse('2018-09-12T15:18:01Z'));
    expect(scanCefDateTime('Sep 12 2018 15:18:01.25')).toBe(Date.parse('2018-09-12T15:18:01.250Z'));
    for (const declined of [
      'Sep 12 15:18:01',
      'Jun  3 2023 10:00:00',
      'Feb 30 2023 10:00:00',
      'sep 12 2018 15:18:01',
    ])
      expect(scanCefDateTime(declined)).toBeUndefined();
    const result = parseCefTimestamp('Sep 12 2018 15:18:01', { reference, defaultTimeZone: '+02:00' });
    expect(result.ok && result.date.toISOString()).toBe('2018-09-12T13:18:01.000Z');
    expect(result.diagnostics.map((d) => d.code)).toEqual([C.timestampDefaultZone]);
  });
});
