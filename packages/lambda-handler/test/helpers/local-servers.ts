import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { QuarantineObject } from '../../src/index.js';

/** Fake credentials for local servers (the SDK signs requests; the servers do not check). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A running s3rver with one bucket, in a temporary directory. */
export async function startS3(bucket: string): Promise<{ url: string; close(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'otbridge-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Every quarantine object in the bucket, by key. */
export async function readQuarantine(
  client: S3Client,
  bucket: string,
): Promise<Map<string, QuarantineObject>> {
  const objects = new Map<string, QuarantineObject>();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  for (const item of listed.Contents ?? []) {
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key }));
    objects.set(item.Key ?? '', JSON.parse(await body.Body!.transformToString()) as QuarantineObject);
  }
  return objects;
}
