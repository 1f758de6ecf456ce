import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ASFF_LIMITS } from '../../src/asff/asff-limits.js';
import { type FindingValidationError, validateFinding } from '../../src/asff/validate-finding.js';
import validateAsffSchema from '../../src/generated/validate-asff-schema.js';
import { typicalFinding } from './finding-fixture.js';

type Mutable = Record<string, unknown>;

function errorsOf(mutate: (finding: Mutable) => void): FindingValidationError[] {
  const finding = typicalFinding() as unknown as Mutable;
  mutate(finding);
  const result = validateFinding(finding);
  return result.valid ? [] : [...result.errors];
}

function rulesOf(mutate: (finding: Mutable) => void): string[] {
  return errorsOf(mutate).map((error) => `${error.pointer} ${error.rule}`);
}

describe('validateFinding', () => {
  it('accepts a typical OT finding', () => {
    expect(validateFinding(typicalFinding())).toEqual({ valid: true });
  });

  it.each([
    ['Title', ASFF_LIMITS.TITLE],
    ['Description', ASFF_LIMITS.DESCRIPTION],
    ['Id', ASFF_LIMITS.ID],
    ['GeneratorId', ASFF_LIMITS.GENERATOR_ID],
    ['CompanyName', ASFF_LIMITS.COMPANY_NAME],
    ['ProductName', ASFF_LIMITS.PRODUCT_NAME],
  ])('enforces the %s length limit of %i at the boundary', (field, limit) => {
    expect(rulesOf((f) => (f[field] = 'x'.repeat(limit)))).toEqual([]);
    const errors = errorsOf((f) => (f[field] = 'x'.repeat(limit + 1)));
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: `/${field}`,
        rule: 'max-length',
        limit,
        serviceErrorCode: 'InvalidInput',
      }),
    ]);
    expect(errors[0]?.message).toContain(String(limit));
  });

  it('counts characters as the service does (code points), so an emoji is one character', () => {
    expect(rulesOf((f) => (f.Title = '😀'.repeat(ASFF_LIMITS.TITLE)))).toEqual([]);
    expect(rulesOf((f) => (f.Title = '😀'.repeat(ASFF_LIMITS.TITLE + 1)))).toEqual(['/Title max-length']);
  });

  it('rejects the required fields when missing, with a pointer to each', () => {
    const rules = rulesOf((f) => {
      delete f.Title;
      delete f.Resources;
      delete f.AwsAccountId;
    });
    expect(rules).toEqual(
      expect.arrayContaining(['/Title required', '/Resources required', '/AwsAccountId required']),
    );
  });

  it('rejects an empty Resources list and more than 32 resources', () => {
    expect(rulesOf((f) => (f.Resources = []))).toEqual(['/Resources min-items']);
    const resources = Array.from({ length: 33 }, (_, index) => ({ Type: 'Other', Id: `r${index}` }));
    expect(rulesOf((f) => (f.Resources = resources))).toEqual(['/Resources max-items']);
  });

  it('rejects a top-level Region', () => {
    expect(rulesOf((f) => (f.Region = 'eu-central-1'))).toEqual(['/Region region-not-allowed']);
  });

  it('requires a severity with Label or Normalized, at the top level or in FindingProviderFields', () => {
    expect(rulesOf((f) => (f.Severity = { Original: '8' }))).toEqual([
      '/Severity severity-label-or-normalized',
    ]);
    expect(rulesOf((f) => (f.Severity = { Normalized: 70 }))).toEqual([]);
    expect(
      rulesOf((f) => {
        delete f.Severity;
        delete f.FindingProviderFields;
      }),
    ).toEqual([' severity-required']);
    expect(
      rulesOf((f) => {
        delete f.Types;
        delete f.FindingProviderFields;
      }),
    ).toEqual([' types-required']);
    expect(
      rulesOf((f) => {
        delete f.Severity;
        delete f.Types;
      }),
    ).toEqual([]);
  });

  it('requires Types items of the form namespace[/category[/classifier]] and at most 50 of them', () => {
    for (const bad of ['', ' ', '/TTPs', 'TTPs/', 'a//b', 'a/b/c/d']) {
      expect(rulesOf((f) => (f.Types = [bad]))).toEqual(['/Types/0 finding-type']);
    }
    expect(rulesOf((f) => (f.Types = ['TTPs', 'TTPs/Discovery', 'TTPs/Discovery/Scan']))).toEqual([]);
    expect(rulesOf((f) => (f.Types = Array.from({ length: 51 }, (_, i) => `TTPs/T${i}`)))).toEqual([
      '/Types max-items',
    ]);
  });

  it.each([
    '2019-01-31T23:00:00Z',
    '2019-01-31T23:00:00.123456789Z',
    '2024-01-04T15:25:10+17:59',
    '2024-01-04T15:25:10-1759',
    '2024-01-04T15:25:10+18:00',
    '2024-01-04T15:25:10+05',
  ])('accepts the documented timestamp %s', (timestamp) => {
    expect(rulesOf((f) => (f.CreatedAt = timestamp))).toEqual([]);
  });

  it.each([
    '2019-01-31 23:00:00Z',
    '2019-01-31t23:00:00Z',
    '2019-01-31T23:00:00.1234567890Z',
    '2024-01-04T15:25:10+18:01',
    '2024-01-04T15:25:10',
    '2024-13-04T15:25:10Z',
    'yesterday',
  ])('rejects the timestamp %s', (timestamp) => {
    const errors = errorsOf((f) => (f.CreatedAt = timestamp));
    expect(errors.map((e) => `${e.pointer} ${e.rule}`)).toEqual(['/CreatedAt timestamp']);
    expect(errors[0]?.message).toContain('toAsffTimestamp');
  });

  it('checks nested timestamps too', () => {
    expect(rulesOf((f) => (f.Note = { Text: 'x', UpdatedBy: 'me', UpdatedAt: 'now' }))).toEqual([
      '/Note/UpdatedAt timestamp',
    ]);
  });

  it('rejects blank strings anywhere', () => {
    expect(rulesOf((f) => (f.Description = '   '))).toEqual(['/Description non-empty']);
    expect(rulesOf((f) => (f.Remediation = { Recommendation: { Text: '' } }))).toEqual([
      '/Remediation/Recommendation/Text non-empty',
    ]);
  });

  it('limits ProductFields to 50 pairs, keys to 128 and values to 2048', () => {
    const fields = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(rulesOf((f) => (f.ProductFields = fields))).toEqual(['/ProductFields max-properties']);
    expect(rulesOf((f) => (f.ProductFields = { ['k'.repeat(129)]: 'v' }))).toEqual([
      `/ProductFields/${'k'.repeat(129)} key-max-length`,
    ]);
    expect(rulesOf((f) => (f.ProductFields = { k: 'v'.repeat(2049) }))).toEqual([
      '/ProductFields/k max-length',
    ]);
    expect(rulesOf((f) => (f.ProductFields = { 'a/b': '' }))).toEqual(['/ProductFields/a~1b non-empty']);
  });

  it('reports the reserved aws/ ProductFields prefix as an otbridge-only rule', () => {
    expect(errorsOf((f) => (f.ProductFields = { 'aws/securityhub/x': 'v' }))).toEqual([
      expect.objectContaining({
        pointer: '/ProductFields/aws~1securityhub~1x',
        rule: 'reserved-key-prefix',
        serviceErrorCode: null,
      }),
    ]);
  });

  it('limits UserDefinedFields values to 1024 and Details.Other to 50 pairs of 127/1023', () => {
    expect(rulesOf((f) => (f.UserDefinedFields = { k: 'v'.repeat(1025) }))).toEqual([
      '/UserDefinedFields/k max-length',
    ]);
    const details = (value: Record<string, string>) => (f: Mutable) =>
      ((f.Resources as Mutable[])[0] = { Type: 'Other', Id: 'x', Details: { Other: value } });
    expect(rulesOf(details({ ['k'.repeat(127)]: 'v'.repeat(1023) }))).toEqual([]);
    expect(rulesOf(details({ k: 'v'.repeat(1024) }))).toEqual(['/Resources/0/Details/Other/k max-length']);
    expect(
      rulesOf(details(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])))),
    ).toEqual(['/Resources/0/Details/Other max-properties']);
  });

  it('limits Severity.Original to 64, Confidence and Criticality to integers 0-100', () => {
    expect(rulesOf((f) => (f.Severity = { Label: 'LOW', Original: 'x'.repeat(65) }))).toEqual([
      '/Severity/Original max-length',
    ]);
    expect(rulesOf((f) => (f.Confidence = 101))).toEqual(['/Confidence maximum']);
    expect(rulesOf((f) => (f.Criticality = -1))).toEqual(['/Criticality minimum']);
    expect(rulesOf((f) => (f.Confidence = 50.5))).toEqual(['/Confidence type']);
    expect(rulesOf((f) => (f.Severity = { Label: 'SEVERE' }))).toEqual(['/Severity/Label enum']);
  });

  it('limits Note, Remediation, Malware and ThreatIntelIndicators', () => {
    expect(
      rulesOf((f) => (f.Note = { Text: 'x'.repeat(513), UpdatedBy: 'a', UpdatedAt: '2025-01-01T00:00:00Z' })),
    ).toEqual(['/Note/Text max-length']);
    expect(rulesOf((f) => (f.Remediation = { Recommendation: { Text: 'x'.repeat(513) } }))).toEqual([
      '/Remediation/Recommendation/Text max-length',
    ]);
    expect(rulesOf((f) => (f.Malware = Array.from({ length: 6 }, () => ({ Name: 'm' }))))).toEqual([
      '/Malware max-items',
    ]);
    expect(rulesOf((f) => (f.Malware = [{ Type: 'VIRUS' }]))).toEqual(['/Malware/0/Name required']);
    expect(
      rulesOf(
        (f) =>
          (f.ThreatIntelIndicators = [{ Type: 'IPV4_ADDRESS', Value: '192.0.2.1', Source: 'x'.repeat(65) }]),
      ),
    ).toEqual(['/ThreatIntelIndicators/0/Source max-length']);
  });

  it('rejects unknown properties, which the SDK would drop silently', () => {
    expect(rulesOf((f) => (f.Tiltle = 'typo'))).toEqual(['/Tiltle unknown-property']);
    expect(rulesOf((f) => (f.Severity = { Label: 'LOW', label: 'LOW' }))).toEqual([
      '/Severity/label unknown-property',
    ]);
  });

  it('maps a malformed ProductArn to the request-level InvalidInputException', () => {
    expect(errorsOf((f) => (f.ProductArn = 'arn:aws:securityhub:::product/111122223333/default'))).toEqual([
      expect.objectContaining({
        pointer: '/ProductArn',
        rule: 'product-arn',
        serviceErrorCode: 'InvalidInputException',
      }),
    ]);
  });

  it('marks IP-form and port-range checks as otbridge-only', () => {
    expect(errorsOf((f) => ((f.Network as Mutable).SourceIpV4 = '2001:db8::1'))).toEqual([
      expect.objectContaining({ pointer: '/Network/SourceIpV4', rule: 'ip-address', serviceErrorCode: null }),
    ]);
    expect(errorsOf((f) => ((f.Network as Mutable).DestinationPort = 70000))).toEqual([
      expect.objectContaining({
        pointer: '/Network/DestinationPort',
        rule: 'maximum',
        serviceErrorCode: null,
      }),
    ]);
  });

  it('rejects findings over 240 KB, counting UTF-8 bytes', () => {
    const bigDetails = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'é'.repeat(1023)]));
    const resources = Array.from({ length: 3 }, (_, i) => ({
      Type: 'Other',
      Id: `r${i}`,
      Details: { Other: bigDetails },
    }));
    const errors = errorsOf((f) => (f.Resources = resources));
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '', rule: 'max-finding-size', limit: ASFF_LIMITS.FINDING_BYTES }),
    ]);
    // The same characters as ASCII stay under the limit: bytes are counted, not characters.
    const ascii = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'e'.repeat(1023)]));
    expect(
      rulesOf((f) => (f.Resources = resources.map((r) => ({ ...r, Details: { Other: ascii } })))),
    ).toEqual([]);
  });

  it('reports a finding that cannot be serialized instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rulesOf((f) => (f.Detection = cyclic))).toEqual([' not-serializable']);
  });

  it('fails a finding whose getters pass the schema when read again (the run that lists errors)', () => {
    // How often one schema run reads Title, counted on a finding that passes.
    let reads = 0;
    const counting = typicalFinding();
    Object.defineProperty(counting, 'Title', {
      enumerable: true,
      get: () => {
        reads++;
        return 'ok';
      },
    });
    expect(validateAsffSchema(counting)).toBe(true);
    const readsPerRun = reads;
    // Blank (invalid) for the first run, fine from then on.
    reads = 0;
    const flipping = typicalFinding();
    Object.defineProperty(flipping, 'Title', {
      enumerable: true,
      get: () => (reads++ < readsPerRun ? ' ' : 'ok'),
    });
    expect(validateFinding(flipping)).toEqual({
      valid: false,
      errors: [expect.objectContaining({ pointer: '', rule: 'unstable-value' })],
    });
  });

  it('gives every error a pointer, a rule and a sentence', () => {
    const errors = errorsOf((f) => {
      f.Title = '';
      f.Confidence = 'high';
      f.Types = ['a//b'];
      f.RecordState = 'GONE';
    });
    expect(errors.length).toBe(4);
    for (const error of errors) {
      expect(error.pointer).toMatch(/^\//);
      expect(error.rule).toMatch(/^[a-z-]+$/);
      expect(error.message).toMatch(/^\/.+\.$/);
    }
  });

  test.prop([fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true })])(
    'never throws and never accepts arbitrary data',
    (value) => {
      const result = validateFinding(value);
      expect(result.valid).toBe(false);
    },
  );

  test.prop([fc.dictionary(fc.string(), fc.anything(), { maxKeys: 6 })])(
    'never throws on finding-like objects',
    (extra) => {
      const result = validateFinding({ ...typicalFinding(), ...extra });
      if (!result.valid) expect(result.errors.length).toBeGreaterThan(0);
    },
  );
});

describe('validateFinding size bound', () => {
  it('falls back to exact serialization for values with toJSON inside loose objects', () => {
    const huge = { toJSON: () => 'x'.repeat(ASFF_LIMITS.FINDING_BYTES) };
    const result = validateFinding({ ...typicalFinding(), Detection: { huge } });
    expect(result.valid ? [] : result.errors.map((e) => e.rule)).toEqual(['max-finding-size']);
  });

  test.prop([fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 32 })])(
    'agrees with Buffer.byteLength(JSON.stringify(finding)) at the limit',
    (text, copies) => {
      const details = Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`k${i}`, `${text}x`.slice(0, 1023)]),
      );
      const resources = Array.from({ length: copies }, (_, i) => ({
        Type: 'Other',
        Id: `r${i}`,
        Details: { Other: details },
      }));
      const finding = { ...typicalFinding(), Resources: resources };
      const oversized = Buffer.byteLength(JSON.stringify(finding)) > ASFF_LIMITS.FINDING_BYTES;
      const result = validateFinding(finding);
      const rules = result.valid ? [] : result.errors.map((e) => e.rule);
      expect(rules.includes('max-finding-size')).toBe(oversized);
    },
  );
});
