import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

/** A small ASFF finding for importer tests (the local server validates with the test's own validator). */
export function makeFinding(
  id: string,
  options: { updatedAt?: string; padding?: number; title?: string } = {},
): AwsSecurityFinding {
  const time = options.updatedAt ?? '2026-01-01T00:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
    GeneratorId: 'otbridge-test',
    AwsAccountId: '123456789012',
    Types: ['TTPs/Discovery'],
    CreatedAt: time,
    UpdatedAt: time,
    Severity: { Label: 'LOW' },
    Title: options.title ?? `finding ${id}`,
    Description: 'x'.repeat(options.padding ?? 10),
    Resources: [{ Type: 'Other', Id: 'asset-1' }],
  };
}
