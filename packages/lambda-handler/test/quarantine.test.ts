import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createS3QuarantineStore,
  type QuarantineObject,
  QuarantineStoreError,
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

  it('throws when the bucket does not exist (the caller keeps the records unfinished)', async () => {
    await expect(
      writeQuarantineObject(client, {
        bucket: 'missing',
        key: 'k',
        object: {} as QuarantineObject,
        deadline: Date.now() + 2000,
      }),
    ).rejects.toThrow();
  });

  it('signs its own PutObject (no S3 client): keys with escapes, spaces and non-ASCII round-trip', async () => {
    const store = createS3QuarantineStore({
      region: 'us-east-1',
      endpoint: s3.url,
      credentials: LOCAL_CREDENTIALS,
    });
    const key = toQuarantineObjectKey({
      prefix: 'odd prefix/ü+(1)!/',
      streamName: 'my stream',
      shardId: 'shardId-0',
      firstSequenceNumber: '49*1',
    });
    expect(key).toContain('%');
    const body = JSON.stringify({ schemaVersion: 1, entries: [], note: 'é' });
    await store.putObject({ bucket: 'quarantine', key, body, contentType: 'application/json' });
    const stored = await readQuarantine(client, 'quarantine');
    expect(stored.get(key)).toEqual(JSON.parse(body));
  });

  it('reports S3 error responses with their code and status (unknown key id, missing bucket)', async () => {
    const put = (store: ReturnType<typeof createS3QuarantineStore>, bucket: string) =>
      store.putObject({ bucket, key: 'k.json', body: '{}', contentType: 'application/json' });
    const unknown = createS3QuarantineStore({
      region: 'us-east-1',
      endpoint: s3.url,
      credentials: { accessKeyId: 'NOBODY', secretAccessKey: 'x' },
    });
    const denied = await put(unknown, 'quarantine').catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(QuarantineStoreError);
    expect(denied).toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
    const store = createS3QuarantineStore({
      region: 'us-east-1',
      endpoint: s3.url,
      credentials: LOCAL_CREDENTIALS,
    });
    const missing = await put(store, 'no-such-bucket').catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });

  it('sends a SigV4 signature that an independent verifier (per the spec, S3 flavour) accepts', async () => {
    // s3rver does not check SigV4 signatures, so a capture server recomputes this one from what arrived.
    const received: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const capture = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = capture.address() as AddressInfo;
      const credentials = {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      };
      const store = createS3QuarantineStore({
        region: 'eu-west-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials,
      });
      const key = 'q/a b%2F/ü(1)*.json';
      await store.putObject({ bucket: 'bkt', key, body: '{"é":1}', contentType: 'application/json' });
      const [request] = received;
      expect(request?.path).toBe('/bkt/q/a%20b%252F/%C3%BC%281%29%2A.json');
      expect(verifySigV4(request!, credentials.secretAccessKey, 'eu-west-1')).toBe(true);
      expect(
        verifySigV4({ ...request!, body: Buffer.from('{"e":1}') }, credentials.secretAccessKey, 'eu-west-1'),
      ).toBe(false);
    } finally {
      capture.close();
    }
  });
});

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** AWS SigV4 for S3 (path used as sent, no query, payload hash in x-amz-content-sha256). */
function verifySigV4(
  request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer },
  secretAccessKey: string,
  region: string,
): boolean {
  const authorization = String(request.headers.authorization);
  const match =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (match === null || match[2] !== region) return false;
  const [, day, , signedHeaders, signature] = match as unknown as [string, string, string, string, string];
  const payloadHash = sha256Hex(request.body);
  if (request.headers['x-amz-content-sha256'] !== payloadHash) return false;
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(request.headers[name]).trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    `${day}/${region}/s3/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 's3'), 'aws4_request');
  return hmac(signingKey, stringToSign).toString('hex') === signature;
}
