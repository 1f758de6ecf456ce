import type { AddressInfo } from 'node:net';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisStreamRecord } from 'aws-lambda';
import kinesalite from 'kinesalite';
import { LOCAL_CREDENTIALS } from './local-servers.js';

/** Puts records into a fresh one-shard kinesalite stream and reads them back as Lambda event records. */
export async function roundTripThroughKinesis(
  streamName: string,
  records: readonly Uint8Array[],
): Promise<KinesisStreamRecord[]> {
  const server = kinesalite({ createStreamMs: 5 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new KinesisClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
  try {
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    await waitUntilStreamExists(
      { client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { StreamName: streamName },
    );
    for (let start = 0; start < records.length; start += 500) {
      const chunk = records.slice(start, start + 500);
      const put = await client.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: chunk.map((data, i) => ({ Data: data, PartitionKey: `pk-${start + i}` })),
        }),
      );
      if (put.FailedRecordCount) throw new Error(`PutRecords failed for ${put.FailedRecordCount} records`);
    }
    const shards = await client.send(new ListShardsCommand({ StreamName: streamName }));
    const shardId = shards.Shards?.[0]?.ShardId ?? 'shardId-000000000000';
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    const out: KinesisStreamRecord[] = [];
    while (iterator !== undefined && out.length < records.length) {
      const got = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const record of got.Records ?? []) {
        const sequenceNumber = record.SequenceNumber ?? '';
        out.push({
          awsRegion: 'us-east-1',
          eventID: `${shardId}:${sequenceNumber}`,
          eventName: 'aws:kinesis:record',
          eventSource: 'aws:kinesis',
          eventSourceARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${streamName}`,
          eventVersion: '1.0',
          invokeIdentityArn: 'arn:aws:iam::123456789012:role/otbridge',
          kinesis: {
            data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
            sequenceNumber,
            partitionKey: record.PartitionKey ?? '',
            kinesisSchemaVersion: '1.0',
            approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
          },
        });
      }
      iterator = got.NextShardIterator;
    }
    return out;
  } finally {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}
