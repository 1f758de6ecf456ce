import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  type SecurityHubLocal,
  type SecurityHubLocalOptions,
  startSecurityHubLocal,
} from '@otbridge/securityhub-local';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import kinesalite from 'kinesalite';
import S3rver from 's3rver';

/** s3rver accepts only this pair; kinesalite and securityhub-local accept anything. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A kinesalite on 127.0.0.1 with a client for the test side. */
export interface LocalKinesis {
  readonly url: string;
  readonly client: KinesisClient;
  createStream(name: string, shards?: number): Promise<void>;
  /** Every record of the stream's shards from TRIM_HORIZON. */
  readRecords(
    name: string,
  ): Promise<{ shardId: string; sequenceNumber: string; partitionKey: string; data: Buffer }[]>;
  close(): Promise<void>;
}

export async function startKinesis(): Promise<LocalKinesis> {
  const server = kinesalite({ createStreamMs: 5 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
  return {
    url,
    client,
    async createStream(name, shards = 1) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
      await waitUntilStreamExists(
        { client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
        { StreamName: name },
      );
    },
    async readRecords(name) {
      const out: { shardId: string; sequenceNumber: string; partitionKey: string; data: Buffer }[] = [];
      const shards = await client.send(new ListShardsCommand({ StreamName: name }));
      for (const shard of shards.Shards ?? []) {
        const shardId = shard.ShardId ?? '';
        let iterator = (
          await client.send(
            new GetShardIteratorCommand({
              StreamName: name,
              ShardId: shardId,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          )
        ).ShardIterator;
        while (iterator !== undefined) {
          const got = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
          for (const record of got.Records ?? []) {
            out.push({
              shardId,
              sequenceNumber: record.SequenceNumber ?? '',
              partitionKey: record.PartitionKey ?? '',
              data: Buffer.from(record.Data ?? new Uint8Array()),
            });
          }
          if ((got.Records ?? []).length === 0) break;
          iterator = got.NextShardIterator;
        }
      }
      return out;
    },
    async close() {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** securityhub-local on 127.0.0.1 with a test-side client. */
export async function startSecurityHub(
  options: SecurityHubLocalOptions = {},
): Promise<{ hub: SecurityHubLocal; client: SecurityHubClient }> {
  const hub = await startSecurityHubLocal({ port: 0, ...options });
  const client = new SecurityHubClient({
    endpoint: hub.url,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  return { hub, client };
}

/** An s3rver with one bucket in a temporary directory, and a path-style client. */
export async function startS3(
  bucket: string,
): Promise<{ url: string; client: S3Client; close(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'otbridge-cli-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    endpoint: url,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    url,
    client,
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
