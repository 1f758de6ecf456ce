import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type QuarantineObject,
  toKinesisCoordinates,
  toQuarantineObjectKey,
  writeQuarantineObject,
} from '../src/index.js';
import { LOCAL_CREDENTIALS, readQuarantine, startS3 } from './helpers/local-servers.js';

let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3('quarantine');
  client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
});
afterAll(async () => s3.close());

describe('quarantine layout', () => {
  it('derives the key from stream, shard and first sequence number', () => {
    const coordinates = toKinesisCoordinates(
      'arn:aws:kinesis:us-east-1:123456789012:stream/ot-events',
      'shardId-000000000003:4959',
    );
    expect(coordinates).toEqual({ streamName: 'ot-events', shardId: 'shardId-000000000003' });
    expect(toQuarantineObjectKey({ prefix: 'q/', ...coordinates, firstSequenceNumber: '4959' })).toBe(
      'q/ot-events/shardId-000000000003/4959.json',
    );
    expect(
      toQuarantineObjectKey({ prefix: '', streamName: '../x', shardId: 's', firstSequenceNumber: '1' }),
    ).toBe('..%2fx/s/1.json');
  });

  it('writes to S3 and a retried batch overwrites its object', async () => {
    const object = (entries: number): QuarantineObject => ({
      schemaVersion: 1,
      eventSourceArn: 'arn',
      streamName: 's',
      shardId: 'shardId-0',
      firstSequenceNumber: '1',
      lastSequenceNumber: '2',
      writtenAt: new Date().toISOString(),
      entries: Array.from({ length: entries }, (_, i) => ({
        reason: 'rejected' as const,
        sequenceNumber: '1',
        lineIndex: i,
        partitionKey: 'p',
        approximateArrivalTimestamp: 1,
        data: Buffer.from('raw').toString('base64'),
        diagnostics: [],
      })),
    });
    const key = toQuarantineObjectKey({
      prefix: 'quarantine/',
      streamName: 's',
      shardId: 'shardId-0',
      firstSequenceNumber: '1',
    });
    await writeQuarantineObject(client, {
      bucket: 'quarantine',
      key,
      object: object(3),
      deadline: Date.now() + 5000,
    });
    await writeQuarantineObject(client, {
      bucket: 'quarantine',
      key,
      object: object(2),
      deadline: Date.now() + 5000,
    });
    const stored = await readQuarantine(client, 'quarantine');
    expect([...stored.keys()]).toEqual([key]);
    expect(stored.get(key)?.entries).toHaveLength(2);
  });

  it('throws the SDK error when the bucket does not exist (the caller keeps the records unfinished)', async () => {
    const error = await writeQuarantineObject(client, {
      bucket: 'missing',
      key: 'k',
      object: {} as QuarantineObject,
      deadline: Date.now() + 2000,
    }).catch((thrown: unknown) => thrown);
    // A 4xx is not retried: the one attempt's error comes back as the SDK shaped it.
    expect(error).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });

  it('keys with escapes, spaces and non-ASCII round-trip through the SDK client', async () => {
    const key = toQuarantineObjectKey({
      prefix: 'odd prefix/ü+(1)!/',
      streamName: 'my stream',
      shardId: 'shardId-0',
      firstSequenceNumber: '49*1',
    });
    expect(key).toContain('%');
    const object = { schemaVersion: 1, entries: [], note: 'é' } as unknown as QuarantineObject;
    await writeQuarantineObject(client, { bucket: 'quarantine', key, object, deadline: Date.now() + 5000 });
    const stored = await readQuarantine(client, 'quarantine');
    expect(stored.get(key)).toEqual(object);
  });
});
