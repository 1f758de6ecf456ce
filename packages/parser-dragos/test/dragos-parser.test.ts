import { readdirSync, readFileSync } from 'node:fs';
import {
  ASSET_DISCOVERY_FINDING_TYPE,
  createParserRegistry,
  genericCefParser,
  normalizeLine,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  tokenizeCef,
  validateFinding,
} from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { DRAGOS_DIAGNOSTIC_CODES, detectDragosDialect, dragosParser } from '../src/index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const readFixture = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');
const registry = createParserRegistry([dragosParser], { fallback: genericCefParser });

function normalize(line: string, parserOptions?: object) {
  return normalizeLine(
    line,
    registry,
    TEST_CONTEXT,
    parserOptions ? { parserOptions: { dragos: parserOptions } } : {},
  );
}

function findingOf(line: string, parserOptions?: object) {
  const result = normalize(line, parserOptions);
  if (result.outcome !== 'finding') throw new Error(`expected a finding, got ${JSON.stringify(result)}`);
  return { finding: result.finding, codes: result.diagnostics.map((diagnostic) => diagnostic.code) };
}

const X509 = readFixture('valid/asset-discovery--v2-x509-certificate-first-seen.log');
const NEW_SOURCE_V2 = readFixture('valid/asset-discovery--v2-new-ip-as-source.log');
const NEW_SOURCE_V1 = readFixture('valid/asset-discovery--v1-new-ip-as-source.log');
const CIP_MULTI_TACTIC = readFixture('valid/configuration--v2-cip-error-attack-tactics.log');
const CIP_ONE_TACTIC = readFixture('valid/threat-behavior--v2-single-tactic-and-technique.log');
const IOC_TWO_ASSETS = readFixture('valid/indicator--v2-ioc-match-two-source-assets.log');

describe('dialect detection', () => {
  test.each([
    ['valid/asset-discovery--v2-new-ip-as-source.log', 'platform-2'],
    ['valid/asset-discovery--v1-new-ip-as-source.log', 'platform-1'],
    ['skip/health--v1-test-message-aws-sample.log', 'platform-1'],
    ['valid/indicator--v2-ioc-match-two-source-assets.log', 'platform-2'],
    ['invalid/dialect--no-dragos-keys.log', undefined],
  ])('%s is %s', (path, dialect) => {
    const tokenized = tokenizeCef(readFixture(path));
    if (!tokenized.ok) throw new Error('fixture does not tokenize');
    expect(detectDragosDialect(tokenized.record)).toBe(dialect);
  });

  test('Device Version is not used: a 2.x line labelled 1.0.0 is still 2.x', () => {
    const { finding } = findingOf(IOC_TWO_ASSETS);
    expect(finding.ProductFields?.['dragos/dialect']).toBe('platform-2');
    expect(finding.ProductFields?.['dragos/deviceVersion']).toBe('1.0.0');
  });

  test('an unknown Dragos layout stays with the Dragos parser and is rejected as an unrecognised dialect', () => {
    const result = normalize(readFixture('invalid/dialect--no-dragos-keys.log'));
    expect(result.outcome).toBe('rejected');
    expect(result.outcome === 'rejected' && result.parser?.id).toBe('dragos');
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['dragos/unrecognized-dialect']);
  });
});

describe('asset discovery', () => {
  test.each([
    X509,
    NEW_SOURCE_V2,
    NEW_SOURCE_V1,
    readFixture('valid/asset-discovery--v2-asset-characterization.log'),
  ])('carries the shared Types value and ProductFields marker (%#)', (line) => {
    const { finding } = findingOf(line);
    expect(finding.Types).toContain(ASSET_DISCOVERY_FINDING_TYPE);
    expect(finding.FindingProviderFields?.Types).toContain(ASSET_DISCOVERY_FINDING_TYPE);
    expect(finding.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY]).toBe('true');
  });

  test('non-discovery notifications carry no marker', () => {
    const { finding } = findingOf(CIP_ONE_TACTIC);
    expect(finding.Types).not.toContain(ASSET_DISCOVERY_FINDING_TYPE);
    expect(finding.ProductFields?.[PRODUCT_FIELD_ASSET_DISCOVERY]).toBeUndefined();
  });

  test('assetDiscoveryNames extends the list', () => {
    const line = readFixture('valid/modeling--v2-interactive-session.log');
    expect(findingOf(line).finding.Types).toEqual(['Unusual Behaviors/Network Flow']);
    const { finding } = findingOf(line, { assetDiscoveryNames: ['interactive session'] });
    expect(finding.Types).toEqual([ASSET_DISCOVERY_FINDING_TYPE]);
  });
});

describe('mapping', () => {
  test('one Id for the same notification whatever the framing, another for another sensor', () => {
    const relayed = findingOf(NEW_SOURCE_V2).finding;
    const direct = findingOf(NEW_SOURCE_V2.slice(NEW_SOURCE_V2.indexOf('1 2024-'))).finding;
    expect(direct.Id).toBe(relayed.Id);
    expect(relayed.Id).toBe('otbridge/dragos/dragos/event/4263');
    const otherSensor = findingOf(
      NEW_SOURCE_V2.replace(' dragos dragos_syslog', ' site-b dragos_syslog'),
    ).finding;
    expect(otherSensor.Id).toBe('otbridge/dragos/site-b/event/4263');
  });

  test('without externalId the Id is a content hash, stable and warned about', () => {
    const line = readFixture('valid/modeling--v2-missing-external-id.log');
    const first = findingOf(line);
    expect(first.finding.Id).toMatch(/^otbridge\/dragos\/dragos\/content\/[0-9a-f]{64}$/);
    expect(first.codes).toContain(DRAGOS_DIAGNOSTIC_CODES.missingEventId);
    // The relay's receipt time is not part of the content.
    expect(findingOf(line.replace('Oct 29 17:52:12', 'Oct 29 17:59:59')).finding.Id).toBe(first.finding.Id);
  });

  test.each([
    ['0', 'INFORMATIONAL'],
    ['1', 'LOW'],
    ['2', 'LOW'],
    ['3', 'MEDIUM'],
    ['4', 'HIGH'],
    ['5', 'CRITICAL'],
  ])('Dragos severity %s is %s, original kept', (value, label) => {
    const { finding, codes } = findingOf(
      NEW_SOURCE_V2.replace('|New IP Address as Source|1|', `|New IP Address as Source|${value}|`),
    );
    expect(finding.Severity).toMatchObject({ Label: label, Original: value });
    expect(finding.FindingProviderFields?.Severity).toEqual({ Label: label, Original: value });
    expect(codes).not.toContain(DRAGOS_DIAGNOSTIC_CODES.unknownSeverity);
  });

  test('severity 6-10 uses the CEF bands with a warning', () => {
    const { finding, codes } = findingOf(readFixture('valid/modeling--v2-severity-outside-dragos-scale.log'));
    expect(finding.Severity).toMatchObject({ Label: 'HIGH', Original: '8' });
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.unknownSeverity);
  });

  test('1.x falls back to originalSeverity when the header is unusable, and flags a mismatch', () => {
    const unusable = findingOf(
      NEW_SOURCE_V1.replace('|New IP Address as Source|1|', '|New IP Address as Source|x|'),
    );
    expect(unusable.finding.Severity).toMatchObject({ Label: 'LOW', Original: '1' });
    const mismatch = findingOf(
      NEW_SOURCE_V1.replace('|New IP Address as Source|1|', '|New IP Address as Source|4|'),
    );
    expect(mismatch.finding.Severity).toMatchObject({ Label: 'HIGH', Original: '4' });
    expect(mismatch.codes).toContain(DRAGOS_DIAGNOSTIC_CODES.severityMismatch);
  });

  test('ATT&CK for ICS: one tactic puts techniques under it; several tactics keep techniques in ProductFields', () => {
    expect(findingOf(CIP_ONE_TACTIC).finding.Types).toEqual([
      'TTPs/Impair Process Control',
      'TTPs/Impair Process Control/Unauthorized Command Message',
    ]);
    const multi = findingOf(CIP_MULTI_TACTIC).finding;
    expect(multi.Types).toEqual([
      'Software and Configuration Checks',
      'TTPs/Impair Process Control',
      'TTPs/Impact',
    ]);
    expect(multi.ProductFields?.['dragos/attack_technique']).toBe(
      'Unauthorized Command Message,Loss of View,Loss of Control,Loss of Safety',
    );
  });

  test('None, N/A and empty values never reach the finding', () => {
    for (const line of [X509, NEW_SOURCE_V2, readFixture('valid/modeling--v2-interactive-session.log')]) {
      const text = JSON.stringify(findingOf(line).finding);
      expect(text).not.toMatch(/"(None|N\/A|)"/);
    }
  });

  test('comma-separated IPs and MACs: both addresses of one asset, IPv4 and IPv6', () => {
    const { finding } = findingOf(X509);
    const destination = finding.Resources?.find((resource) => resource.ResourceRole === 'target');
    expect(destination?.Id).toBe('ot-asset/dragos/dragos/35');
    expect(destination?.Details?.Other).toMatchObject({
      ip: '198.51.100.20, 2001:DB8::250:56FF:FE84:7289',
      mac: '02:00:00:84:72:89, 02:00:00:84:d3:1f',
      hostnames: 'lab1-host.example.com',
      zone: 'RFC1918',
    });
    expect(finding.Network).toMatchObject({ SourceIpV4: '203.0.113.10', DestinationIpV4: '198.51.100.20' });
  });

  test('several asset ids on one side become one Resource each, paired by position', () => {
    const { finding } = findingOf(IOC_TWO_ASSETS);
    const sources = finding.Resources?.filter((resource) => resource.ResourceRole === 'actor') ?? [];
    expect(sources.map((resource) => resource.Id)).toEqual([
      'ot-asset/dragos/dragos/11330',
      'ot-asset/dragos/dragos/11363',
    ]);
    expect(sources.map((resource) => resource.Details?.Other?.ip)).toEqual(['203.0.113.22', '192.0.2.254']);
    expect(sources.map((resource) => resource.Details?.Other?.name)).toEqual(['Asset 11330', 'Asset 11363']);
    expect(sources[0]?.Details?.Other?.addressPairing).toBe('position');
  });

  test('times: CreatedAt/UpdatedAt from createdAt, First/LastObservedAt from occurredAt', () => {
    const { finding } = findingOf(NEW_SOURCE_V2);
    expect(finding).toMatchObject({
      CreatedAt: '2024-10-24T22:48:30.000Z',
      UpdatedAt: '2024-10-24T22:48:30.000Z',
      FirstObservedAt: '2024-10-24T22:34:59.000Z',
      LastObservedAt: '2024-10-24T22:34:59.000Z',
    });
  });

  test('missing createdAt falls back to the sensor syslog time with a warning', () => {
    const line = NEW_SOURCE_V2.replace('deviceCustomDate2=2024-10-24T22:48:30Z ', '');
    const { finding, codes } = findingOf(line);
    expect(finding.CreatedAt).toBe('2024-10-24T22:48:30.689Z');
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.missingCreatedAt);
  });

  test('an unparsable time is ignored with a warning', () => {
    const { finding, codes } = findingOf(
      NEW_SOURCE_V2.replace('deviceCustomDate1=2024-10-24T22:34:59Z', 'deviceCustomDate1=yesterday'),
    );
    expect(finding.FirstObservedAt).toBeUndefined();
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.invalidTimestamp);
  });

  test('the trailing " -- []" of 2.x messages is trimmed from the Description', () => {
    const line = readFixture('valid/asset-discovery--v2-new-ip-as-destination.log');
    expect(findingOf(line).finding.Description).toBe(
      'Asset 11581 seen as an IP destination for the first time',
    );
    expect(findingOf(NEW_SOURCE_V2).finding.Description).toBe(
      'Asset 11580 seen as the IP source for the first time',
    );
  });

  test('the \\n escape in msg becomes a newline', () => {
    expect(findingOf(X509).finding.Description).toContain('observed before.\n subject: \n issuer:');
  });

  test('too many ProductFields: the overflow is dropped and listed in a warning', () => {
    const extra = Array.from({ length: 60 }, (_, index) => `custom${index}=v${index}`).join(' ');
    const { finding, codes } = findingOf(`${NEW_SOURCE_V2} ${extra}`);
    expect(Object.keys(finding.ProductFields ?? {}).length).toBeLessThanOrEqual(50);
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.productFieldsDropped);
    expect(validateFinding(finding)).toEqual({ valid: true });
  });

  test('more than 32 assets: 32 Resources and a warning', () => {
    const ids = Array.from({ length: 40 }, (_, index) => String(1000 + index)).join(',');
    const { finding, codes } = findingOf(NEW_SOURCE_V2.replace('suid=11580', `suid=${ids}`));
    expect(finding.Resources).toHaveLength(32);
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.tooManyAssets);
  });

  test('invalid addresses are dropped with a warning', () => {
    const { finding, codes } = findingOf(
      NEW_SOURCE_V2.replace('src=203.0.113.12', 'src=203.0.113.12,999.1.1.1'),
    );
    expect(finding.Resources?.[0]?.Details?.Other?.ip).toBe('203.0.113.12');
    expect(codes).toContain(DRAGOS_DIAGNOSTIC_CODES.invalidAddress);
  });
});

describe('health and audit events', () => {
  const skipDir = new URL('skip/', FIXTURES);
  const skipped = readdirSync(skipDir).filter((file) => file.endsWith('.log'));

  test.each(skipped)('%s is skipped by default with a reason', (file) => {
    const result = normalize(readFileSync(new URL(file, skipDir), 'utf8'));
    expect(result.outcome).toBe('skipped');
    expect(result.outcome === 'skipped' && result.reason).toMatch(/includeHealthAndAudit/);
  });

  test.each(skipped)('%s becomes a valid INFORMATIONAL finding with includeHealthAndAudit', (file) => {
    const { finding } = findingOf(readFileSync(new URL(file, skipDir), 'utf8'), {
      includeHealthAndAudit: true,
    });
    expect(finding.Severity?.Label).toBe('INFORMATIONAL');
    expect(finding.Types?.[0]).toMatch(
      file.startsWith('audit') ? /^Unusual Behaviors\/User$/ : /^Unusual Behaviors\/Application$/,
    );
    expect(finding.ProductFields?.['dragos/event-class']).toBe(file.split('--')[0]);
    expect(validateFinding(finding)).toEqual({ valid: true });
  });
});

describe('fixture diagnostics', () => {
  const validDir = new URL('valid/', FIXTURES);
  const clean = readdirSync(validDir).filter(
    (file) => file.endsWith('.log') && !readdirSync(validDir).includes(file.replace(/\.log$/, '.codes.json')),
  );
  test.each(clean)('%s (no .codes.json) maps without any diagnostic', (file) => {
    expect(normalize(readFileSync(new URL(file, validDir), 'utf8')).diagnostics).toEqual([]);
  });
});
