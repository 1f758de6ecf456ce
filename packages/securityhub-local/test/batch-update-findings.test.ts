import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  InvalidInputException,
} from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { makeFinding, PRODUCT_ARN, startTestServer } from './helpers/fixtures.js';

describe('BatchUpdateFindings', () => {
  it('updates workflow, note and severity; reports unknown and duplicated identifiers', async () => {
    const now = new Date('2026-02-01T00:00:00.000Z');
    const { server, client } = await startTestServer({ now: () => now });
    await client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('a'), makeFinding('b')] }));
    const result = await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [
          { Id: 'a', ProductArn: PRODUCT_ARN },
          { Id: 'missing', ProductArn: PRODUCT_ARN },
          { Id: 'b', ProductArn: PRODUCT_ARN },
          { Id: 'b', ProductArn: PRODUCT_ARN },
        ],
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'fixed the PLC', UpdatedBy: 'analyst' },
        Severity: { Normalized: 95 },
      }),
    );
    expect(result.ProcessedFindings).toEqual([{ Id: 'a', ProductArn: PRODUCT_ARN }]);
    expect(
      result.UnprocessedFindings?.map((entry) => [entry.FindingIdentifier?.Id, entry.ErrorCode]),
    ).toEqual([
      ['missing', 'FindingNotFound'],
      ['b', 'DuplicatedFindingIdentifier'],
      ['b', 'DuplicatedFindingIdentifier'],
    ]);
    expect(server.store.get(PRODUCT_ARN, 'a')).toMatchObject({
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'fixed the PLC', UpdatedBy: 'analyst', UpdatedAt: now.toISOString() },
      Severity: { Normalized: 95, Label: 'CRITICAL' },
      UpdatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(server.store.get(PRODUCT_ARN, 'b')?.Workflow).toEqual({ Status: 'NEW' });
  });

  it('rejects an invalid workflow status as InvalidInputException', async () => {
    const { client } = await startTestServer();
    await client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('a')] }));
    await expect(
      client.send(
        new BatchUpdateFindingsCommand({
          FindingIdentifiers: [{ Id: 'a', ProductArn: PRODUCT_ARN }],
          Workflow: { Status: 'DONE' as 'NEW' },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInputException);
  });
});
