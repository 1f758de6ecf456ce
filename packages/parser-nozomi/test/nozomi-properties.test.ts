import { fc, test } from '@fast-check/vitest';
import {
  ASSET_DISCOVERY_FINDING_TYPE,
  type CefRecord,
  createParserRegistry,
  formatCef,
  normalizeLine,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  validateFinding,
} from '@otbridge/core';
import { TEST_CONTEXT, testParserProperties } from '@otbridge/core/testing';
import { describe, expect } from 'vitest';
import { isNozomiAssetDiscovery, nozomiParser } from '../src/index.js';

// The kit's generic properties, with the N2OS vocabulary mixed into generated records.
testParserProperties(nozomiParser, {
  deviceVendor: 'Nozomi Networks',
  deviceProduct: 'N2OS',
  keys: [
    'cs1',
    'cs1Label',
    'cs2',
    'cs2Label',
    'cs3',
    'cs3Label',
    'cs4',
    'cs4Label',
    'cs5',
    'cs5Label',
    'cs6',
    'cs6Label',
    'flexString1',
    'flexString1Label',
    'flexString2',
    'flexString2Label',
    'flexString3',
    'flexString3Label',
    'app',
    'proto',
    'src',
    'dst',
    'smac',
    'dmac',
    'spt',
    'dpt',
    'dvc',
    'dvchost',
    'msg',
    'start',
    'suser',
  ],
});

// Vendor-shaped records: what N2OS really sends (values first, labels last), with generated values.
const TYPE_IDS = [
  'SIGN:MALWARE-DETECTED',
  'SIGN:MULTIPLE-UNSUCCESSFUL-LOGINS',
  'SIGN:PACKET-RULE',
  'SIGN:TCP-SYN-FLOOD',
  'SIGN:PROGRAM:CHANGE',
  'SIGN:DHCP-OPERATION',
  'VI:NEW-NODE',
  'VI:NEW-NODE:MALICIOUS-IP',
  'VI:NEW-ARP',
  'VI:NEW-SCADA-NODE',
  'VI:NEW-FUNC-CODE',
  'INCIDENT:NEW-NODE',
  'NET:RST-FROM-SLAVE',
  'PROC:STALE-VARIABLE',
];
const octet = fc.integer({ min: 0, max: 255 });
const ip = fc
  .tuple(fc.constantFrom('192.0.2', '198.51.100', '203.0.113'), octet)
  .map(([net, host]) => `${net}.${host}`);
const mac = fc
  .array(octet, { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'));
const risk = fc.integer({ min: 0, max: 100 }).map((tenths) => (tenths / 10).toFixed(1));
const uuid = fc.uuid();
const text = fc.string({ maxLength: 80 }).map((value) => value.replace(/[\r\n]/g, ' '));

interface N2osAlert {
  readonly typeId: string;
  readonly risk: string;
  readonly alertId: string | undefined;
  readonly parents: readonly string[];
  readonly src: string;
  readonly dst: string | undefined;
  readonly smac: string;
  readonly start: number;
  readonly msg: string;
  readonly host: string;
}

const alertArbitrary: fc.Arbitrary<N2osAlert> = fc.record({
  typeId: fc.constantFrom(...TYPE_IDS),
  risk,
  alertId: fc.option(uuid, { nil: undefined }),
  parents: fc.array(uuid, { maxLength: 3 }),
  src: ip,
  dst: fc.option(ip, { nil: undefined }),
  smac: mac,
  start: fc.integer({ min: 1_300_000_000_000, max: 1_900_000_000_000 }),
  msg: text,
  host: fc.constantFrom('guardian-01.example.com', 'cmc.example.com', 'sg-19.example.com'),
});

function toRecord(alert: N2osAlert): CefRecord {
  const extensions: [string, string][] = [
    ['dvchost', alert.host],
    ['cs1', alert.risk],
    ['cs2', 'true'],
    ...(alert.alertId === undefined ? [] : ([['cs3', alert.alertId]] as [string, string][])),
    ['cs5', JSON.stringify(alert.parents)],
    ['cs1Label', 'Risk'],
    ['cs2Label', 'IsSecurity'],
    ['cs3Label', 'Id'],
    ['cs5Label', 'Parents'],
    ...(alert.dst === undefined ? [] : ([['dst', alert.dst]] as [string, string][])),
    ['msg', alert.msg],
    ['src', alert.src],
    ['smac', alert.smac],
    ['start', String(alert.start)],
  ];
  return {
    version: 0,
    deviceVendor: 'Nozomi Networks',
    deviceProduct: 'N2OS',
    deviceVersion: '21.9.0-01051414_C13FC',
    deviceEventClassId: alert.typeId,
    name: 'Generated alert',
    severity: String(Math.floor(Number(alert.risk))),
    extensions,
  };
}

const registry = createParserRegistry([nozomiParser], { fallback: false });

function normalizeAlert(alert: N2osAlert) {
  const line = `<137>Oct 17 2019 22:32:23 ${alert.host} n2osevents[0]: ${formatCef(toRecord(alert))}`;
  return normalizeLine(line, registry, TEST_CONTEXT, { strict: false });
}

describe('nozomi vendor-shaped properties', () => {
  test.prop([alertArbitrary])(
    'every N2OS alert becomes a schema-valid finding with Risk x10 as Normalized',
    (alert) => {
      const result = normalizeAlert(alert);
      expect(result.outcome).toBe('finding');
      if (result.outcome !== 'finding') return;
      expect(validateFinding(result.finding)).toEqual({ valid: true });
      expect(result.finding.Severity?.Normalized).toBe(Math.round(Number(alert.risk) * 10));
      expect(result.finding.Severity?.Original).toBe(alert.risk);
      expect(result.finding.FirstObservedAt).toBe(new Date(alert.start).toISOString());
      expect(result.finding.RelatedFindings?.length ?? 0).toBe(new Set(alert.parents).size);
    },
  );

  test.prop([alertArbitrary])(
    'asset-discovery marker iff the Type ID is in the VI:NEW-NODE family',
    (alert) => {
      const result = normalizeAlert(alert);
      if (result.outcome !== 'finding') throw new Error('expected a finding');
      const marked = result.finding.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY] === 'true';
      expect(marked).toBe(isNozomiAssetDiscovery(alert.typeId));
      expect(result.finding.Types?.includes(ASSET_DISCOVERY_FINDING_TYPE)).toBe(marked);
    },
  );

  test.prop([alertArbitrary, text, risk])(
    'the Id depends on sensor and cs3 only: an update keeps it',
    (alert, msg, newRisk) => {
      fc.pre(alert.alertId !== undefined);
      const first = normalizeAlert(alert);
      const updated = normalizeAlert({ ...alert, msg, risk: newRisk, start: alert.start + 60_000 });
      if (first.outcome !== 'finding' || updated.outcome !== 'finding') throw new Error('expected findings');
      expect(updated.finding.Id).toBe(first.finding.Id);
      expect(first.finding.Id).toBe(`otbridge/nozomi/${alert.host}/event/${alert.alertId}`);
    },
  );
});
