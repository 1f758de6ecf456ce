import { type KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { aggregateRecords, createRandomPartitionKey, type EncodedKinesisRecord } from './kpl-aggregator.js';

/** Largest Fluentd event written (bytes); larger ones are dropped, as fluent-plugin-kinesis does. */
export const MAX_EVENT_BYTES = 1024 * 1024 - 1024;

/** PutRecords limits: 500 records and 5 MiB per call. */
export const PUT_RECORDS_MAX_ENTRIES = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1024 * 1024;

/** Buffered bytes that trigger a flush before the interval ends (about one aggregated record). */
export const FLUSH_THRESHOLD_BYTES = 900 * 1024;

/** Options for `createKinesisWriter`. */
export interface KinesisWriterOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  /** Buffer flush interval (Fluentd `flush_interval`); default 50 ms. */
  readonly flushIntervalMs?: number;
  /** KPL-aggregate a flush of more than one event (default true, `kinesis_streams_aggregated`). */
  readonly aggregate?: boolean;
  readonly onWritten?: (written: {
    records: number;
    lines: number;
    shardId: string;
    sequenceNumber: string;
  }) => void;
  readonly onDropped?: (reason: 'too-large', bytes: number) => void;
  /** A PutRecords attempt failed (the entries are retried, never dropped). */
  readonly onRetry?: (error: unknown) => void;
}

/** Buffers Fluentd events and writes them to Kinesis in order, retrying until every one is accepted. */
export interface KinesisWriter {
  write(event: Uint8Array): void;
  /** Resolves once every event written so far is in the stream. */
  flush(): Promise<void>;
  /** Events buffered or in flight. */
  readonly pendingLines: number;
  /** Highest sequence number written per shard (decimal strings). */
  lastSequenceNumbers(): ReadonlyMap<string, string>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the writer (one flush in flight at a time, so the stream keeps arrival order). */
export function createKinesisWriter(options: KinesisWriterOptions): KinesisWriter {
  const interval = options.flushIntervalMs ?? 50;
  const aggregate = options.aggregate ?? true;
  let buffer: Uint8Array[] = [];
  let bufferBytes = 0;
  let inFlightLines = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const last = new Map<string, string>();

  const schedule = (): void => {
    if (timer === undefined && !closed) timer = setTimeout(() => void flush(), interval);
  };

  const putAll = async (records: EncodedKinesisRecord[]): Promise<void> => {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const entries: PutRecordsRequestEntry[] = pending.map((record) => ({
        Data: record.data,
        PartitionKey: record.partitionKey,
      }));
      try {
        const response = await options.client.send(
          new PutRecordsCommand({ StreamName: options.streamName, Records: entries }),
        );
        // Results are positional; an entry with no result (a short answer) is retried, never taken as written.
        const results = response.Records ?? [];
        const again: EncodedKinesisRecord[] = [];
        for (const [index, record] of pending.entries()) {
          const result = results[index];
          if (result === undefined || result.ErrorCode !== undefined || result.SequenceNumber === undefined) {
            again.push(record);
            continue;
          }
          const shardId = result.ShardId ?? 'shardId-000000000000';
          const previous = last.get(shardId);
          if (previous === undefined || BigInt(result.SequenceNumber) > BigInt(previous)) {
            last.set(shardId, result.SequenceNumber);
          }
          inFlightLines -= record.lines;
          options.onWritten?.({
            records: 1,
            lines: record.lines,
            shardId,
            sequenceNumber: result.SequenceNumber,
          });
        }
        pending = again;
      } catch (error) {
        options.onRetry?.(error);
      }
      if (pending.length > 0) await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)));
    }
  };

  const writeBatch = async (events: Uint8Array[]): Promise<void> => {
    const partitionKey = createRandomPartitionKey();
    const records = aggregate
      ? aggregateRecords(events, partitionKey)
      : events.map((data) => ({ partitionKey: createRandomPartitionKey(), data, lines: 1 }));
    // Group into PutRecords calls within the per-call limits.
    let call: EncodedKinesisRecord[] = [];
    let callBytes = 0;
    for (const record of records) {
      const size = record.data.byteLength + record.partitionKey.length;
      if (
        call.length > 0 &&
        (call.length >= PUT_RECORDS_MAX_ENTRIES || callBytes + size > PUT_RECORDS_MAX_BYTES)
      ) {
        await putAll(call);
        call = [];
        callBytes = 0;
      }
      call.push(record);
      callBytes += size;
    }
    if (call.length > 0) await putAll(call);
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (buffer.length > 0) {
      const events = buffer;
      buffer = [];
      bufferBytes = 0;
      chain = chain.then(() => writeBatch(events));
    }
    return chain;
  };

  return {
    write(event) {
      if (event.byteLength > MAX_EVENT_BYTES) {
        options.onDropped?.('too-large', event.byteLength);
        return;
      }
      buffer.push(event);
      bufferBytes += event.byteLength;
      inFlightLines++;
      if (bufferBytes >= FLUSH_THRESHOLD_BYTES) void flush();
      else schedule();
    },
    flush,
    get pendingLines() {
      return inFlightLines;
    },
    lastSequenceNumbers: () => last,
    async close() {
      await flush();
      closed = true;
    },
  };
}
