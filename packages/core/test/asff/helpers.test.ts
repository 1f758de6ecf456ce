import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ASFF_LIMITS } from '../../src/asff/asff-limits.js';
import { createFindingId, encodeIdSegment } from '../../src/asff/create-finding-id.js';
import { defaultProductArn } from '../../src/asff/default-product-arn.js';
import { toAsffNetwork } from '../../src/asff/to-asff-network.js';
import {
  toAsffSeverity,
  toAsffSeverityLabel,
  withFindingProviderFields,
} from '../../src/asff/to-asff-severity.js';
import { parseAsffTimestamp, toAsffTimestamp } from '../../src/asff/to-asff-timestamp.js';
import { toFindingType } from '../../src/asff/to-finding-type.js';
import { toOtAssetResource } from '../../src/asff/to-ot-asset-resource.js';
import {
  toProductFields,
  toProductFieldsFromList,
  toProductFieldsFromLists,
} from '../../src/asff/to-product-fields.js';
import { truncateUtf16 } from '../../src/asff/truncate-utf16.js';
import { validateFinding } from '../../src/asff/validate-finding.js';
import { typicalFinding } from './finding-fixture.js';

const codePoints = (value: string) => [...value].length;
const hasLoneSurrogate = (value: string) => /\p{Cs}/u.test(value);

describe('truncateUtf16', () => {
  it('leaves short values alone and marks a cut with an ellipsis inside the limit', () => {
    expect(truncateUtf16('abc', 3)).toEqual({ value: 'abc', truncated: false });
    expect(truncateUtf16('abcdef', 4)).toEqual({ value: 'abc…', truncated: true });
    expect(truncateUtf16('abcdef', 1)).toEqual({ value: '…', truncated: true });
    expect(truncateUtf16('abcdef', 0)).toEqual({ value: '', truncated: true });
    expect(truncateUtf16('abcdef', Number.NaN)).toEqual({ value: '', truncated: true });
    expect(truncateUtf16('abcdef', Number.POSITIVE_INFINITY)).toEqual({ value: 'abcdef', truncated: false });
    expect(truncateUtf16('abcdef', 3, { marker: ' [cut]' })).toEqual({ value: 'abc', truncated: true });
  });

  it('never splits a surrogate pair', () => {
    expect(truncateUtf16('a😀b', 3)).toEqual({ value: 'a…', truncated: true });
    expect(truncateUtf16('😀😀', 3)).toEqual({ value: '😀…', truncated: true });
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 0, max: 300 })])(
    'never exceeds the limit, counted in UTF-16 units or code points, and never creates a lone surrogate',
    (value, limit) => {
      const result = truncateUtf16(value, limit);
      expect(result.value.length).toBeLessThanOrEqual(limit);
      expect(codePoints(result.value)).toBeLessThanOrEqual(limit);
      expect(result.truncated).toBe(value.length > limit);
      if (!hasLoneSurrogate(value)) expect(hasLoneSurrogate(result.value)).toBe(false);
      if (result.truncated && limit > 0) expect(value.startsWith(result.value.slice(0, -1))).toBe(true);
      if (!result.truncated) expect(result.value).toBe(value);
    },
  );
});

describe('toAsffSeverity', () => {
  it.each([
    [0, 'INFORMATIONAL'],
    [1, 'LOW'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [69, 'MEDIUM'],
    [70, 'HIGH'],
    [89, 'HIGH'],
    [90, 'CRITICAL'],
    [100, 'CRITICAL'],
    [250, 'CRITICAL'],
    [-3, 'INFORMATIONAL'],
    [Number.NaN, 'INFORMATIONAL'],
  ])('maps %d to %s (the service bands)', (score, label) => {
    expect(toAsffSeverityLabel(score)).toBe(label);
  });

  it('keeps the vendor value as Original and falls back to the score when it is blank', () => {
    expect(toAsffSeverity({ normalized: 72.4, original: 'Critical' })).toEqual({
      Label: 'HIGH',
      Normalized: 72,
      Original: 'Critical',
    });
    expect(toAsffSeverity({ normalized: 40, original: '  ' })).toEqual({
      Label: 'MEDIUM',
      Normalized: 40,
      Original: '40',
    });
    expect(toAsffSeverity({ normalized: 1, original: 'x'.repeat(100) }).Original).toHaveLength(64);
  });

  it('mirrors Severity, Types, Confidence and Criticality into FindingProviderFields without mutating', () => {
    const finding = {
      ...typicalFinding(),
      FindingProviderFields: undefined,
      Confidence: 80,
      Criticality: 60,
    };
    const mirrored = withFindingProviderFields(finding);
    expect(mirrored.FindingProviderFields).toEqual({
      Severity: { Label: 'HIGH', Original: '8' },
      Types: ['Unusual Behaviors/Network Flow'],
      Confidence: 80,
      Criticality: 60,
    });
    expect(finding.FindingProviderFields).toBeUndefined();
    expect(validateFinding(mirrored)).toEqual({ valid: true });
  });
});

describe('timestamps', () => {
  it('formats Dates in the service form and refuses invalid ones', () => {
    expect(toAsffTimestamp(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
    expect(() => toAsffTimestamp(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toAsffTimestamp(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });

  it.each([
    ['2026-01-01T01:02:03Z', '2026-01-01T01:02:03.000Z'],
    ['2026-01-01t01:02:03.123456789z', '2026-01-01T01:02:03.123Z'],
    ['2026-01-01 01:02:03', '2026-01-01T01:02:03.000Z'],
    ['2026-01-01 01:02:03,5 +0100', '2026-01-01T00:02:03.500Z'],
    ['2026-01-01T01:02:03-05', '2026-01-01T06:02:03.000Z'],
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.000Z'],
    ['1767225600', '2026-01-01T00:00:00.000Z'],
    ['1767225600123', '2026-01-01T00:00:00.123Z'],
    ['1767225600123456', '2026-01-01T00:00:00.123Z'],
    ['1767225600123456789', '2026-01-01T00:00:00.123Z'],
    ['Thu, 01 Jan 2026 00:00:00 GMT', '2026-01-01T00:00:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(parseAsffTimestamp(input)).toEqual({ ok: true, timestamp: expected, date: new Date(expected) });
  });

  it('applies a default offset to zone-less values only', () => {
    expect(parseAsffTimestamp('2026-01-01 02:00:00', { defaultOffset: '+02:00' })).toMatchObject({
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    expect(parseAsffTimestamp('2026-01-01 02:00:00Z', { defaultOffset: '+02:00' })).toMatchObject({
      timestamp: '2026-01-01T02:00:00.000Z',
    });
  });

  it.each([
    '',
    'yesterday',
    '2026-02-30T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:00+19:00',
    '9'.repeat(25),
  ])('rejects %s without throwing', (input) => {
    expect(parseAsffTimestamp(input).ok).toBe(false);
  });

  const timestampPattern =
    /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d|23:59:60)(?:\.\d{1,9})?(?:Z|[+-](?:(?:0\d|1[0-7])(?::?[0-5]\d)?|18(?::?00)?))$/;
  test.prop([
    fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
  ])('every representable Date formats to the service pattern and parses back to itself', (date) => {
    const timestamp = toAsffTimestamp(date);
    expect(timestamp).toMatch(timestampPattern);
    expect(parseAsffTimestamp(timestamp)).toEqual({ ok: true, timestamp, date });
  });

  const representable = fc.date({
    min: new Date('0000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  });
  // Up to 24 times over ±10 days, each day formatted before or not.
  test.prop([
    representable,
    fc.array(fc.integer({ min: -864_000_000, max: 864_000_000 }), { maxLength: 24 }),
  ])(
    'formats exactly as toISOString, also for times on days formatted before (cached date parts)',
    (date, offsets) => {
      expect(toAsffTimestamp(date)).toBe(date.toISOString());
      for (const offset of offsets) {
        const near = new Date(date.getTime() + offset);
        if (near.getUTCFullYear() < 0 || near.getUTCFullYear() > 9999) continue;
        expect(toAsffTimestamp(near)).toBe(near.toISOString());
      }
    },
  );

  it('formats as toISOString across more days than its date-part cache holds', () => {
    for (let round = 0; round < 2; round++) {
      for (let day = 0; day < 600; day++) {
        const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + day * 1_001);
        expect(toAsffTimestamp(date)).toBe(date.toISOString());
      }
    }
  });

  test.prop([fc.oneof(fc.string(), fc.double(), fc.date())])('parseAsffTimestamp never throws', (value) => {
    const result = parseAsffTimestamp(value);
    if (result.ok) expect(result.timestamp).toMatch(timestampPattern);
  });
});

describe('createFindingId', () => {
  it('is namespaced by vendor and sensor and uses the vendor event id', () => {
    expect(createFindingId({ vendor: 'dragos', sensor: 'site-a', eventId: '4711' })).toBe(
      'otbridge/dragos/site-a/event/4711',
    );
    expect(createFindingId({ vendor: 'dragos', sensor: 'site-b', eventId: '4711' })).not.toBe(
      createFindingId({ vendor: 'dragos', sensor: 'site-a', eventId: '4711' }),
    );
  });

  it('hashes the content when the vendor gives no id', () => {
    const id = createFindingId({ vendor: 'nozomi', sensor: 'g1', content: 'CEF:0|...' });
    expect(id).toMatch(/^otbridge\/nozomi\/g1\/content\/[0-9a-f]{64}$/);
    expect(createFindingId({ vendor: 'nozomi', sensor: 'g1', eventId: ' ', content: 'CEF:0|...' })).toBe(id);
  });

  // The escaping rule as first written: every `%`, `/`, white space and control character as `%XXXX`.
  const escapeByPattern = (segment: string) =>
    segment.replace(
      /[%/\s\p{Cc}]/gu,
      (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
  const segmentUnit = fc.oneof(
    fc.constantFrom('%', '/', ' ', '\t', '\n', '\u0085', '\u00a0', '\u1680', '\u2007', '\u200b', '\u2028'),
    fc.constantFrom('\u202f', '\u205f', '\u3000', '\ufeff', '\u007f', '\u009f', '\u180e', '\ud83d', '\ude00'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  );
  test.prop([fc.string({ unit: segmentUnit, maxLength: 24 })])(
    'escapes id segments as the original pattern did',
    (segment) => {
      fc.pre(segment !== '' && segment !== '-');
      expect(encodeIdSegment(segment)).toBe(escapeByPattern(segment));
    },
  );

  it('escapes separators so different inputs never collide', () => {
    expect(createFindingId({ vendor: 'a/b', sensor: 'c', eventId: '1' })).not.toBe(
      createFindingId({ vendor: 'a', sensor: 'b/c', eventId: '1' }),
    );
    expect(createFindingId({ vendor: '', sensor: '-', eventId: '1' })).not.toBe(
      createFindingId({ vendor: '-', sensor: '', eventId: '1' }),
    );
  });

  const idInput = fc.record(
    {
      vendor: fc.string(),
      sensor: fc.string(),
      eventId: fc.string({ maxLength: 700 }),
      content: fc.string(),
    },
    { requiredKeys: ['vendor', 'sensor'] },
  );
  test.prop([idInput])('is deterministic, at most 512 units and a valid finding Id', (input) => {
    const id = createFindingId(input);
    expect(createFindingId({ ...input })).toBe(id);
    expect(id.length).toBeLessThanOrEqual(ASFF_LIMITS.ID);
    expect(validateFinding({ ...typicalFinding(), Id: id })).toEqual({ valid: true });
  });

  test.prop([idInput, idInput])('distinct event ids give distinct Ids', (a, b) => {
    fc.pre(
      a.eventId !== undefined &&
        b.eventId !== undefined &&
        a.eventId.trim() !== '' &&
        b.eventId.trim() !== '',
    );
    const same = a.vendor === b.vendor && a.sensor === b.sensor && a.eventId === b.eventId;
    expect(createFindingId(a) === createFindingId(b)).toBe(same);
  });
});

describe('defaultProductArn', () => {
  it.each([
    ['aws', 'eu-central-1', 'arn:aws:securityhub:eu-central-1:111122223333:product/111122223333/default'],
    ['aws-cn', 'cn-north-1', 'arn:aws-cn:securityhub:cn-north-1:111122223333:product/111122223333/default'],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default',
    ],
  ] as const)(
    'builds the %s default product ARN, which the schema accepts',
    (partition, region, expected) => {
      const arn = defaultProductArn({ partition, region, awsAccountId: '111122223333' });
      expect(arn).toBe(expected);
      expect(validateFinding({ ...typicalFinding(), ProductArn: arn })).toEqual({ valid: true });
    },
  );
});

describe('toOtAssetResource and toAsffNetwork', () => {
  it('counts two long detail keys cut to the same key once against the 50 pairs', () => {
    const details: Record<string, string> = { ['a'.repeat(200)]: 'first', ['a'.repeat(150)]: 'second' };
    for (let index = 0; index < 49; index++) details[`k${index}`] = 'v';
    const other = toOtAssetResource({ details }).Details?.Other ?? {};
    expect(Object.keys(other)).toHaveLength(50);
    expect(other.k48).toBe('v');
    expect(other[`${'a'.repeat(126)}…`]).toBe('second');
  });

  it('maps an asset to an Other resource with Details.Other', () => {
    expect(
      toOtAssetResource({
        id: 'PLC-7',
        ips: ['192.0.2.20', ' '],
        macs: ['02:00:00:25:15:87'],
        zone: 'Level1',
        type: 'PLC',
        vendor: 'dragos',
        site: 'site a',
        role: 'target',
        details: { firmware: '2.1', zone: 'ignored duplicate' },
      }),
    ).toEqual({
      Type: 'Other',
      Id: 'ot-asset/dragos/site%0020a/PLC-7',
      ResourceRole: 'target',
      Details: {
        Other: {
          id: 'PLC-7',
          ip: '192.0.2.20',
          mac: '02:00:00:25:15:87',
          zone: 'Level1',
          type: 'PLC',
          vendor: 'dragos',
          site: 'site a',
          firmware: '2.1',
        },
      },
    });
  });

  it('keeps __proto__, constructor and toString in asset details as plain keys', () => {
    const details = Object.fromEntries([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['toString', 't'],
    ]) as Record<string, string>;
    const other = toOtAssetResource({ id: 'a', details }).Details?.Other ?? {};
    expect(Object.keys(other)).toEqual(['id', '__proto__', 'constructor', 'toString']);
    expect(JSON.stringify(other)).toBe('{"id":"a","__proto__":"p","constructor":"c","toString":"t"}');
    expect(Object.getPrototypeOf(other)).toBe(Object.prototype);
  });

  // The standard Details.Other keys, written plainly: present when non-blank, cut to 1023 units.
  const detailValue = fc.oneof(
    fc.constantFrom(undefined, '', ' ', '\u00a0', '\u00a0x', ' x ', 'x', '\u{1F600}'),
    fc.string({ maxLength: 8 }),
    fc.string({ minLength: 1020, maxLength: 1030 }),
  );
  test.prop([
    fc.record({
      id: detailValue,
      name: detailValue,
      zone: detailValue,
      type: detailValue,
      vendor: detailValue,
      site: detailValue,
      ips: fc.array(fc.constantFrom('192.0.2.1', ' 192.0.2.2 ', '', '2001:db8::1'), { maxLength: 3 }),
      macs: fc.array(fc.constantFrom('02:00:00:00:00:01', ' ', 'x'), { maxLength: 3 }),
    }),
  ])('puts each standard asset fact in Details.Other when it is not blank, in a fixed order', (asset) => {
    const other = toOtAssetResource(asset).Details?.Other ?? {};
    const clean = (values: readonly string[]) =>
      values
        .map((value) => value.trim())
        .filter((value) => value !== '')
        .join(', ');
    const expected: [string, string][] = [];
    for (const [key, value] of [
      ['id', asset.id],
      ['name', asset.name],
      ['ip', clean(asset.ips)],
      ['mac', clean(asset.macs)],
      ['zone', asset.zone],
      ['type', asset.type],
      ['vendor', asset.vendor],
      ['site', asset.site],
    ] as const) {
      if (value !== undefined && value.trim() !== '') expected.push([key, truncateUtf16(value, 1023).value]);
    }
    expect(Object.entries(other)).toEqual(expected);
  });

  it('falls back to ip, mac, name, then a content hash for the Id', () => {
    expect(toOtAssetResource({ ips: ['192.0.2.1'], vendor: 'claroty' }).Id).toBe(
      'ot-asset/claroty/192.0.2.1',
    );
    expect(toOtAssetResource({ name: 'hmi' }).Id).toBe('ot-asset/-/hmi');
    expect(toOtAssetResource({ zone: 'z' }).Id).toMatch(/^ot-asset\/-\/sha256-[0-9a-f]{64}$/);
  });

  it('builds Network from loose vendor fields', () => {
    expect(
      toAsffNetwork({
        direction: 'in',
        protocol: 'tcp',
        sourceIp: '2001:db8::1',
        sourcePort: '51000',
        destinationIp: '192.0.2.20',
        destinationPort: 502,
      }),
    ).toEqual({
      Direction: 'IN',
      Protocol: 'tcp',
      SourceIpV6: '2001:db8::1',
      SourcePort: 51000,
      DestinationIpV4: '192.0.2.20',
      DestinationPort: 502,
    });
    expect(
      toAsffNetwork({ sourceIp: 'not-an-ip', destinationPort: 70000, direction: 'sideways' }),
    ).toBeUndefined();
  });

  const assetArbitrary = fc.record(
    {
      id: fc.string(),
      name: fc.string(),
      ips: fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string())),
      macs: fc.array(fc.string()),
      zone: fc.string({ maxLength: 2000 }),
      type: fc.string(),
      vendor: fc.string(),
      site: fc.string(),
      role: fc.constantFrom('actor' as const, 'target' as const),
      details: fc.dictionary(fc.string({ maxLength: 200 }), fc.string({ maxLength: 1100 }), { maxKeys: 60 }),
    },
    { requiredKeys: [] },
  );
  test.prop([assetArbitrary])('any asset gives a schema-valid resource', (asset) => {
    const finding = { ...typicalFinding(), Resources: [toOtAssetResource(asset)] };
    expect(validateFinding(finding)).toEqual({ valid: true });
  });

  test.prop([
    fc.record(
      {
        direction: fc.string(),
        protocol: fc.string({ maxLength: 40 }),
        sourceIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()),
        sourcePort: fc.oneof(fc.integer(), fc.string()),
        sourceMac: fc.string(),
        destinationIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()),
        destinationPort: fc.oneof(fc.integer({ min: -10, max: 70000 }), fc.string()),
        destinationDomain: fc.string({ maxLength: 200 }),
      },
      { requiredKeys: [] },
    ),
  ])('any network input gives a schema-valid Network', (input) => {
    const network = toAsffNetwork(input);
    const finding = { ...typicalFinding(), Network: network };
    const result = validateFinding(finding);
    // ajv-formats is stricter than node:net about a few IPv6 spellings; that is the only tolerated gap.
    if (!result.valid) expect(result.errors.every((e) => e.rule === 'ip-address')).toBe(true);
  });
});

describe('toProductFields', () => {
  it('truncates, lets a later duplicate win, and reports what it dropped', () => {
    const { fields, dropped } = toProductFields(
      [
        ['a', '1'],
        ['a', '2'],
        ['aws/securityhub/x', 'v'],
        ['blank', ' '],
        ['b', 'x'.repeat(3000)],
        ['c', '3'],
      ],
      2,
    );
    expect({ ...fields }).toEqual({ a: '2', b: `${'x'.repeat(2047)}…` });
    expect(dropped).toEqual(['aws/securityhub/x', 'blank', 'c']);
  });

  it('refuses a key/value list of odd length (a key without its value is a parser bug)', () => {
    expect(() => toProductFieldsFromList(['a', '1', 'b'])).toThrow(TypeError);
    // Each part whole: a pair split across two lists is refused too.
    expect(() => toProductFieldsFromLists([['a', '1', 'b'], ['2']])).toThrow(TypeError);
  });

  it('keeps __proto__ as a plain key', () => {
    const { fields } = toProductFields([['__proto__', 'v']]);
    expect(Object.keys(fields)).toEqual(['__proto__']);
  });

  it('builds a plain object where __proto__, constructor and hasOwnProperty are own keys in input order', () => {
    const { fields, dropped } = toProductFields([
      ['a', '1'],
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['hasOwnProperty', 'h'],
      ['__proto__', 'p2'],
    ]);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toEqual(['a', '__proto__', 'constructor', 'hasOwnProperty']);
    expect(JSON.stringify(fields)).toBe('{"a":"1","__proto__":"p2","constructor":"c","hasOwnProperty":"h"}');
    expect(dropped).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('a');
  });

  it('drops keys and values that are blank by String.prototype.trim, Unicode spaces included', () => {
    const { fields, dropped } = toProductFields([
      ['\u00a0', 'v'],
      ['k', '\ufeff\u2028 '],
      ['', 'v'],
      ['ok', ' v'],
      ['\u007fdel', '\u0085x'],
    ]);
    expect(dropped).toEqual(['\u00a0', 'k', '']);
    expect(Object.entries(fields)).toEqual([
      ['ok', ' v'],
      ['\u007fdel', '\u0085x'],
    ]);
  });

  it('counts an inherited name such as toString against the budget as a new key', () => {
    const { fields, dropped } = toProductFields(
      [
        ['toString', 't'],
        ['valueOf', 'v'],
        ['x', '1'],
      ],
      2,
    );
    expect(Object.keys(fields)).toEqual(['toString', 'valueOf']);
    expect(dropped).toEqual(['x']);
  });

  test.prop([
    fc.array(fc.tuple(fc.string({ maxLength: 200 }), fc.string({ maxLength: 2100 })), { maxLength: 70 }),
  ])('always gives schema-valid ProductFields within the budget', (entries) => {
    const { fields, dropped } = toProductFields(entries);
    expect(Object.keys(fields).length).toBeLessThanOrEqual(48);
    if (Object.keys(fields).length === 48) expect(dropped.length).toBeGreaterThanOrEqual(0);
    const result = validateFinding({ ...typicalFinding(), ProductFields: { ...fields } });
    expect(result).toEqual({ valid: true });
  });

  // What toProductFields must give, written plainly: a Map keeps first-occurrence order, later values win.
  function modelProductFields(entries: readonly (readonly [string, string])[], budget = 48) {
    const kept = new Map<string, string>();
    const dropped: string[] = [];
    for (const [key, value] of entries) {
      if (key.trim() === '' || value.trim() === '' || key.startsWith('aws/')) dropped.push(key);
      else if (kept.has(key) || kept.size < budget) kept.set(key, value);
      else dropped.push(key);
    }
    return { entries: [...kept], dropped };
  }

  // Many keys (past the size where a keyed-store object turns into a dictionary), repeats, and the
  // prototype's names, so the large-object path (rebuilt in fast mode) is exercised too.
  const productFieldKey = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map((n) => `vendor/field${n}`),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'aws/x', ' '),
  );
  test.prop([
    fc.array(fc.tuple(productFieldKey, fc.string({ minLength: 1, maxLength: 8 })), {
      minLength: 20,
      maxLength: 90,
    }),
    fc.integer({ min: 0, max: 60 }),
    fc.array(fc.nat(90), { maxLength: 3 }),
  ])(
    'matches a plain model, also when the same keys come again with other values',
    (entries, budget, cuts) => {
      const again = entries.map(([key, value]) => [key, `${value}!`] as const);
      for (const batch of [entries, again, entries]) {
        const model = modelProductFields(batch, Math.min(budget, 50));
        // Both forms, pairs and the flat key/value list, give the model's result (the list after the pairs
        // made a template of a sequence, and before the next batch's pairs use it).
        // The same pairs cut into parts (some empty) at whole pairs.
        const at = [...new Set(cuts.map((cut) => Math.min(cut, batch.length)))].sort((a, b) => a - b);
        const parts = [0, ...at].map((start, index) => batch.slice(start, at[index] ?? batch.length).flat());
        for (const { fields, dropped } of [
          toProductFields(batch, budget),
          toProductFieldsFromList(batch.flat(), budget),
          toProductFieldsFromLists(parts, budget),
        ]) {
          expect(Object.entries(fields)).toEqual(model.entries);
          expect(dropped).toEqual(model.dropped);
          expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
        }
      }
    },
  );
});

describe('toFindingType', () => {
  it('builds namespace/category/classifier from free text', () => {
    expect(toFindingType('TTPs', 'Inhibit Response Function', 'T0816/Device Restart')).toBe(
      'TTPs/Inhibit Response Function/T0816-Device Restart',
    );
    expect(toFindingType(' ', 'Discovery')).toBe('Discovery');
    expect(toFindingType('')).toBeUndefined();
  });
});
