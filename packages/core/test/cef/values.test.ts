import { isIPv4, isIPv6 } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitCefList } from '../../src/cef/split-cef-list.js';
import { parseCefInteger, parseIpList, parseMacList } from '../../src/index.js';

describe('parseIpList', () => {
  it('keeps valid IPv4 and IPv6 addresses from mixed lists', () => {
    expect(parseIpList('192.0.2.201,FE80::250:56FF:FE84:7289')).toEqual([
      '192.0.2.201',
      'FE80::250:56FF:FE84:7289',
    ]);
    expect(parseIpList("['198.51.100.4', None]")).toEqual(['198.51.100.4']);
    expect(parseIpList('192.0.2.1 203.0.113.7; 2001:db8::1')).toEqual([
      '192.0.2.1',
      '203.0.113.7',
      '2001:db8::1',
    ]);
  });
  it('drops junk and placeholders', () => {
    expect(parseIpList('None')).toEqual([]);
    expect(parseIpList('')).toEqual([]);
    expect(parseIpList('[]')).toEqual([]);
    expect(parseIpList('999.1.1.1,host.example.com,1.2.3')).toEqual([]);
  });
});

describe('parseIpList, one address or a list', () => {
  // Single addresses (taken without splitting) and everything around them: lists, wrappers, padding.
  const ipish = fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4().map((ip) => ` ${ip}`),
    fc.ipV4().map((ip) => `'${ip}'`),
    fc.tuple(fc.ipV4(), fc.ipV4()).map(([a, b]) => `${a},${b}`),
    fc.constantFrom('None', '', '0.0.0.0', '01.2.3.4', '1.2.3.4.', '[1.2.3.4]'),
    fc.string({ maxLength: 16 }),
  );
  test.prop([ipish])('gives what splitting and filtering give', (value) => {
    expect(parseIpList(value)).toEqual(splitCefList(value).filter((item) => isIPv4(item) || isIPv6(item)));
  });
});

describe('parseMacList, one address or a list', () => {
  const hex = fc.constantFrom(...'0123456789abcdefABCDEFg');
  const macish = fc.oneof(
    fc
      .array(fc.tuple(hex, hex), { minLength: 6, maxLength: 6 })
      .map((pairs) => pairs.map(([a, b]) => a + b).join(':')),
    fc.constantFrom('00:11:22:33:44:55', '00-11-22-33-44-55', 'aa:bb:cc:dd:ee:f', '0011.2233.4455', 'None'),
    fc.string({ maxLength: 18 }),
  );
  // A trailing separator adds no item, so it gives the list the split path gives for the value itself.
  test.prop([macish])('gives one address what splitting and normalising give', (value) => {
    expect(parseMacList(value)).toEqual(parseMacList(`${value},`));
  });
});

describe('parseMacList', () => {
  it('normalises separators and case', () => {
    expect(parseMacList('00:1D:9C:C0:04:9D')).toEqual(['00:1d:9c:c0:04:9d']);
    expect(parseMacList('00-50-56-B9-E2-AD,0050.56b9.e2ad 005056b9e2ad')).toEqual([
      '00:50:56:b9:e2:ad',
      '00:50:56:b9:e2:ad',
      '00:50:56:b9:e2:ad',
    ]);
    expect(parseMacList("['00:11:22:33:44:55', 'aa:bb:cc:dd:ee:ff']")).toEqual([
      '00:11:22:33:44:55',
      'aa:bb:cc:dd:ee:ff',
    ]);
  });
  it('skips invalid entries', () => {
    expect(parseMacList('[None]')).toEqual([]);
    expect(parseMacList('00:11:22:33:44,zz:11:22:33:44:55,00:11-22:33:44:55')).toEqual([]);
  });
});

describe('parseCefInteger', () => {
  it('reads decimal integers', () => {
    expect(parseCefInteger('443')).toBe(443);
    expect(parseCefInteger(' -5 ')).toBe(-5);
    expect(parseCefInteger('0')).toBe(0);
  });
  it('rejects everything else', () => {
    for (const value of ['', '1.5', '0x10', '1e3', '12a', '-', '99999999999999999', 'None']) {
      expect(parseCefInteger(value), value).toBeUndefined();
    }
  });
});
