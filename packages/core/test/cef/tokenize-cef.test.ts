import { describe, expect, it } from 'vitest';
import {
  CEF_DIAGNOSTIC_CODES,
  CEF_MAX_EXTENSION_PAIRS,
  CEF_MAX_KEY_LENGTH,
  CEF_MAX_RECORD_LENGTH,
  createCefExtensionMap,
  getCefExtension,
  tokenizeCef,
} from '../../src/index.js';
import { codes, HEADER, pairs, record } from './helpers.js';

const C = CEF_DIAGNOSTIC_CODES;

describe('header', () => {
  it('reads the seven header fields', () => {
    const r = record('CEF:0|Dragos|Platform|1.8|notification|Test Message|4|');
    expect(r).toMatchObject({
      version: 0,
      deviceVendor: 'Dragos',
      deviceProduct: 'Platform',
      deviceVersion: '1.8',
      deviceEventClassId: 'notification',
      name: 'Test Message',
      severity: '4',
    });
    expect(r.extensions).toEqual([]);
    expect(r.prefix).toBeUndefined();
    expect('prefix' in r).toBe(false);
  });

  it('accepts all-empty header fields', () => {
    expect(record('CEF:0|||||||')).toMatchObject({ deviceVendor: '', severity: '', extensions: [] });
  });

  it('decodes \\| and \\\\ in header fields', () => {
    const r = record('CEF:0|security\\\\\\||threatmanager\\\\|a\\|b|d|e|f|');
    expect(r.deviceVendor).toBe('security\\|');
    expect(r.deviceProduct).toBe('threatmanager\\');
    expect(r.deviceVersion).toBe('a|b');
  });

  it('keeps = literally in the header', () => {
    expect(record('CEF:0|a=b|p|v|c|n|s|').deviceVendor).toBe('a=b');
  });

  it('keeps severity raw (words and numbers)', () => {
    expect(record('CEF:0|v|p|1|c|n|Very-High|').severity).toBe('Very-High');
    expect(record('CEF:0|v|p|1|c|n|10|').severity).toBe('10');
  });

  it('reports an unknown header escape (strict error, lenient keeps the backslash)', () => {
    const line = 'CEF:0|ve\\ndor|p|1|c|n|5|';
    const strict = tokenizeCef(line);
    expect(strict.ok).toBe(false);
    expect(codes(strict)).toEqual([C.invalidEscape]);
    expect(strict.diagnostics[0]).toMatchObject({ severity: 'error', offset: 8 });
    const lenient = tokenizeCef(line, { strict: false });
    expect(lenient.ok && lenient.record.deviceVendor).toBe('ve\\ndor');
    expect(lenient.diagnostics[0]?.severity).toBe('warning');
  });

  it('reports an incomplete header; lenient fills the missing fields', () => {
    const strict = tokenizeCef('CEF:0|Vendor|Product|1.0|100|Name|5');
    expect(strict.ok).toBe(false);
    expect(codes(strict)).toEqual([C.incompleteHeader]);
    const lenient = tokenizeCef('CEF:0|Vendor|Product', { strict: false });
    expect(lenient.ok).toBe(true);
    if (lenient.ok) {
      expect(lenient.record).toMatchObject({
        deviceVendor: 'Vendor',
        deviceProduct: 'Product',
        severity: '',
      });
    }
  });

  it('accepts CEF:1 and flags other versions', () => {
    expect(record('CEF:1|v|p|1|c|n|5|a=b').version).toBe(1);
    expect(codes(tokenizeCef('CEF:26|v|p|1|c|n|5|'))).toEqual([C.unsupportedVersion]);
    expect(tokenizeCef('CEF:26|v|p|1|c|n|5|', { strict: false }).ok).toBe(true);
  });

  it('fails without a header, with a non-integer version, and on empty input', () => {
    expect(codes(tokenizeCef(''))).toEqual([C.missingHeader]);
    expect(codes(tokenizeCef('   '))).toEqual([C.missingHeader]);
    expect(codes(tokenizeCef('hello world', { strict: false }))).toEqual([C.missingHeader]);
    expect(codes(tokenizeCef('CEF:0.5|v|p|1|c|n|5|', { strict: false }))).toEqual([C.invalidVersion]);
  });

  it('skips a BOM and junk before CEF:', () => {
    expect(record('\ufeffCEF:0|v|p|1|c|n|5|a=b').prefix).toBeUndefined();
    const junk = tokenizeCef('garbageCEF:1|v|p|1|c|n|5|a=b');
    expect(junk.ok && junk.record.prefix).toMatchObject({ format: 'unknown', raw: 'garbage' });
    expect(codes(junk)).toEqual([C.unrecognizedPrefix]);
    expect(junk.diagnostics[0]?.severity).toBe('warning');
  });

  it('uses the first CEF:<digits>| and ignores CEF: inside values', () => {
    const r = record('CEF:0|v|p|1|c|n|5|rawEvent=CEF:0|x|y|z|1|2|3| src=192.0.2.1');
    expect(r.extensions).toEqual([
      ['rawEvent', 'CEF:0|x|y|z|1|2|3|'],
      ['src', '192.0.2.1'],
    ]);
  });

  it('drops one trailing line terminator but flags raw line breaks inside', () => {
    expect(pairs(`${HEADER}a=b\r\n`)).toEqual([['a', 'b']]);
    // A raw LF is not a separator either, so the "=" after it is inside the value.
    expect(codes(tokenizeCef(`${HEADER}a=b\nc=d`))).toEqual([C.rawNewline, C.unescapedEquals]);
    expect(pairs(`${HEADER}a=b\nc=d`, { strict: false })).toEqual([['a', 'b\nc=d']]);
    expect(codes(tokenizeCef(`${HEADER}a=b\r c=d`))).toEqual([C.rawNewline]);
  });
});

describe('extension', () => {
  it('splits pairs on the last space before the next key=', () => {
    expect(pairs(`${HEADER}filePath=/user/username/dir/my file name.txt act=blocked`)).toEqual([
      ['filePath', '/user/username/dir/my file name.txt'],
      ['act', 'blocked'],
    ]);
  });

  it('keeps all but the last space before the next key; drops the last value trailing spaces', () => {
    expect(pairs(`${HEADER}a=x   b=y   `)).toEqual([
      ['a', 'x  '],
      ['b', 'y'],
    ]);
  });

  it('keeps a leading space inside a value and tolerates spaces before the first key', () => {
    expect(pairs(`${HEADER}   msg= Transformed value`)).toEqual([['msg', ' Transformed value']]);
  });

  it('yields empty values as empty strings, including at the end', () => {
    expect(pairs(`${HEADER}sntdom= shost= smac= cs1=`)).toEqual([
      ['sntdom', ''],
      ['shost', ''],
      ['smac', ''],
      ['cs1', ''],
    ]);
  });

  it('decodes \\= \\\\ \\n \\r left to right', () => {
    expect(pairs(`${HEADER}a=x\\=y b=C:\\\\dir c=l1\\nl2\\rl3 d=\\\\=`, { strict: false })).toEqual([
      ['a', 'x=y'],
      ['b', 'C:\\dir'],
      ['c', 'l1\nl2\rl3'],
      ['d', '\\='],
    ]);
    // \\= is an escaped backslash then an unescaped "=": strict reports it.
    expect(codes(tokenizeCef(`${HEADER}d=\\\\=`))).toEqual([C.unescapedEquals]);
  });

  it('does not treat \\t as an escape', () => {
    const result = tokenizeCef(`${HEADER}a=x\\ty`);
    expect(codes(result)).toEqual([C.invalidEscape]);
    expect(pairs(`${HEADER}a=x\\ty`, { strict: false })).toEqual([['a', 'x\\ty']]);
  });

  it('rejects \\| in the extension (strict) and keeps it (lenient)', () => {
    expect(codes(tokenizeCef(`${HEADER}a=x\\|y`))).toEqual([C.invalidEscape]);
    expect(pairs(`${HEADER}a=x\\|y`, { strict: false })).toEqual([['a', 'x\\|y']]);
  });

  it('reports a trailing lone backslash', () => {
    const result = tokenizeCef(`${HEADER}a=x\\`);
    expect(codes(result)).toEqual([C.trailingBackslash]);
    expect(result.diagnostics[0]?.offset).toBe(HEADER.length + 3);
    expect(pairs(`${HEADER}a=x\\`, { strict: false })).toEqual([['a', 'x\\']]);
  });

  it('allows unescaped pipes in values', () => {
    expect(pairs(`${HEADER}act=blocked a | dst=192.0.2.1`)).toEqual([
      ['act', 'blocked a |'],
      ['dst', '192.0.2.1'],
    ]);
  });

  it('reports an unescaped = inside a value; lenient keeps it and the rest of the record', () => {
    const line = `${HEADER}request=http://x/?a=b id=1`;
    const strict = tokenizeCef(line);
    expect(strict.ok).toBe(false);
    expect(codes(strict)).toEqual([C.unescapedEquals]);
    expect(strict.diagnostics[0]?.offset).toBe(line.indexOf('a=b') + 1);
    expect(pairs(line, { strict: false })).toEqual([
      ['request', 'http://x/?a=b'],
      ['id', '1'],
    ]);
  });

  it('accepts vendor key shapes', () => {
    expect(
      pairs(
        `${HEADER}cs22=x CtdSourceIp=192.0.2.1 device_ip_list=['192.0.2.2'] ad.field[0]=y ad.Error_,Code=z _cefVer=0.1`,
      ).map(([k]) => k),
    ).toEqual(['cs22', 'CtdSourceIp', 'device_ip_list', 'ad.field[0]', 'ad.Error_,Code', '_cefVer']);
  });

  it('accepts a dash in keys only leniently', () => {
    const line = `${HEADER}Some-Key=1 b=2`;
    expect(codes(tokenizeCef(line))).toEqual([C.invalidKeyCharacter]);
    expect(pairs(line, { strict: false })).toEqual([
      ['Some-Key', '1'],
      ['b', '2'],
    ]);
  });

  it('does not treat TAB as a separator', () => {
    expect(pairs(`${HEADER}a=x\tb`)).toEqual([['a', 'x\tb']]);
    expect(codes(tokenizeCef(`${HEADER}a=x\tb=1`))).toEqual([C.unescapedEquals]);
  });

  it('reports text before the first key', () => {
    expect(codes(tokenizeCef(`${HEADER}hello world a=1`))).toEqual([C.unexpectedText]);
    expect(pairs(`${HEADER}hello world a=1`, { strict: false })).toEqual([['a', '1']]);
    expect(codes(tokenizeCef(`${HEADER}no pairs here`))).toEqual([C.unexpectedText]);
    expect(codes(tokenizeCef(`${HEADER}=x`))).toEqual([C.unescapedEquals, C.unexpectedText]);
  });

  it('preserves duplicates in order; lookups take the last', () => {
    const r = record(`${HEADER}a=1 b=2 a=3`);
    expect(r.extensions).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
    expect(getCefExtension(r, 'a')).toBe('3');
    expect(getCefExtension(r, 'zz')).toBeUndefined();
    expect([...createCefExtensionMap(r)]).toEqual([
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('treats __proto__ as an ordinary key', () => {
    const r = record(`${HEADER}__proto__=x constructor=y`);
    expect(getCefExtension(r, '__proto__')).toBe('x');
    expect(createCefExtensionMap(r).get('constructor')).toBe('y');
  });

  it('getCefExtension agrees on plain records', () => {
    const plain = { ...record(`${HEADER}a=1 a=2`) };
    expect(getCefExtension(plain, 'a')).toBe('2');
  });
});

describe('limits', () => {
  it('rejects records longer than CEF_MAX_RECORD_LENGTH before scanning', () => {
    const result = tokenizeCef(`${HEADER}a=${'x'.repeat(CEF_MAX_RECORD_LENGTH)}`, { strict: false });
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual([C.recordTooLong]);
  });

  it('drops pairs beyond CEF_MAX_EXTENSION_PAIRS', () => {
    const line =
      HEADER + Array.from({ length: CEF_MAX_EXTENSION_PAIRS + 5 }, (_, i) => `k${i}=${i}`).join(' ');
    expect(codes(tokenizeCef(line))).toEqual([C.tooManyExtensions]);
    const lenient = record(line, { strict: false });
    expect(lenient.extensions).toHaveLength(CEF_MAX_EXTENSION_PAIRS);
    expect(lenient.extensions.at(-1)).toEqual([
      `k${CEF_MAX_EXTENSION_PAIRS - 1}`,
      String(CEF_MAX_EXTENSION_PAIRS - 1),
    ]);
    const exact = HEADER + Array.from({ length: CEF_MAX_EXTENSION_PAIRS }, (_, i) => `k${i}=${i}`).join(' ');
    expect(tokenizeCef(exact).ok).toBe(true);
  });

  it('reports keys longer than CEF_MAX_KEY_LENGTH', () => {
    expect(codes(tokenizeCef(`${HEADER}${'k'.repeat(CEF_MAX_KEY_LENGTH + 1)}=1`))).toEqual([C.keyTooLong]);
    expect(tokenizeCef(`${HEADER}${'k'.repeat(CEF_MAX_KEY_LENGTH)}=1`).ok).toBe(true);
  });

  it('caps the number of diagnostics', () => {
    const result = tokenizeCef(`${HEADER}a=${'\\x'.repeat(1000)}`);
    expect(result.diagnostics.length).toBeLessThanOrEqual(65);
    expect(codes(result).at(-1)).toBe(C.tooManyDiagnostics);
  });
});

describe('records', () => {
  it('keep working when deep-frozen and compare like plain objects', () => {
    const r = record(`<14>1 2023-08-15T01:00:00Z Site app - - - ${HEADER}a=x\\=1 b=2`);
    const freeze = (value: unknown): void => {
      if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
      Object.freeze(value);
      for (const child of Object.values(value)) freeze(child);
    };
    freeze(r);
    expect(getCefExtension(r, 'a')).toBe('x=1');
    expect(r.extensions).toEqual([
      ['a', 'x=1'],
      ['b', '2'],
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual({
      version: 0,
      deviceVendor: 'Vendor',
      deviceProduct: 'Product',
      deviceVersion: '1.0',
      deviceEventClassId: '100',
      name: 'Name',
      severity: '5',
      extensions: [
        ['a', 'x=1'],
        ['b', '2'],
      ],
      prefix: expect.objectContaining({ format: 'rfc5424', hostname: 'Site' }),
    });
  });

  it('carry decodeLine diagnostics on', () => {
    const decoded = {
      text: `${HEADER}a=\ufffd`,
      diagnostics: [{ code: C.invalidUtf8, severity: 'error' as const, message: 'x', offset: 38 }],
    };
    expect(tokenizeCef(decoded).ok).toBe(false);
    const lenient = tokenizeCef(decoded, { strict: false });
    expect(lenient.ok).toBe(true);
    expect(lenient.diagnostics).toMatchObject([{ code: C.invalidUtf8, severity: 'warning', offset: 38 }]);
  });
});

describe('cut header recovery (lenient)', () => {
  it('recovers pairs that start inside the unterminated field', () => {
    const line = 'CEF:0|Vendor|Product|1.0|100|Name with spaces src=192.0.2.1 dst=198.51.100.2';
    expect(codes(tokenizeCef(line))).toEqual([C.incompleteHeader]);
    const lenient = record(line, { strict: false });
    expect(lenient).toMatchObject({ deviceEventClassId: '100', name: 'Name with spaces', severity: '' });
    expect(lenient.extensions).toEqual([
      ['src', '192.0.2.1'],
      ['dst', '198.51.100.2'],
    ]);
  });

  it('keeps the field when no pair starts in it', () => {
    const lenient = record('CEF:0|Vendor|Product|1.0|100|a?b=c', { strict: false });
    expect(lenient).toMatchObject({ name: 'a?b=c', extensions: [] });
  });
});
