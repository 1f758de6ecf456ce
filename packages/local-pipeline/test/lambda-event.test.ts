import { describe, expect, it } from 'vitest';
import { type LambdaKinesisRecord, readBatchResponse } from '../src/index.js';

const records = ['100', '200', '300'].map(
  (sequenceNumber) => ({ kinesis: { sequenceNumber } }) as unknown as LambdaKinesisRecord,
);

describe('readBatchResponse (Lambda ReportBatchItemFailures rules)', () => {
  it('treats null, empty and missing lists as complete success', () => {
    for (const response of [
      null,
      undefined,
      {},
      { batchItemFailures: null },
      { batchItemFailures: [] },
      'text',
    ]) {
      expect(readBatchResponse(response, records)).toEqual({ kind: 'success' });
    }
  });

  it('checkpoints before the lowest reported sequence number', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] };
    expect(readBatchResponse(response, records)).toEqual({ kind: 'partial', index: 1 });
    expect(readBatchResponse({ batchItemFailures: [{ itemIdentifier: '100' }] }, records)).toEqual({
      kind: 'partial',
      index: 0,
    });
  });

  it('treats empty, null or misnamed identifiers and unknown sequence numbers as complete failure', () => {
    for (const item of [
      { itemIdentifier: '' },
      { itemIdentifier: null },
      { itemId: '200' },
      { itemIdentifier: '999' },
      null,
    ]) {
      expect(readBatchResponse({ batchItemFailures: [item] }, records).kind).toBe('failure');
    }
    expect(readBatchResponse({ batchItemFailures: 'x' }, records).kind).toBe('failure');
  });
});
