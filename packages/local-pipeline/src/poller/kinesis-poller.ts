import {
  type _Record,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import type { CheckpointStore } from './checkpoint-store.js';
import { type LambdaKinesisEvent, type LambdaKinesisRecord, readBatchResponse } from './lambda-event.js';

/** Lambda's synchronous invocation payload limit (bytes), which bounds a batch besides `batchSize`. */
export const MAX_INVOCATION_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** The result of one invocation, as the event source mapping sees it. */
export type InvocationOutcome =
  | { readonly ok: true; readonly response: unknown }
  | { readonly ok: false; readonly error: string };

/** What the poller reports after each invocation. */
export interface PollerBatchReport {
  readonly shardId: string;
  readonly records: number;
  readonly result: 'success' | 'partial' | 'error';
  /** Records checkpointed by this invocation. */
  readonly checkpointed: number;
  readonly error?: string;
}

/** Options for `startKinesisPoller`. */
export interface KinesisPollerOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  readonly streamArn: string;
  readonly region: string;
  readonly checkpoints: CheckpointStore;
  readonly invoke: (event: LambdaKinesisEvent) => Promise<InvocationOutcome>;
  /** Records per invocation (Lambda `BatchSize`, default 100). */
  readonly batchSize?: number;
  /** Wait between polls of an idle shard; default 200 ms (Lambda polls about once a second). */
  readonly pollIntervalMs?: number;
  /** `TRIM_HORIZON` (default) or `LATEST` for shards without a checkpoint. */
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  readonly onBatch?: (report: PollerBatchReport) => void;
  readonly onError?: (error: unknown) => void;
}

/** A running poller. */
export interface KinesisPoller {
  /** True when every shard's last read returned nothing and nothing is waiting to be invoked. */
  readonly caughtUp: boolean;
  /** Finishes the invocation in flight, then stops. */
  stop(): Promise<void>;
}

const RECORD_OVERHEAD_BYTES = 512;

function toEvent(
  records: readonly _Record[],
  shardId: string,
  options: KinesisPollerOptions,
): LambdaKinesisEvent {
  return {
    Records: records.map((record) => ({
      awsRegion: options.region,
      eventID: `${shardId}:${record.SequenceNumber ?? ''}`,
      eventName: 'aws:kinesis:record',
      eventSource: 'aws:kinesis',
      eventSourceARN: options.streamArn,
      eventVersion: '1.0',
      invokeIdentityArn: `arn:aws:iam::${options.streamArn.split(':')[4] ?? '000000000000'}:role/otbridge-local`,
      kinesis: {
        approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? Date.now()) / 1000,
        data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
        kinesisSchemaVersion: '1.0',
        partitionKey: record.PartitionKey ?? '',
        sequenceNumber: record.SequenceNumber ?? '',
      },
    })),
  };
}

/** Polls every shard of the stream and invokes the function per batch with Lambda's checkpoint rules. */
export async function startKinesisPoller(options: KinesisPollerOptions): Promise<KinesisPoller> {
  const batchSize = options.batchSize ?? 100;
  const pollInterval = options.pollIntervalMs ?? 200;
  const shardIds: string[] = [];
  let token: string | undefined;
  do {
    const listed = await options.client.send(
      new ListShardsCommand(token === undefined ? { StreamName: options.streamName } : { NextToken: token }),
    );
    for (const shard of listed.Shards ?? []) if (shard.ShardId !== undefined) shardIds.push(shard.ShardId);
    token = listed.NextToken;
  } while (token !== undefined);

  let stopping = false;
  const wakers = new Set<() => void>();
  const caughtUp = new Map<string, boolean>(shardIds.map((id) => [id, false]));
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const getIterator = async (shardId: string, after: string | undefined): Promise<string | undefined> => {
    const response = await options.client.send(
      new GetShardIteratorCommand(
        after === undefined
          ? {
              StreamName: options.streamName,
              ShardId: shardId,
              ShardIteratorType: options.startingPosition ?? 'TRIM_HORIZON',
            }
          : {
              StreamName: options.streamName,
              ShardId: shardId,
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              StartingSequenceNumber: after,
            },
      ),
    );
    return response.ShardIterator;
  };

  const runShard = async (shardId: string): Promise<void> => {
    let queue: _Record[] = [];
    let lastFetched = options.checkpoints.get(shardId);
    let iterator: string | undefined;
    let failures = 0;
    let closed = false;
    while (!stopping) {
      try {
        if (queue.length === 0) {
          if (closed) return;
          iterator ??= await getIterator(shardId, lastFetched);
          if (iterator === undefined) return;
          let response: GetRecordsCommandOutput;
          try {
            response = await options.client.send(
              new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.max(batchSize, 100) }),
            );
          } catch (error) {
            if (error instanceof ExpiredIteratorException) {
              iterator = undefined;
              continue;
            }
            throw error;
          }
          iterator = response.NextShardIterator;
          if (iterator === undefined) closed = true;
          queue = response.Records ?? [];
          const tail = queue.at(-1)?.SequenceNumber;
          if (tail !== undefined) lastFetched = tail;
          caughtUp.set(shardId, queue.length === 0 && (response.MillisBehindLatest ?? 0) === 0);
          if (queue.length === 0) {
            await sleep(pollInterval);
            continue;
          }
        }
        // A batch: up to batchSize records within the invocation payload limit (at least one record).
        let bytes = 0;
        let count = 0;
        for (const record of queue) {
          const size = Math.ceil(((record.Data?.byteLength ?? 0) * 4) / 3) + RECORD_OVERHEAD_BYTES;
          if (count > 0 && (count >= batchSize || bytes + size > MAX_INVOCATION_PAYLOAD_BYTES)) break;
          bytes += size;
          count++;
        }
        const batch = queue.slice(0, count);
        const event = toEvent(batch, shardId, options);
        const outcome = await options.invoke(event);
        const decision = outcome.ok
          ? readBatchResponse(outcome.response, event.Records as LambdaKinesisRecord[])
          : ({ kind: 'failure', reason: outcome.error } as const);
        let done = 0;
        if (decision.kind === 'success') done = batch.length;
        else if (decision.kind === 'partial') done = decision.index;
        if (done > 0) {
          options.checkpoints.set(shardId, batch[done - 1]?.SequenceNumber as string);
          queue = queue.slice(done);
        }
        options.onBatch?.({
          shardId,
          records: batch.length,
          result: decision.kind === 'failure' ? 'error' : decision.kind,
          checkpointed: done,
          ...(decision.kind === 'failure' ? { error: decision.reason } : {}),
        });
        if (decision.kind === 'success') {
          failures = 0;
        } else {
          // Lambda retries from the checkpoint; back off so a throttled destination can recover.
          failures++;
          await sleep(Math.min(3_000, 200 * 2 ** Math.min(failures - 1, 4)));
        }
      } catch (error) {
        options.onError?.(error);
        iterator = undefined;
        queue = [];
        lastFetched = options.checkpoints.get(shardId);
        await sleep(1_000);
      }
    }
  };

  const loops = shardIds.map((shardId) => runShard(shardId));
  return {
    get caughtUp() {
      return [...caughtUp.values()].every(Boolean);
    },
    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
    },
  };
}
