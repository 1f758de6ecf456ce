import { createRequire } from 'node:module';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { unwrapEnvelope } from '@otbridge/lambda-handler';

const require = createRequire(import.meta.url);

interface LambdaShapedUserRecord {
  data: string;
  sequenceNumber: string;
  subSequenceNumber?: number;
}

const { deaggregateSync } = require('aws-kinesis-agg') as {
  deaggregateSync(
    record: { data: string; partitionKey: string; sequenceNumber: string },
    computeChecksums: boolean,
    callback: (error: Error | null | undefined, records?: LambdaShapedUserRecord[]) => void,
  ): void;
};

/** One syslog line found in the stream. */
export interface StreamLine {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
  /** The line as the handler sees it (envelope removed, `<PRI>` restored). */
  readonly text: string;
}

/**
 * Reads every record of every shard from TRIM_HORIZON, de-aggregates KPL records and unwraps the
 * collector envelope (with `@otbridge/lambda-handler`'s `unwrapEnvelope`). For audits and tests.
 */
export async function readStreamLines(client: KinesisClient, streamName: string): Promise<StreamLine[]> {
  const lines: StreamLine[] = [];
  const shards = await client.send(new ListShardsCommand({ StreamName: streamName }));
  for (const shard of shards.Shards ?? []) {
    const shardId = shard.ShardId as string;
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator !== undefined) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const record of page.Records ?? []) {
        const sequenceNumber = record.SequenceNumber ?? '';
        let users: LambdaShapedUserRecord[] = [];
        deaggregateSync(
          {
            data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
            partitionKey: record.PartitionKey ?? '',
            sequenceNumber,
          },
          true,
          (error, result) => {
            if (!error && result !== undefined) users = result;
          },
        );
        for (const [index, user] of users.entries()) {
          const text = Buffer.from(user.data, 'base64').toString('utf8');
          for (const part of text.split('\n')) {
            if (part === '') continue;
            const unwrapped = unwrapEnvelope(part, { mode: 'auto' });
            lines.push({
              shardId,
              sequenceNumber,
              subSequenceNumber: user.subSequenceNumber ?? index,
              text: unwrapped.ok ? unwrapped.text : part,
            });
          }
        }
      }
      if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return lines;
}
