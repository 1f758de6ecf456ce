import { describe, expect, it } from 'vitest';
import { detachString } from '../../src/index.js';
import { testCacheRetention } from '../../src/testing/index.js';

describe('detachString', () => {
  it('keeps the text', () => {
    // Property-name corner cases too: the copy is made through one (array index, `__proto__`, numbers).
    const corners = ['42', '4294967295', '01', '-0', '1e3', '__proto__', 'constructor', '\u0000', '\uD800'];
    for (const value of [
      '',
      'src',
      'deviceCustomString1Label',
      'x'.repeat(5000),
      'é\u{1F600}'.repeat(20),
      ...corners,
    ])
      expect(detachString(value)).toBe(value);
    const line = `${'a'.repeat(100)}uniqueVendorKeyName${'b'.repeat(100)}`;
    expect(detachString(line.slice(100, 119))).toBe('uniqueVendorKeyName');
  });
});

describe('core caches (generic CEF parser, custom slots, time zones, ProductFields templates)', () => {
  // New long custom-slot keys and labels and a new time zone name each time, beside the kit's own keys.
  testCacheRetention({
    parsers: [],
    baseLine: (index) =>
      `CEF:0|Acme|IDS|1|sig|Name|5|externalId=e${index} ` +
      `deviceCustomString${index + 1}Label=someLongLabelName${index} deviceCustomString${index + 1}=x ` +
      `rt=Jan 01 2024 00:00:00 Europe/Nowhere${index}`,
  });
});
