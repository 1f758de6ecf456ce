import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterEach } from 'vitest';
import {
  type SecurityHubLocal,
  type SecurityHubLocalOptions,
  startSecurityHubLocal,
} from '../../src/index.js';

export const ACCOUNT = '123456789012';
export const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;

/** A minimal valid finding (asff.md §13) with `overrides` applied. */
export function makeFinding(id: string, overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: PRODUCT_ARN,
    GeneratorId: 'otbridge/test/generator',
    AwsAccountId: ACCOUNT,
    Types: ['Unusual Behaviors/Network Flow'],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: 'HIGH', Original: '8' },
    FindingProviderFields: {
      Severity: { Label: 'HIGH', Original: '8' },
      Types: ['Unusual Behaviors/Network Flow'],
    },
    Title: `Finding ${id}`,
    Description: 'A test finding',
    Resources: [{ Type: 'Other', Id: 'ot-asset/test/site/192.0.2.10' }],
    ...overrides,
  };
}

/** A valid finding whose JSON is exactly `bytes` long, padded with Resources[].Details.Other values. */
export function makeFindingOfSize(id: string, bytes: number): AwsSecurityFinding {
  const resources: NonNullable<AwsSecurityFinding['Resources']> = [];
  const finding = makeFinding(id, { Resources: resources });
  const size = () => Buffer.byteLength(JSON.stringify(finding));
  while (size() < bytes) {
    const other: Record<string, string> = {};
    resources.push({ Type: 'Other', Id: `ot-asset/test/${resources.length}`, Details: { Other: other } });
    for (let index = 0; index < 50 && size() < bytes; index += 1) other[`k${index}`] = 'x'.repeat(1000);
  }
  const last = resources.at(-1)!.Details!.Other!;
  const lastKey = Object.keys(last).at(-1)!;
  last[lastKey] = last[lastKey]!.slice(0, last[lastKey]!.length - (size() - bytes));
  return finding;
}

const running: SecurityHubLocal[] = [];

/** Starts a server for one test (closed after it) and a client pointed at it. */
export async function startTestServer(
  options: SecurityHubLocalOptions = {},
  clientOptions: { maxAttempts?: number } = {},
): Promise<{ server: SecurityHubLocal; client: SecurityHubClient }> {
  const server = await startSecurityHubLocal({ quota: false, ...options });
  running.push(server);
  const client = new SecurityHubClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: clientOptions.maxAttempts ?? 1,
  });
  return { server, client };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
