import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One Kinesis record ready for PutRecords. */
export interface EncodedKinesisRecord {
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** Fluentd events (syslog lines) it carries. */
  readonly lines: number;
}

interface UserRecord {
  partitionKey: string;
  data: Buffer;
}

// aws-kinesis-agg's typings import aws-sdk v2 and omit RecordAggregator; this is the part used here.
interface RecordAggregatorInstance {
  checkIfUserRecordFits(record: UserRecord): boolean;
  addUserRecord(record: UserRecord): void;
  build(): { partitionKey: string; data: Buffer } | undefined;
  length(): number;
}

const { RecordAggregator } = require('aws-kinesis-agg') as {
  RecordAggregator: new () => RecordAggregatorInstance;
};

/** A random partition key as fluent-plugin-kinesis makes one (`SecureRandom.hex(16)`). */
export function createRandomPartitionKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Packs Fluentd events into Kinesis records as `kinesis_streams_aggregated` does: KPL aggregated
 * records of up to 1 MB sharing one partition key per batch. A single event goes as a plain record,
 * as `kinesis_streams` sends it.
 */
export function aggregateRecords(
  events: readonly Uint8Array[],
  partitionKey: string,
): EncodedKinesisRecord[] {
  if (events.length === 1) return [{ partitionKey, data: events[0] as Uint8Array, lines: 1 }];
  const output: EncodedKinesisRecord[] = [];
  const aggregator = new RecordAggregator();
  let lines = 0;
  const emit = (): void => {
    const built = aggregator.build();
    if (built !== undefined) output.push({ partitionKey, data: built.data, lines });
    lines = 0;
  };
  for (const event of events) {
    const record = { partitionKey, data: Buffer.from(event.buffer, event.byteOffset, event.byteLength) };
    if (aggregator.length() > 0 && !aggregator.checkIfUserRecordFits(record)) emit();
    aggregator.addUserRecord(record);
    lines++;
  }
  if (aggregator.length() > 0) emit();
  return output;
}
