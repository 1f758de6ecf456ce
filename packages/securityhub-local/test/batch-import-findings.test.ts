import { BatchImportFindingsCommand, InvalidInputException } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { MAX_FINDING_BYTES } from '../src/index.js';
import { ACCOUNT, makeFinding, makeFindingOfSize, startTestServer } from './helpers/fixtures.js';

describe('BatchImportFindings', () => {
  it('imports valid findings and fills the service-side fields', async () => {
    const { server, client } = await startTestServer();
    const result = await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('a'), makeFinding('b')] }),
    );
    expect(result).toMatchObject({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] });
    expect(server.store.size).toBe(2);
    const stored = server.store.findings()[0]!;
    expect(stored).toMatchObject({
      Id: 'a',
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
      Region: 'us-east-1',
      Severity: { Label: 'HIGH', Normalized: 70 },
    });
    expect(typeof stored.ProcessedAt).toBe('string');
  });

  it('reports invalid findings per finding with InvalidInput and imports the rest', async () => {
    const { server, client } = await startTestServer();
    const broken = makeFinding('broken');
    broken.Title = undefined;
    const result = await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('ok'), broken] }),
    );
    expect(result.SuccessCount).toBe(1);
    expect(result.FailedCount).toBe(1);
    expect(result.FailedFindings).toEqual([
      {
        Id: 'broken',
        ErrorCode: 'InvalidInput',
        ErrorMessage: expect.stringMatching(/^Finding does not adhere to Amazon Finding Format\. data/),
      },
    ]);
    expect(server.store.get(makeFinding('ok').ProductArn!, 'broken')).toBeUndefined();
  });

  it('rejects more than 100 findings and an empty list with InvalidInputException', async () => {
    const { client } = await startTestServer();
    const many = Array.from({ length: 101 }, (_, index) => makeFinding(`f-${index}`));
    await expect(client.send(new BatchImportFindingsCommand({ Findings: many }))).rejects.toBeInstanceOf(
      InvalidInputException,
    );
    await expect(client.send(new BatchImportFindingsCommand({ Findings: [] }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      $metadata: { httpStatusCode: 400 },
    });
    const hundred = Array.from({ length: 100 }, (_, index) => makeFinding(`f-${index}`));
    await expect(client.send(new BatchImportFindingsCommand({ Findings: hundred }))).resolves.toMatchObject({
      SuccessCount: 100,
    });
  });

  it('fails a finding larger than 240 KB and accepts one of exactly the limit', async () => {
    const { server, client } = await startTestServer();
    const atLimit = makeFindingOfSize('at-limit', MAX_FINDING_BYTES);
    const over = makeFindingOfSize('over', MAX_FINDING_BYTES + 1);
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(MAX_FINDING_BYTES);
    const result = await client.send(new BatchImportFindingsCommand({ Findings: [atLimit, over] }));
    expect(result.FailedFindings?.map((failure) => [failure.Id, failure.ErrorCode])).toEqual([
      ['over', 'InvalidInput'],
    ]);
    expect(server.store.size).toBe(1);
  });

  it('reports schema rules of the service such as the Types pattern', async () => {
    const { client } = await startTestServer();
    const result = await client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('types', { Types: ['a/b/c/d'] })] }),
    );
    expect(result.FailedFindings).toEqual([
      { Id: 'types', ErrorCode: 'InvalidInput', ErrorMessage: expect.stringContaining('data.Types[0]') },
    ]);
  });

  it('answers a request over 6 MB with 413 and nothing imported', async () => {
    const { server, client } = await startTestServer();
    const findings = Array.from({ length: 26 }, (_, index) => makeFindingOfSize(`big-${index}`, 235_000));
    await expect(client.send(new BatchImportFindingsCommand({ Findings: findings }))).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      $metadata: { httpStatusCode: 413 },
    });
    expect(server.store.size).toBe(0);
  });

  it('fails the whole call for a malformed ProductArn', async () => {
    const { client } = await startTestServer();
    const finding = makeFinding('arn', { ProductArn: `arn:aws:securityhub:::product/${ACCOUNT}/default` });
    await expect(client.send(new BatchImportFindingsCommand({ Findings: [finding] }))).rejects.toBeInstanceOf(
      InvalidInputException,
    );
  });

  it('answers AccessDeniedException for a finding of another account', async () => {
    const { client } = await startTestServer({ accountId: ACCOUNT });
    const foreign = makeFinding('foreign', { AwsAccountId: '210987654321' });
    await expect(client.send(new BatchImportFindingsCommand({ Findings: [foreign] }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('accept-all mode stores findings without validating them', async () => {
    const { server, client } = await startTestServer({ acceptAll: true });
    const broken = makeFinding('loose');
    broken.Title = undefined;
    const result = await client.send(new BatchImportFindingsCommand({ Findings: [broken] }));
    expect(result).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
    expect(server.store.size).toBe(1);
  });

  it('discarding answers like accept-all but keeps nothing', async () => {
    const { server, client } = await startTestServer({ acceptAll: true, discardFindings: true });
    const broken = makeFinding('loose');
    broken.Title = undefined;
    const result = await client.send(
      new BatchImportFindingsCommand({ Findings: [broken, makeFinding('second')] }),
    );
    expect(result).toMatchObject({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] });
    expect(server.store.size).toBe(0);
  });

  it('discarding still validates without accept-all, and keeps nothing', async () => {
    const { server, client } = await startTestServer({ discardFindings: true });
    const broken = makeFinding('broken');
    broken.Title = undefined;
    const result = await client.send(
      new BatchImportFindingsCommand({ Findings: [broken, makeFinding('valid')] }),
    );
    expect(result.SuccessCount).toBe(1);
    expect(result.FailedFindings?.map((failure) => failure.Id)).toEqual(['broken']);
    expect(server.store.size).toBe(0);
  });
});
