import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKinesisClient,
  createKinesisWriter,
  type EmbeddedKinesis,
  ensureStream,
  readStreamLines,
  startEmbeddedKinesis,
  toFluentdRecord,
} from '../src/index.js';
import { startFaultyKinesis } from '../src/testing/index.js';

let kinesis: EmbeddedKinesis;
beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  kinesis = await startEmbeddedKinesis({});
});
afterAll(async () => {
  await kinesis?.close();
});

describe('createKinesisWriter', () => {
  it('retries refused entries, failed calls and entries a short answer leaves out: each event once', async () => {
    const direct = createKinesisClient({ region: 'us-east-1', endpoint: kinesis.endpoint });
    await ensureStream(direct, 'writer-faults', { shardCount: 1, create: true });
    const faults = await startFaultyKinesis(kinesis.endpoint, (call) => {
      if (call === 0) return { refuse: (index, firstSeen) => firstSeen && index % 2 === 1 };
      if (call === 1) return { call: 'throttled' };
      if (call === 2) return { truncateTo: 1 };
      if (call === 3) return { call: 'internal-failure' };
      return {};
    });
    const client = createKinesisClient({ region: 'us-east-1', endpoint: faults.url });
    // Not aggregated: one entry per event, so refusing and cutting off act on single lines.
    const writer = createKinesisWriter({
      client,
      streamName: 'writer-faults',
      aggregate: false,
      flushIntervalMs: 10_000,
    });
    try {
      const lines = Array.from(
        { length: 40 },
        (_, i) => `<134>Jan  1 00:00:00 sensor CEF:0|Acme|IDS|1|1|Event ${i}|5|externalId=w-${i}`,
      );
      for (const line of lines) writer.write(toFluentdRecord(Buffer.from(line), '192.0.2.1') as Uint8Array);
      await writer.flush();
      expect(writer.pendingLines).toBe(0);
      expect(faults.stats.refused).toBeGreaterThan(0);
      expect(faults.stats.cutOff).toBeGreaterThan(0);
      // Every fault was met (the SDK client retries the throttled and failed calls itself).
      expect(faults.stats.calls).toBeGreaterThanOrEqual(5);
      const written = (await readStreamLines(direct, 'writer-faults')).map((line) => line.text);
      expect(written.sort()).toEqual([...lines].sort());
    } finally {
      await writer.close();
      client.destroy();
      direct.destroy();
      await faults.close();
    }
  });
});
