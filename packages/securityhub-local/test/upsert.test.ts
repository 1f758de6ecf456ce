import { BatchImportFindingsCommand, BatchUpdateFindingsCommand } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { makeFinding, PRODUCT_ARN, startTestServer } from './helpers/fixtures.js';

const LATER = '2026-01-02T00:00:00.000Z';

describe('BatchImportFindings upsert by (ProductArn, Id)', () => {
  it('ignores an update whose UpdatedAt is not later, applies a later one', async () => {
    const { server, client } = await startTestServer();
    await client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('u')] }));
    const same = await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('u', { Title: 'same time' })] }),
    );
    expect(same.SuccessCount).toBe(1);
    expect(server.store.get(PRODUCT_ARN, 'u')?.Title).toBe('Finding u');
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('u', { Title: 'older', UpdatedAt: '2025-12-31T23:59:59.999999999Z' })],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'u')?.Title).toBe('Finding u');
    await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('u', { Title: 'newer', UpdatedAt: LATER })] }),
    );
    expect(server.store.get(PRODUCT_ARN, 'u')).toMatchObject({ Title: 'newer', UpdatedAt: LATER });
  });

  it('compares UpdatedAt at nanosecond precision and across offsets', async () => {
    const { server, client } = await startTestServer();
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('n', { UpdatedAt: '2026-01-01T00:00:00.000000001Z' })],
      }),
    );
    // 01:00+01:00 is the same instant as 00:00Z minus the extra nanosecond: not later, ignored.
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('n', { Title: 'offset', UpdatedAt: '2026-01-01T01:00:00+01:00' })],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'n')?.Title).toBe('Finding n');
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('n', { Title: 'two ns', UpdatedAt: '2026-01-01T00:00:00.000000002Z' })],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'n')?.Title).toBe('two ns');
  });

  it('keeps the fields a provider may not change and the ones a customer changed', async () => {
    const { server, client } = await startTestServer();
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('k', { UserDefinedFields: { team: 'ot' }, VerificationState: 'UNKNOWN' })],
      }),
    );
    await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'k', ProductArn: PRODUCT_ARN }],
        Workflow: { Status: 'NOTIFIED' },
        Note: { Text: 'looking', UpdatedBy: 'analyst' },
        Severity: { Label: 'LOW' },
      }),
    );
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [
          makeFinding('k', {
            UpdatedAt: LATER,
            CreatedAt: LATER,
            Title: 'updated',
            Workflow: { Status: 'RESOLVED' },
            Note: { Text: 'provider note', UpdatedBy: 'provider', UpdatedAt: LATER },
            UserDefinedFields: { team: 'it' },
            VerificationState: 'TRUE_POSITIVE',
            Severity: { Label: 'CRITICAL' },
            FindingProviderFields: { Severity: { Label: 'CRITICAL' } },
          }),
        ],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'k')).toMatchObject({
      Title: 'updated',
      CreatedAt: '2026-01-01T00:00:00.000Z',
      Workflow: { Status: 'NOTIFIED' },
      Note: { Text: 'looking', UpdatedBy: 'analyst' },
      UserDefinedFields: { team: 'ot' },
      VerificationState: 'UNKNOWN',
      Severity: { Label: 'LOW', Normalized: 1 },
      FindingProviderFields: { Severity: { Label: 'CRITICAL' } },
    });
  });

  it('takes FindingProviderFields over the top level for a new finding', async () => {
    const { server, client } = await startTestServer();
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [
          makeFinding('fpf', {
            Severity: { Label: 'LOW', Original: '2' },
            FindingProviderFields: { Severity: { Label: 'MEDIUM', Original: '5' } },
          }),
        ],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'fpf')?.Severity).toEqual({
      Label: 'MEDIUM',
      Original: '5',
      Normalized: 40,
    });
  });

  it('resets a NOTIFIED workflow to NEW when an archived finding becomes active again', async () => {
    const { server, client } = await startTestServer();
    await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('r', { RecordState: 'ARCHIVED' })] }),
    );
    await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'r', ProductArn: PRODUCT_ARN }],
        Workflow: { Status: 'NOTIFIED' },
      }),
    );
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('r', { RecordState: 'ACTIVE', UpdatedAt: LATER })],
      }),
    );
    expect(server.store.get(PRODUCT_ARN, 'r')).toMatchObject({
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
    });
  });

  it('keeps findings with the same Id apart under different product ARNs', async () => {
    const { server, client } = await startTestServer();
    const otherArn = PRODUCT_ARN.replace('us-east-1', 'eu-central-1');
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [makeFinding('same'), makeFinding('same', { ProductArn: otherArn })],
      }),
    );
    expect(server.store.size).toBe(2);
    expect(server.store.get(otherArn, 'same')?.Region).toBe('eu-central-1');
  });
});
