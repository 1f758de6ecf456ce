import type { KinesisStreamRecord } from 'aws-lambda';
import { createInvocationContext, type KinesisHandler } from '../../src/index.js';

/**
 * Drives a handler the way the event source mapping does: invoke with a batch, and on a partial
 * failure retry from the reported sequence number; otherwise move past the batch. Returns invocations.
 */
export async function runLikeLambda(
  records: readonly KinesisStreamRecord[],
  handler: KinesisHandler,
  options: {
    batchSize: number;
    timeoutMs: number;
    maxInvocations?: number;
    beforeInvocation?: (n: number) => void;
  },
): Promise<number> {
  let start = 0;
  let invocations = 0;
  while (start < records.length) {
    if (invocations >= (options.maxInvocations ?? 500))
      throw new Error(`no progress after ${invocations} invocations`);
    options.beforeInvocation?.(invocations);
    const batch = records.slice(start, start + options.batchSize);
    const response = await handler(
      { Records: batch },
      createInvocationContext({ timeoutMs: options.timeoutMs }),
    );
    invocations++;
    const failure = response.batchItemFailures[0];
    if (failure === undefined) {
      start += batch.length;
      continue;
    }
    const index = batch.findIndex((record) => record.kinesis.sequenceNumber === failure.itemIdentifier);
    if (index < 0) throw new Error(`reported sequence number ${failure.itemIdentifier} is not in the batch`);
    start += index;
  }
  return invocations;
}
