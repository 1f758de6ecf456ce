import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../src/index.js';

const require = createRequire(import.meta.url);
const { deaggregateSync } = require('aws-kinesis-agg') as {
  deaggregateSync(
    record: { data: string; partitionKey: string; sequenceNumber: string },
    checksums: boolean,
    callback: (error: Error | null, records?: { data: string; partitionKey: string }[]) => void,
  ): void;
};

function deaggregate(data: Uint8Array): { data: string; partitionKey: string }[] {
  let out: { data: string; partitionKey: string }[] = [];
  deaggregateSync(
    { data: Buffer.from(data).toString('base64'), partitionKey: 'x', sequenceNumber: '1' },
    true,
    (error, records) => {
      if (error) throw error;
      out = records ?? [];
    },
  );
  return out;
}

describe('aggregateRecords', () => {
  it('sends a single event as a plain record', () => {
    const event = Buffer.from('{"message":"a"}\n');
    const [record, ...rest] = aggregateRecords([event], 'k');
    expect(rest).toEqual([]);
    expect(Buffer.from(record?.data ?? []).equals(event)).toBe(true);
  });

  it('packs a burst into KPL records under 1 MiB that de-aggregate byte for byte', () => {
    const events = Array.from({ length: 5000 }, (_, index) =>
      Buffer.from(`{"message":"line ${index} ${'x'.repeat(300)}"}\n`),
    );
    const records = aggregateRecords(events, 'partition');
    expect(records.length).toBeGreaterThan(1);
    const back: string[] = [];
    for (const record of records) {
      expect(record.data.byteLength).toBeLessThanOrEqual(1024 * 1024);
      expect(Buffer.from(record.data).subarray(0, 4).toString('hex')).toBe('f3899ac2');
      const users = deaggregate(record.data);
      expect(users).toHaveLength(record.lines);
      for (const user of users) {
        expect(user.partitionKey).toBe('partition');
        back.push(Buffer.from(user.data, 'base64').toString('utf8'));
      }
    }
    expect(back).toEqual(events.map((event) => event.toString('utf8')));
  });
});
