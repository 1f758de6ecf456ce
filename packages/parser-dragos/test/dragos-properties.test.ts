import { fc, test } from '@fast-check/vitest';
import { ASSET_DISCOVERY_FINDING_TYPE, type CefRecord, validateFinding } from '@otbridge/core';
import { deepFreeze, TEST_CONTEXT, testParserProperties } from '@otbridge/core/testing';
import { describe, expect } from 'vitest';
import { DRAGOS_ASSET_DISCOVERY_NAMES, dragosParser } from '../src/index.js';

const V2_KEYS = [
  'msg',
  'externalId',
  'suid',
  'duid',
  'sproc',
  'dproc',
  'src',
  'dst',
  'smac',
  'dmac',
  'shost',
  'dhost',
];
const V1_KEYS = [
  'content',
  'id',
  'type',
  'createdAt',
  'occurredAt',
  'detection_quad',
  'detectorId',
  'src_asset_ip',
  'dst_asset_id',
];

// The generic kit: random records under the Dragos header, with Dragos keys mixed in.
testParserProperties(dragosParser, {
  deviceVendor: 'Dragos',
  deviceProduct: 'Platform',
  keys: [...V2_KEYS, ...V1_KEYS],
});

// Vendor-shaped records: the real 2.x and 1.x layouts with generated values, placeholders and lists.
const placeholder = fc.constantFrom('', 'None', 'N/A', ' ');
const ipv4 = fc
  .tuple(fc.constantFrom('192.0.2', '198.51.100', '203.0.113'), fc.integer({ min: 0, max: 255 }))
  .map(([net, host]) => `${net}.${host}`);
const ipv6 = fc.integer({ min: 0, max: 0xffff }).map((value) => `2001:DB8::${value.toString(16)}`);
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':'));
const list = (item: fc.Arbitrary<string>) =>
  fc.oneof(
    placeholder,
    fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => items.join(',')),
  );
const assetId = fc.integer({ min: 1, max: 99999 }).map(String);
const isoTime = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('Asset 1 seen -- []', 'line\none', 'a=b c\\d'),
);
const summary = fc.oneof(
  fc.constantFrom(...DRAGOS_ASSET_DISCOVERY_NAMES, 'Clear Text Authentication', 'Interactive Session'),
  text,
);
const quadrant = fc.oneof(
  placeholder,
  fc.constantFrom('Configuration', 'Indicator', 'Modeling', 'Threat Behavior', 'Other'),
);
const tactics = fc.oneof(
  placeholder,
  fc.constantFrom('Impair Process Control', 'Impact,Inhibit Response Function', 'Lateral/Movement'),
);
const severity = fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), fc.constantFrom('6', '10', 'High', ''));

const v2Record = fc
  .record({
    name: summary,
    severity,
    msg: text,
    externalId: fc.oneof(assetId, placeholder),
    suid: list(assetId),
    duid: list(assetId),
    src: list(fc.oneof(ipv4, ipv6)),
    dst: list(fc.oneof(ipv4, ipv6, fc.constant('not-an-ip'))),
    smac: list(mac),
    dmac: list(mac),
    shost: list(fc.constantFrom('plc.example.com', 'hmi.example.com')),
    cs1: tactics,
    cs3: quadrant,
    cs4: fc.oneof(placeholder, fc.constant('RFC1918')),
    deviceCustomDate1: fc.oneof(isoTime, placeholder, fc.constant('garbage')),
    deviceCustomDate2: fc.oneof(isoTime, placeholder),
    hostname: fc.option(fc.constantFrom('dragos', 'site-b'), { nil: undefined }),
  })
  .map(
    (values): CefRecord => ({
      version: 0,
      deviceVendor: 'Dragos',
      deviceProduct: 'Platform',
      deviceVersion: '2',
      deviceEventClassId: 'notification',
      name: values.name,
      severity: values.severity,
      extensions: [
        ['msg', values.msg],
        ['externalId', values.externalId],
        ['suid', values.suid],
        ['src', values.src],
        ['smac', values.smac],
        ['shost', values.shost],
        ['sproc', 'Asset 1'],
        ['duid', values.duid],
        ['dst', values.dst],
        ['dmac', values.dmac],
        ['cs1', values.cs1],
        ['cs1Label', 'attack_tactic'],
        ['cs2', 'None'],
        ['cs2Label', 'attack_technique'],
        ['cs3', values.cs3],
        ['cs3Label', 'detection_quad'],
        ['deviceCustomDate1', values.deviceCustomDate1],
        ['deviceCustomDate1Label', 'occurredAt'],
        ['deviceCustomDate2', values.deviceCustomDate2],
        ['deviceCustomDate2Label', 'createdAt'],
        ['cs4', values.cs4],
        ['cs4Label', 'src_asset_zone'],
      ],
      ...(values.hostname !== undefined && {
        prefix: { format: 'rfc5424', hostname: values.hostname, raw: '' },
      }),
    }),
  );

const v1Record = fc
  .record({
    name: summary,
    severity,
    originalSeverity: fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), placeholder),
    content: text,
    id: fc.oneof(assetId, placeholder),
    type: fc.constantFrom('Test', 'Asset', 'Communication', ''),
    srcIp: list(ipv4),
    srcMac: list(mac),
    srcId: fc.oneof(assetId, placeholder),
    dstId: fc.oneof(assetId, placeholder),
    quadrant,
    createdAt: fc.oneof(isoTime, placeholder),
    reviewed: fc.constantFrom('False', 'True'),
  })
  .map(
    (values): CefRecord => ({
      version: 0,
      deviceVendor: 'Dragos',
      deviceProduct: 'Platform',
      deviceVersion: '1.8',
      deviceEventClassId: 'notification',
      name: values.name,
      severity: values.severity,
      extensions: [
        ['content', values.content],
        ['src_asset_ip', values.srcIp],
        ['src_asset_mac', values.srcMac],
        ['id', values.id],
        ['createdAt', values.createdAt],
        ['detection_quad', values.quadrant],
        ['dst_asset_id', values.dstId],
        ['originalSeverity', values.originalSeverity],
        ['reviewed', values.reviewed],
        ['src_asset_id', values.srcId],
        ['type', values.type],
      ],
      prefix: { format: 'rfc5424', hostname: 'dragos-sitestore', raw: '' },
    }),
  );

describe('dragos vendor-shaped records', () => {
  for (const includeHealthAndAudit of [false, true]) {
    const context = deepFreeze({
      ...TEST_CONTEXT,
      productArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
      options: { includeHealthAndAudit },
    });
    test.prop([fc.oneof(v2Record, v1Record)], { numRuns: 300 })(
      `2.x and 1.x layouts: schema-valid finding or a reasoned skip/rejection (includeHealthAndAudit=${includeHealthAndAudit})`,
      (record) => {
        const frozen = deepFreeze(record);
        const outcome = dragosParser.normalize(frozen, context);
        expect(dragosParser.normalize(frozen, context)).toEqual(outcome);
        if (outcome.outcome === 'rejected') {
          expect(outcome.diagnostics.map((diagnostic) => diagnostic.code)).toContain(
            'dragos/invalid-severity',
          );
          return;
        }
        if (outcome.outcome === 'skipped') {
          expect(includeHealthAndAudit).toBe(false);
          return;
        }
        const { finding } = outcome;
        expect(validateFinding(finding)).toEqual({ valid: true });
        expect(finding.Id).toMatch(/^otbridge\/dragos\//);
        const discovery = finding.Types?.includes(ASSET_DISCOVERY_FINDING_TYPE) ?? false;
        expect(finding.ProductFields?.['otbridge/asset-discovery'] === 'true').toBe(discovery);
        expect(JSON.stringify(finding)).not.toMatch(/"(None|N\/A)"/);
      },
    );
  }
});
