import { readFileSync } from 'node:fs';
import {
  ASSET_DISCOVERY_FINDING_TYPE,
  createParserRegistry,
  type NormalizeLineResult,
  normalizeLine,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  validateFinding,
} from '@otbridge/core';
import { ParserTester, TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { NOZOMI_DIAGNOSTIC_CODES, type NozomiParserOptions, nozomiParser } from '../src/index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

// N2OS leaves backslashes unescaped in msg (vendors.md §0.3): the spec-strict tokenizer rejects such lines.
new ParserTester(nozomiParser, { fixturesDir: FIXTURES, strict: false }).run();

function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

function normalize(line: string, options: NozomiParserOptions = {}): NormalizeLineResult {
  const registry = createParserRegistry([nozomiParser], { fallback: false });
  return normalizeLine(line, registry, TEST_CONTEXT, { strict: false, parserOptions: { nozomi: options } });
}

function finding(line: string, options: NozomiParserOptions = {}) {
  const result = normalize(line, options);
  if (result.outcome !== 'finding') throw new Error(`expected a finding, got ${JSON.stringify(result)}`);
  return result.finding;
}

describe('nozomiParser metadata', () => {
  test('id, claim and options follow the shared conventions', () => {
    expect(nozomiParser.id).toBe('nozomi');
    expect(nozomiParser.claims).toEqual([{ deviceVendor: 'Nozomi Networks', deviceProduct: 'N2OS' }]);
    expect(nozomiParser.defaultOptions).toEqual({
      includeHealthAndAudit: false,
      skipNonSecurityAlerts: false,
    });
    expect(nozomiParser.diagnosticCodes).toEqual(NOZOMI_DIAGNOSTIC_CODES);
  });

  test('the version recorded in findings is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(nozomiParser.version).toBe(pkg.version);
  });
});

describe('health and audit events', () => {
  test.each(['skip/audit--sessions-create.log', 'skip/health--link-down.log'])(
    '%s becomes a valid INFORMATIONAL finding with includeHealthAndAudit',
    (path) => {
      const result = finding(fixture(path), { includeHealthAndAudit: true });
      expect(result.Severity).toEqual({ Label: 'INFORMATIONAL', Normalized: 0, Original: '0' });
      expect(result.FindingProviderFields?.Severity?.Label).toBe('INFORMATIONAL');
      expect(validateFinding(result)).toEqual({ valid: true });
    },
  );

  test('an audit finding keeps the user, the browser (cs1 labelled browser, not Risk) and the client IP', () => {
    const result = finding(fixture('skip/audit--sessions-create.log'), { includeHealthAndAudit: true });
    expect(result.Types).toEqual(['Unusual Behaviors/User']);
    expect(result.ProductFields).toMatchObject({
      'nozomi/suser': 'admin',
      'nozomi/browser': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:69.0) Gecko/20100101 Firefox/69.0',
      'nozomi/event_class': 'audit',
    });
    expect(result.ProductFields?.['nozomi/risk']).toBeUndefined();
    expect(result.Resources?.[0]?.Details?.Other?.ip).toBe('192.0.2.1');
    expect(result.FirstObservedAt).toBe('2019-10-10T16:00:18.425Z');
  });

  test('a health event without endpoints names the sensor as its resource and has a content-hash Id', () => {
    const result = finding(fixture('skip/health--link-down.log'), { includeHealthAndAudit: true });
    expect(result.Id).toMatch(/^otbridge\/nozomi\/sg-19\.example\.com\/content\/[0-9a-f]{64}$/);
    expect(result.Types).toEqual(['Software and Configuration Checks/OT Sensor Health']);
    expect(result.Resources).toHaveLength(1);
    expect(result.Resources?.[0]?.Details?.Other).toMatchObject({
      id: 'sg-19.example.com',
      type: 'Nozomi Networks sensor',
    });
    // No `start`: the syslog time (sensor local time, UTC by default) is the event time.
    expect(result.CreatedAt).toBe('2019-10-10T15:57:48.000Z');
  });
});

describe('mapping rules', () => {
  const malware = fixture('valid/alert--sign-malware-detected-syslog.log');

  test('cs1 Risk drives Severity.Normalized and is kept as Original', () => {
    expect(finding(malware).Severity).toEqual({ Label: 'CRITICAL', Normalized: 90, Original: '9.0' });
    expect(finding(fixture('valid/alert--net-rst-from-slave.log')).Severity).toEqual({
      Label: 'LOW',
      Normalized: 15,
      Original: '1.5',
    });
  });

  test('the Id is the cs3 alert id under the sensor (dvchost), and parents become RelatedFindings', () => {
    const result = finding(malware);
    expect(result.Id).toBe('otbridge/nozomi/sg-19.example.com/event/d25c520f-7f79-4820-b5ae-d1b334b05c75');
    expect(result.RelatedFindings).toEqual([
      {
        ProductArn: result.ProductArn,
        Id: 'otbridge/nozomi/sg-19.example.com/event/5740a157-08e8-490f-85ad-eef23657e3cb',
      },
    ]);
    expect(result.FindingProviderFields?.RelatedFindings).toEqual(result.RelatedFindings);
  });

  test('an alert re-sent later keeps its Id and moves UpdatedAt, not CreatedAt', () => {
    const later = malware.replace('<137>Oct 17 2019 22:32:23', '<137>Oct 17 2019 23:40:00');
    const first = finding(malware);
    const second = finding(later);
    expect(second.Id).toBe(first.Id);
    expect(second.CreatedAt).toBe(first.CreatedAt);
    expect(first.CreatedAt).toBe('2019-10-17T22:32:23.431Z');
    expect(second.UpdatedAt).toBe('2019-10-17T23:40:00.000Z');
  });

  test('the syslog time is read in the context default time zone', () => {
    const registry = createParserRegistry([nozomiParser], { fallback: false });
    const line = fixture('skip/health--link-down.log');
    const result = normalizeLine(
      line,
      registry,
      { ...TEST_CONTEXT, defaultTimeZone: '+02:00' },
      {
        strict: false,
        parserOptions: { nozomi: { includeHealthAndAudit: true } },
      },
    );
    expect(result.outcome === 'finding' && result.finding.CreatedAt).toBe('2019-10-10T13:57:48.000Z');
  });

  test('without cs3 the Id is a content hash: stable across runs, different for another event', () => {
    const line = fixture('valid/alert--sign-multiple-unsuccessful-logins-host-tag.log');
    const id = finding(line).Id;
    expect(id).toMatch(/^otbridge\/nozomi\/nozomi-ids\.example\.com\/content\/[0-9a-f]{64}$/);
    expect(finding(line).Id).toBe(id);
    expect(finding(line.replace('start=1651456283700', 'start=1651456283701')).Id).not.toBe(id);
  });

  test('asset-discovery events carry the shared marker, other alerts do not', () => {
    for (const path of [
      'valid/asset--vi-new-node.log',
      'valid/asset--vi-new-node-malicious-ip.log',
      'valid/asset--vi-new-scada-node.log',
      'valid/asset--vi-new-arp.log',
      'valid/asset--incident-new-node.log',
    ]) {
      const result = finding(fixture(path));
      expect(result.Types, path).toContain(ASSET_DISCOVERY_FINDING_TYPE);
      expect(result.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY], path).toBe('true');
    }
    const other = finding(fixture('valid/anomaly--vi-new-func-code.log'));
    expect(other.Types).not.toContain(ASSET_DISCOVERY_FINDING_TYPE);
    expect(other.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY]).toBeUndefined();
  });

  test('skipNonSecurityAlerts skips IsSecurity=false alerts only', () => {
    const operational = fixture('valid/alert--net-rst-from-slave.log');
    expect(normalize(operational, { skipNonSecurityAlerts: true }).outcome).toBe('skipped');
    expect(normalize(operational).outcome).toBe('finding');
    expect(normalize(malware, { skipNonSecurityAlerts: true }).outcome).toBe('finding');
  });

  test('an unknown Type ID family still maps, with a warning', () => {
    const result = normalize(malware.replace('|SIGN:MALWARE-DETECTED|', '|CUSTOM-CHECK|'));
    expect(result.outcome).toBe('finding');
    expect(result.diagnostics.map((d) => d.code)).toContain('nozomi/unknown-type-family');
    if (result.outcome === 'finding') expect(result.finding.Types).toContain('TTPs/Impair Process (etc)');
  });

  test('a bad start falls back to the syslog time with a warning', () => {
    const result = normalize(malware.replace('start=1571351543431', 'start=yesterday'));
    expect(result.outcome).toBe('finding');
    expect(result.diagnostics.map((d) => d.code)).toContain('nozomi/invalid-start');
    if (result.outcome === 'finding') expect(result.finding.CreatedAt).toBe('2019-10-17T22:32:23.000Z');
  });

  test('a line with more fields than the budget keeps 48 pairs and reports the rest', () => {
    const extra = Array.from({ length: 60 }, (_, index) => `flexString${index + 10}=v${index}`).join(' ');
    const result = normalize(malware.replace(' proto=TCP', ` ${extra} proto=TCP`));
    expect(result.outcome).toBe('finding');
    expect(result.diagnostics.map((d) => d.code)).toContain('nozomi/product-fields-dropped');
    if (result.outcome === 'finding') {
      expect(Object.keys(result.finding.ProductFields ?? {})).toHaveLength(50);
      expect(result.finding.ProductFields?.['nozomi/type_id']).toBe('SIGN:MALWARE-DETECTED');
      expect(validateFinding(result.finding)).toEqual({ valid: true });
    }
  });
});
