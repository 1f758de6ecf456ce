import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createBaseFinding } from '../../src/asff/create-base-finding.js';
import { createFindingId } from '../../src/asff/create-finding-id.js';
import { toAsffNetwork } from '../../src/asff/to-asff-network.js';
import { withFindingProviderFields } from '../../src/asff/to-asff-severity.js';
import { toFindingType } from '../../src/asff/to-finding-type.js';
import { toOtAssetResource } from '../../src/asff/to-ot-asset-resource.js';
import { toProductFields } from '../../src/asff/to-product-fields.js';
import { validateFinding } from '../../src/asff/validate-finding.js';
import type { NormalizeContext } from '../../src/parser/vendor-parser.js';

const context: NormalizeContext = {
  now: new Date('2026-01-01T00:00:00.000Z'),
  awsAccountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
};

describe('createBaseFinding', () => {
  it('uses a fresh toProductFields result once, then copies it; other objects are always copied', () => {
    const input = {
      id: createFindingId({ vendor: 'dragos', sensor: 'site-a', eventId: '1' }),
      generatorId: 'dragos/detection/42',
      title: 'Modbus write',
      severity: { normalized: 72, original: '4' },
      types: [],
      createdAt: new Date('2025-05-01T12:00:00Z'),
      resources: [toOtAssetResource({ id: 'plc-7', vendor: 'dragos' })],
    };
    const { fields } = toProductFields([
      ['__proto__', 'p'],
      ['b', '2'],
    ]);
    const first = createBaseFinding(context, { ...input, productFields: fields });
    const second = createBaseFinding(context, { ...input, productFields: fields });
    expect(first.ProductFields).toBe(fields);
    expect(second.ProductFields).not.toBe(fields);
    expect(JSON.stringify(second.ProductFields)).toBe('{"__proto__":"p","b":"2"}');
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    const plain = { c: '3' };
    expect(createBaseFinding(context, { ...input, productFields: plain }).ProductFields).not.toBe(plain);
    expect(
      createBaseFinding(context, { ...input, productFields: toProductFields([]).fields }),
    ).not.toHaveProperty('ProductFields');
  });

  it('fills the bookkeeping fields and mirrors FindingProviderFields', () => {
    const finding = createBaseFinding(context, {
      id: createFindingId({ vendor: 'dragos', sensor: 'site-a', eventId: '1' }),
      generatorId: 'dragos/detection/42',
      title: 'Modbus write',
      severity: { normalized: 72, original: '4' },
      types: ['Unusual Behaviors/Network Flow', 'Unusual Behaviors/Network Flow'],
      createdAt: new Date('2025-05-01T12:00:00Z'),
      firstObservedAt: new Date('2025-05-01T11:59:58Z'),
      resources: [toOtAssetResource({ id: 'plc-7', vendor: 'dragos' })],
      companyName: 'Dragos',
    });
    expect(finding).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
      ProductName: 'otbridge',
      CompanyName: 'Dragos',
      AwsAccountId: '123456789012',
      Types: ['Unusual Behaviors/Network Flow'],
      CreatedAt: '2025-05-01T12:00:00.000Z',
      UpdatedAt: '2025-05-01T12:00:00.000Z',
      FirstObservedAt: '2025-05-01T11:59:58.000Z',
      LastObservedAt: '2025-05-01T11:59:58.000Z',
      Severity: { Label: 'HIGH', Normalized: 72, Original: '4' },
      FindingProviderFields: {
        Severity: { Label: 'HIGH', Original: '4' },
        Types: ['Unusual Behaviors/Network Flow'],
      },
      Description: 'Modbus write',
      RecordState: 'ACTIVE',
    });
    expect(validateFinding(finding)).toEqual({ valid: true });
  });

  it('lets the context override ProductArn, CompanyName and ProductName', () => {
    const finding = createBaseFinding(
      {
        ...context,
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
        companyName: 'ACME OT',
        productName: 'ACME bridge',
      },
      {
        id: 'x',
        generatorId: 'g',
        title: 't',
        severity: { Label: 'LOW', Normalized: 1, Original: 'low' },
        types: ['TTPs'],
        createdAt: new Date('2025-05-01T12:00:00Z'),
        resources: [{ Type: 'Other', Id: 'r' }],
        companyName: 'Dragos',
      },
    );
    expect(finding.ProductArn).toBe(
      'arn:aws-us-gov:securityhub:us-gov-west-1:123456789012:product/123456789012/default',
    );
    expect(finding.CompanyName).toBe('ACME OT');
    expect(finding.ProductName).toBe('ACME bridge');
  });

  it('falls back to context.now for an invalid Date and to the title for a blank description', () => {
    const finding = createBaseFinding(context, {
      id: 'x',
      generatorId: ' ',
      title: '',
      description: '  ',
      severity: { normalized: 0, original: '' },
      types: [],
      createdAt: new Date(Number.NaN),
      resources: [{ Type: 'Other', Id: 'r' }],
    });
    expect(finding.CreatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(finding.Title).toBe('otbridge/unknown-generator');
    expect(finding.Description).toBe(finding.Title);
    expect(finding.Severity).toEqual({ Label: 'INFORMATIONAL', Normalized: 0, Original: '0' });
  });

  const vendorText = fc.string({ unit: 'grapheme', maxLength: 1500 });
  const input = fc.record({
    vendor: fc.string(),
    sensor: fc.string(),
    eventId: fc.option(fc.string(), { nil: undefined }),
    generatorId: fc.string({ maxLength: 600 }),
    title: vendorText,
    description: fc.option(vendorText, { nil: undefined }),
    normalized: fc.double(),
    original: fc.string({ maxLength: 100 }),
    types: fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { maxLength: 60 }),
    createdAt: fc.date(),
    updatedAt: fc.option(fc.date(), { nil: undefined }),
    assets: fc.array(
      fc.record(
        {
          id: fc.string(),
          ips: fc.array(fc.ipV4()),
          zone: fc.string(),
          details: fc.dictionary(fc.string(), fc.string(), { maxKeys: 60 }),
        },
        { requiredKeys: [] },
      ),
      { minLength: 1, maxLength: 40 },
    ),
    productFields: fc.array(fc.tuple(fc.string({ maxLength: 150 }), fc.string({ maxLength: 2100 })), {
      maxLength: 60,
    }),
    sourceIp: fc.option(fc.ipV4(), { nil: undefined }),
    destinationPort: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
    partition: fc.constantFrom('aws' as const, 'aws-cn' as const, 'aws-us-gov' as const),
  });

  test.prop([input], { numRuns: 200 })('any finding built from the helpers is schema-valid', (values) => {
    const finding = createBaseFinding(
      {
        ...context,
        partition: values.partition,
        region: values.partition === 'aws-cn' ? 'cn-north-1' : context.region,
      },
      {
        id: createFindingId({
          vendor: values.vendor,
          sensor: values.sensor,
          eventId: values.eventId,
          content: values.title,
        }),
        generatorId: values.generatorId,
        title: values.title,
        description: values.description,
        severity: { normalized: values.normalized, original: values.original },
        types: values.types.map(([a, b, c]) => toFindingType(a, b, c) ?? 'Unusual Behaviors'),
        createdAt: values.createdAt,
        updatedAt: values.updatedAt,
        resources: values.assets.map((asset) => toOtAssetResource(asset)),
        productFields: toProductFields(values.productFields).fields,
        network: toAsffNetwork({ sourceIp: values.sourceIp, destinationPort: values.destinationPort }),
      },
    );
    const result = validateFinding(finding);
    expect(result.valid ? [] : result.errors).toEqual([]);
    // FindingProviderFields is built inline for speed: it must be exactly what the helper mirrors, key order too.
    expect(JSON.stringify(finding)).toBe(JSON.stringify(withFindingProviderFields(finding)));
  });
});
