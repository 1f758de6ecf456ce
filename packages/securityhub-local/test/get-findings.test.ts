import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  InvalidInputException,
  paginateGetFindings,
} from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { makeFinding, startTestServer } from './helpers/fixtures.js';

async function seed() {
  const context = await startTestServer();
  const findings = Array.from({ length: 250 }, (_, index) =>
    makeFinding(`g-${String(index).padStart(3, '0')}`, {
      GeneratorId: index % 2 === 0 ? 'gen/even' : 'gen/odd',
      Title: index % 10 === 0 ? `Port scan ${index}` : `Login ${index}`,
      CreatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      UpdatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      Severity: { Label: index % 5 === 0 ? 'CRITICAL' : 'LOW' },
      FindingProviderFields: { Severity: { Label: index % 5 === 0 ? 'CRITICAL' : 'LOW' } },
      RecordState: index % 3 === 0 ? 'ARCHIVED' : 'ACTIVE',
    }),
  );
  for (let offset = 0; offset < findings.length; offset += 100) {
    await context.client.send(
      new BatchImportFindingsCommand({ Findings: findings.slice(offset, offset + 100) }),
    );
  }
  return context;
}

describe('GetFindings', () => {
  it('pages 100 at a time with an opaque NextToken', async () => {
    const { client } = await seed();
    const first = await client.send(new GetFindingsCommand({}));
    expect(first.Findings).toHaveLength(100);
    expect(first.NextToken).toEqual(expect.any(String));
    const ids: string[] = [];
    for await (const page of paginateGetFindings({ client }, { MaxResults: 40 })) {
      expect(page.Findings!.length).toBeLessThanOrEqual(40);
      ids.push(...page.Findings!.map((finding) => finding.Id!));
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('rejects MaxResults over 100 and a foreign NextToken', async () => {
    const { client } = await seed();
    await expect(client.send(new GetFindingsCommand({ MaxResults: 101 }))).rejects.toBeInstanceOf(
      InvalidInputException,
    );
    const page = await client.send(new GetFindingsCommand({ MaxResults: 10 }));
    await expect(
      client.send(new GetFindingsCommand({ MaxResults: 20, NextToken: page.NextToken! })),
    ).rejects.toBeInstanceOf(InvalidInputException);
  });

  it('filters on Id, GeneratorId, SeverityLabel, RecordState and Title prefix (AND across fields)', async () => {
    const { client } = await seed();
    const byId = await client.send(
      new GetFindingsCommand({
        Filters: {
          Id: [
            { Value: 'g-007', Comparison: 'EQUALS' },
            { Value: 'g-008', Comparison: 'EQUALS' },
          ],
        },
      }),
    );
    expect(byId.Findings!.map((finding) => finding.Id)).toEqual(['g-007', 'g-008']);
    const combined = await client.send(
      new GetFindingsCommand({
        Filters: {
          GeneratorId: [{ Value: 'gen/even', Comparison: 'EQUALS' }],
          SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
          Title: [{ Value: 'Port scan', Comparison: 'PREFIX' }],
          ProductArn: [{ Value: makeFinding('x').ProductArn!, Comparison: 'EQUALS' }],
        },
      }),
    );
    // index % 10 == 0 (even, CRITICAL, Port scan) and not % 3 == 0: 10, 20, 40, 50, ...
    const expected = Array.from({ length: 250 }, (_, i) => i).filter((i) => i % 10 === 0 && i % 3 !== 0);
    expect(combined.Findings!.map((finding) => finding.Id)).toEqual(
      expected.map((i) => `g-${String(i).padStart(3, '0')}`),
    );
    const negated = await client.send(
      new GetFindingsCommand({
        Filters: { Title: [{ Value: 'Login', Comparison: 'PREFIX_NOT_EQUALS' }] },
        MaxResults: 100,
      }),
    );
    expect(negated.Findings).toHaveLength(25);
  });

  it('filters on a CreatedAt range and sorts', async () => {
    const { client } = await seed();
    const result = await client.send(
      new GetFindingsCommand({
        Filters: { CreatedAt: [{ Start: '2026-01-01T00:00:10Z', End: '2026-01-01T00:00:19.000Z' }] },
        SortCriteria: [{ Field: 'CreatedAt', SortOrder: 'desc' }],
      }),
    );
    expect(result.Findings!.map((finding) => finding.Id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `g-0${19 - i}`),
    );
  });

  it('answers InvalidInputException for a filter it does not support', async () => {
    const { client } = await seed();
    await expect(
      client.send(new GetFindingsCommand({ Filters: { NetworkSourceIpV4: [{ Cidr: '192.0.2.0/24' }] } })),
    ).rejects.toBeInstanceOf(InvalidInputException);
  });
});
