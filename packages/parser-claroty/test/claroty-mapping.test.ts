import { readdirSync, readFileSync } from 'node:fs';
import {
  ASSET_DISCOVERY_FINDING_TYPE,
  createParserRegistry,
  normalizeLine,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  tokenizeCef,
} from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import {
  CLAROTY_DIAGNOSTIC_CODES,
  CLAROTY_DIALECTS,
  clarotyParser,
  detectClarotyDialect,
} from '../src/index.js';

const registry = createParserRegistry([clarotyParser], { fallback: false });
const fixtures = new URL('./fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
const normalize = (line: string, options: { includeHealthAndAudit?: boolean } = {}) =>
  normalizeLine(line, registry, TEST_CONTEXT, { strict: false, parserOptions: { claroty: options } });

function finding(line: string) {
  const result = normalize(line);
  if (result.outcome !== 'finding') throw new Error(`expected a finding, got ${JSON.stringify(result)}`);
  return result;
}

describe('dialect detection', () => {
  const cases = [
    ['valid/ctd-alert--new-asset-unresolved.log', CLAROTY_DIALECTS.ctdLatest],
    ['valid/ctd-legacy-alert--configuration-download-unresolved.log', CLAROTY_DIALECTS.ctdLegacy],
    ['skip/sra-login--login-succeeded.log', CLAROTY_DIALECTS.sra],
    ['valid/xdome-device-change--offline-status-change.log', CLAROTY_DIALECTS.xdome],
    ['valid/xdome-comm-event--plaintext-credentials-description-in-name.log', CLAROTY_DIALECTS.xdome],
    ['valid/medigate-alert--out-of-policy-communication.log', CLAROTY_DIALECTS.xdome],
  ] as const;
  for (const [path, dialect] of cases) {
    test(`${path} → ${dialect}`, () => {
      const tokenized = tokenizeCef(read(path), { strict: false });
      expect(tokenized.ok).toBe(true);
      if (tokenized.ok) expect(detectClarotyDialect(tokenized.record)).toBe(dialect);
    });
  }

  test('Schneider CTD (OEM) is read as CTD', () => {
    const line = read('valid/ctd-alert--new-asset-unresolved.log').replace(
      '|Claroty|CTD|',
      '|Schneider|CTD|',
    );
    expect(finding(line).finding.ProductFields?.['claroty/dialect']).toBe(CLAROTY_DIALECTS.ctdLatest);
  });

  test('another vendor is not claimed', () => {
    const tokenized = tokenizeCef('CEF:0|Nozomi Networks|N2OS|22.0|SIGN:X|x|5|src=192.0.2.1');
    expect(tokenized.ok && detectClarotyDialect(tokenized.record)).toBe(undefined);
  });
});

describe('legacy cs slots are keyed on their labels', () => {
  const alert = read('valid/ctd-legacy-alert--configuration-download-resolved.log');

  test('ResolvedAs moved to another slot still archives', () => {
    const moved = alert
      .replace('cs3Label=ResolvedAs cs3=Resolved', 'cs3Label=Transmission cs3=TCP / 44818')
      .replace('cs9Label', 'cs9LabelUnused')
      .concat(' cs19Label=ResolvedAs cs19=Resolved');
    expect(finding(moved).finding.RecordState).toBe('ARCHIVED');
  });

  test('a Transmission value in cs3 is not read as a resolution', () => {
    const baseline = read('valid/ctd-legacy-baseline--unapproved-cip-read.log');
    const result = finding(baseline).finding;
    expect(result.RecordState).toBe('ACTIVE');
    expect(result.ProductFields?.['claroty/Transmission']).toBe('TCP / 44818');
    expect(result.ProductFields?.['claroty/ResolvedAs']).toBeUndefined();
  });

  test('a Score label sets the severity; the header word stays the original', () => {
    const scored = alert.replace('cat=Create', 'cat=Create cs9Label=Score cs9=35');
    const severity = finding(scored).finding.Severity;
    expect(severity).toEqual({ Label: 'LOW', Normalized: 35, Original: 'Critical' });
  });
});

describe('asset discovery marker', () => {
  const marked = [
    'ctd-alert--new-asset-unresolved',
    'ctd-alert--new-asset-resolved',
    'ctd-alert--configuration-download-named-new-asset-resolved',
    'ctd-event--asset-information-change',
    'xdome-device-change--offline-status-change',
    'xdome-device-change--location-change',
    'xdome-alert--out-of-policy-communication-unresolved',
    'xdome-alert--out-of-policy-communication-resolved',
    'medigate-alert--out-of-policy-communication',
  ];
  const files = readdirSync(new URL('valid/', fixtures)).filter((name) => name.endsWith('.log'));
  for (const file of files) {
    const name = file.slice(0, -4);
    const expected = marked.includes(name);
    test(`${name}: ${expected ? 'marked' : 'not marked'}`, () => {
      const result = finding(read(`valid/${file}`)).finding;
      expect(result.Types?.includes(ASSET_DISCOVERY_FINDING_TYPE)).toBe(expected);
      expect(result.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY]).toBe(expected ? 'true' : undefined);
    });
  }

  test('a legacy New Asset alert is marked too', () => {
    const line = read('valid/ctd-legacy-alert--configuration-download-unresolved.log').replace(
      '|Alert|Configuration Download|',
      '|Alert|New Asset|',
    );
    expect(finding(line).finding.Types).toContain(ASSET_DISCOVERY_FINDING_TYPE);
  });
});

describe('health and audit events', () => {
  const skipped = readdirSync(new URL('skip/', fixtures)).filter((name) => name.endsWith('.log'));
  for (const file of skipped) {
    test(`${file}: INFORMATIONAL finding with includeHealthAndAudit`, () => {
      const line = read(`skip/${file}`);
      expect(normalize(line).outcome).toBe('skipped');
      const result = normalize(line, { includeHealthAndAudit: true });
      expect(result.outcome).toBe('finding');
      if (result.outcome !== 'finding') return;
      expect(result.finding.Severity?.Label).toBe('INFORMATIONAL');
      expect(result.finding.Types?.[0]).toMatch(
        /^Software and Configuration Checks\/OT (Sensor Health|Audit Log)$/,
      );
    });
  }

  test('a HealthCheck with ~110 keys reports what ProductFields had to drop', () => {
    const result = normalize(read('skip/ctd-health-check--health.log'), { includeHealthAndAudit: true });
    expect(result.outcome).toBe('finding');
    if (result.outcome !== 'finding') return;
    expect(result.diagnostics.map((d) => d.code)).toContain(CLAROTY_DIAGNOSTIC_CODES.productFieldsDropped);
    expect(Object.keys(result.finding.ProductFields ?? {}).length).toBe(50);
  });

  test('SRA lines without any time fall back to the context time and warn', () => {
    const result = normalize(read('skip/sra-login--login-succeeded.log'), { includeHealthAndAudit: true });
    expect(result.outcome).toBe('finding');
    if (result.outcome !== 'finding') return;
    expect(result.finding.CreatedAt).toBe(TEST_CONTEXT.now.toISOString());
    expect(result.diagnostics.map((d) => d.code)).toContain(CLAROTY_DIAGNOSTIC_CODES.missingEventTime);
    expect(result.finding.ProductFields?.['claroty/user']).toBe('user@example.com');
  });
});

describe('warnings', () => {
  const alert = read('valid/ctd-legacy-alert--configuration-download-unresolved.log');
  const codes = (line: string) => finding(line).diagnostics.map((d) => d.code);

  test('unknown severity word → MEDIUM with a warning', () => {
    const line = alert.replace('|Critical|', '|Bizarre|');
    expect(finding(line).finding.Severity).toEqual({ Label: 'MEDIUM', Normalized: 40, Original: 'Bizarre' });
    expect(codes(line)).toContain(CLAROTY_DIAGNOSTIC_CODES.unknownSeverity);
  });

  test('missing alert id → content-hash Id with a warning', () => {
    const line = alert.replace('externalId=74 ', '');
    expect(finding(line).finding.Id).toMatch(/\/content\/[0-9a-f]{64}$/);
    expect(codes(line)).toContain(CLAROTY_DIAGNOSTIC_CODES.missingEventId);
  });

  test('unreadable event time → syslog time with a warning', () => {
    const line = alert.replace('rt=Sep 12 2018 15:18:01', 'rt=yesterday');
    expect(finding(line).finding.CreatedAt).toBe('2018-09-12T15:18:01.000Z');
    expect(codes(line)).toContain(CLAROTY_DIAGNOSTIC_CODES.invalidEventTime);
  });

  test('a malformed xDome list → the readable items with a warning', () => {
    const line = read('valid/xdome-device-change--offline-status-change.log').replace(
      "device_ip_list=['192.0.2.6']",
      "device_ip_list=['192.0.2.6', '198.51",
    );
    const result = finding(line);
    expect(result.finding.Resources?.[0]?.Details?.Other?.ip).toBe('192.0.2.6');
    expect(result.diagnostics.map((d) => d.code)).toContain(CLAROTY_DIAGNOSTIC_CODES.invalidList);
  });

  test('every code the parser can emit is declared', () => {
    expect([...clarotyParser.diagnosticCodes].sort()).toEqual(Object.values(CLAROTY_DIAGNOSTIC_CODES).sort());
  });
});
