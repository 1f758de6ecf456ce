import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  InternalException,
} from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/quota/token-bucket.js';
import { makeFinding, startTestServer } from './helpers/fixtures.js';

describe('quota', () => {
  it('allows a burst of 30 imports, then throttles with 429 TooManyRequestsException', async () => {
    const { client } = await startTestServer({ quota: { rate: 0.001, burst: 30 } });
    const command = () => client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('q')] }));
    for (let index = 0; index < 30; index += 1) await command();
    const error = await command().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    // Each operation has its own bucket.
    await expect(client.send(new GetFindingsCommand({}))).resolves.toBeDefined();
  });

  it('answers the configured throttling code', async () => {
    const { client } = await startTestServer({
      quota: { rate: 0.001, burst: 1 },
      throttleErrorCode: 'LimitExceededException',
    });
    await client.send(new GetFindingsCommand({}));
    await expect(client.send(new GetFindingsCommand({}))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
  });

  it('refills at the configured rate (token bucket with a fake clock)', () => {
    let now = 0;
    const bucket = new TokenBucket({ rate: 10, burst: 3 }, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now = 100;
    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
    now = 10_000;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('fault injection', () => {
  it('forced throttling is retried by the SDK as throttling', async () => {
    const { client, server } = await startTestServer(
      { faults: { throttleNextRequests: 1 } },
      { maxAttempts: 3 },
    );
    const result = await client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('t')] }));
    expect(result.$metadata.attempts).toBe(2);
    expect(server.store.size).toBe(1);
  });

  it('forced 500s arrive as InternalException and are retried as transient', async () => {
    const { client, server } = await startTestServer({ faults: { failNextRequests: 1 } });
    await expect(client.send(new GetFindingsCommand({}))).rejects.toBeInstanceOf(InternalException);
    server.setFaults({ failNextRequests: 1 });
    const { client: retrying } = { client: await retryingClient(server.url) };
    await expect(retrying.send(new GetFindingsCommand({}))).resolves.toMatchObject({
      $metadata: { attempts: 2 },
    });
  });

  it('throttle: true throttles every request until the faults are cleared', async () => {
    const { client, server } = await startTestServer({ faults: { throttle: true } });
    await expect(client.send(new GetFindingsCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 429 },
    });
    server.setFaults({});
    await expect(client.send(new GetFindingsCommand({}))).resolves.toBeDefined();
  });

  it('errorRate and findingErrorRate fail about that share, reproducibly for a seed', async () => {
    const { client, server } = await startTestServer({ faults: { findingErrorRate: 0.5, seed: 7 } });
    const findings = Array.from({ length: 100 }, (_, index) => makeFinding(`e-${index}`));
    const result = await client.send(new BatchImportFindingsCommand({ Findings: findings }));
    expect(result.FailedCount).toBeGreaterThan(25);
    expect(result.FailedCount).toBeLessThan(75);
    expect(new Set(result.FailedFindings?.map((failure) => failure.ErrorCode))).toEqual(
      new Set(['InternalFailure']),
    );
    server.store.clear();
    server.setFaults({ findingErrorRate: 0.5, seed: 7 });
    const again = await client.send(new BatchImportFindingsCommand({ Findings: findings }));
    expect(again.FailedFindings).toEqual(result.FailedFindings);

    server.setFaults({ errorRate: 0.3, seed: 1 });
    let failures = 0;
    for (let index = 0; index < 100; index += 1) {
      failures += await client.send(new GetFindingsCommand({ MaxResults: 1 })).then(
        () => 0,
        () => 1,
      );
    }
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(50);
  });

  it('latency delays the answer', async () => {
    const { client } = await startTestServer({ faults: { latencyMs: 60 } });
    const started = performance.now();
    await client.send(new GetFindingsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

async function retryingClient(endpoint: string) {
  const { SecurityHubClient } = await import('@aws-sdk/client-securityhub');
  return new SecurityHubClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 2,
  });
}
