import type { Diagnostic } from '@otbridge/core';

/** Version of the quarantine object layout; the CLI refuses versions it does not know. */
export const QUARANTINE_SCHEMA_VERSION = 1;

/** Why an entry is in quarantine. */
export type QuarantineReason =
  /** The Kinesis record could not be decoded (bad KPL aggregate, decompression bomb, no data). */
  | 'undecodable-record'
  /** The envelope had no usable line (JSON without the message key...). */
  | 'invalid-envelope'
  /** `normalizeLine` rejected the line (unparseable, no parser, schema violation). */
  | 'rejected'
  /** Security Hub answered with a permanent `FailedFindings` code, or the finding exceeds 240 KB. */
  | 'finding-rejected';

/** One quarantined record or line, with enough to replay it. */
export interface QuarantineEntry {
  readonly reason: QuarantineReason;
  readonly sequenceNumber: string;
  /** KPL user record index; absent for `undecodable-record`. */
  readonly subSequenceNumber?: number;
  /** Index of the non-empty line within the user record; absent for `undecodable-record`. */
  readonly lineIndex?: number;
  readonly partitionKey: string;
  /** Epoch seconds, as Kinesis reports it. */
  readonly approximateArrivalTimestamp: number;
  /** base64 of the raw bytes: the line (after de-aggregation and inflation), or the whole record data. */
  readonly data: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly parser?: { readonly id: string; readonly version: string };
  readonly findingId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** One S3 object: the quarantined entries of one record batch (a Kinesis shard range). */
export interface QuarantineObject {
  readonly schemaVersion: typeof QUARANTINE_SCHEMA_VERSION;
  readonly eventSourceArn: string;
  readonly streamName: string;
  readonly shardId: string;
  /** First sequence number of the invocation's batch (the key is derived from it). */
  readonly firstSequenceNumber: string;
  /** Last sequence number the object covers (the end of the checkpointed range). */
  readonly lastSequenceNumber: string;
  readonly writtenAt: string;
  readonly functionArn?: string;
  readonly requestId?: string;
  readonly entries: readonly QuarantineEntry[];
}

/** Kinesis coordinates that name a quarantine object. */
export interface QuarantineKeyInput {
  readonly prefix: string;
  readonly streamName: string;
  readonly shardId: string;
  readonly firstSequenceNumber: string;
}

function toKeySegment(value: string): string {
  return value.replace(
    /[^A-Za-z0-9._-]/g,
    (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * `<prefix><stream>/<shardId>/<firstSequenceNumber>.json`. Lambda retries a batch from the same first
 * sequence number, so a retried batch overwrites its object instead of adding one.
 */
export function toQuarantineObjectKey(input: QuarantineKeyInput): string {
  return `${input.prefix}${toKeySegment(input.streamName)}/${toKeySegment(input.shardId)}/${toKeySegment(input.firstSequenceNumber)}.json`;
}

/** Stream name and shard id from `eventSourceARN` and `eventID` (`shardId-…:<sequenceNumber>`). */
export function toKinesisCoordinates(
  eventSourceArn: string,
  eventId: string,
): { streamName: string; shardId: string } {
  const slash = eventSourceArn.lastIndexOf('/');
  const streamName = slash >= 0 ? eventSourceArn.slice(slash + 1) : eventSourceArn || 'unknown-stream';
  const colon = eventId.indexOf(':');
  const shardId = colon > 0 ? eventId.slice(0, colon) : 'unknown-shard';
  return { streamName: streamName || 'unknown-stream', shardId };
}
