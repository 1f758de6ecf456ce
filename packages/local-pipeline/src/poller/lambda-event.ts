/**
 * The Kinesis event Lambda's event source mapping delivers (`@types/aws-lambda` `KinesisStreamEvent`),
 * as pipeline.md §4.1 records it; the local poller builds exactly this shape.
 */
export interface LambdaKinesisRecord {
  readonly awsRegion: string;
  /** `<shardId>:<sequenceNumber>`. */
  readonly eventID: string;
  readonly eventName: 'aws:kinesis:record';
  readonly eventSource: 'aws:kinesis';
  readonly eventSourceARN: string;
  readonly eventVersion: '1.0';
  readonly invokeIdentityArn: string;
  readonly kinesis: {
    /** Epoch seconds (float). */
    readonly approximateArrivalTimestamp: number;
    /** base64 of the record's bytes. */
    readonly data: string;
    readonly kinesisSchemaVersion: '1.0';
    readonly partitionKey: string;
    readonly sequenceNumber: string;
  };
}

/** One invocation's event. */
export interface LambdaKinesisEvent {
  readonly Records: LambdaKinesisRecord[];
}

/** How the event source mapping reads a function response (ReportBatchItemFailures enabled). */
export type BatchResponseDecision =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly index: number }
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * Lambda's rules (docs: services-kinesis-batchfailurereporting): a null/empty response or list is complete
 * success; an item with a null, empty or misnamed `itemIdentifier` is complete failure; otherwise the
 * lowest reported sequence number becomes the checkpoint and everything from it is retried.
 */
export function readBatchResponse(
  response: unknown,
  records: readonly LambdaKinesisRecord[],
): BatchResponseDecision {
  if (response === null || response === undefined || typeof response !== 'object') return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest: number | undefined;
  for (const item of failures) {
    const identifier = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '') {
      return { kind: 'failure', reason: 'a batch item failure has no itemIdentifier' };
    }
    const index = records.findIndex((record) => record.kinesis.sequenceNumber === identifier);
    if (index < 0) return { kind: 'failure', reason: `itemIdentifier ${identifier} is not in the batch` };
    if (lowest === undefined || index < lowest) lowest = index;
  }
  return { kind: 'partial', index: lowest as number };
}
