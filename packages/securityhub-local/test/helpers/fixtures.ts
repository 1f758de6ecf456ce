import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { afterEach } from 'vitest';
import {
  type FindingCheckResult,
  type SecurityHubLocal,
  type SecurityHubLocalOptions,
  startSecurityHubLocal,
} from '../../src/index.js';
import { resolveCoreValidator } from '../../src/validation/finding-validator.js';

export const ACCOUNT = '123456789012';
export const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;

const REQUIRED = [
  'SchemaVersion',
  'Id',
  'ProductArn',
  'GeneratorId',
  'AwsAccountId',
  'CreatedAt',
  'UpdatedAt',
  'Title',
  'Description',
  'Resources',
];

// Stands in for core's validateFinding only while core does not export it yet (required members only).
function requiredMembersValidator(finding: unknown): FindingCheckResult {
  const record = finding as Record<string, unknown>;
  const errors = REQUIRED.filter((name) => record[name] === undefined).map((name) => ({
    pointer: '',
    rule: 'required',
    message: `should have required property '${name}'`,
  }));
  return errors.length === 0 ? { valid: true } : { valid: false, errors };
}

/** core's validateFinding when it exists, else the stand-in above. */
export const testValidator = resolveCoreValidator() ?? requiredMembersValidator;

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
    FindingProviderFields: { Severity: { Label: 'HIGH', Original: '8' }, Types: ['Unusual Behaviors/Network Flow'] },
    Title: `Finding ${id}`,
    Description: 'A test finding',
    Resources: [{ Type: 'Other', Id: 'ot-asset/test/site/192.0.2.10' }],
    ...overrides,
  };
}

const running: SecurityHubLocal[] = [];

/** Starts a server for one test (closed after it) and a client pointed at it. */
export async function startTestServer(
  options: SecurityHubLocalOptions = {},
  clientOptions: { maxAttempts?: number } = {},
): Promise<{ server: SecurityHubLocal; client: SecurityHubClient }> {
  const server = await startSecurityHubLocal({ validate: testValidator, quota: false, ...options });
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
