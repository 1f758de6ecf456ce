import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultyKinesis } from '@otbridge/local-pipeline/testing';
import { deaggregateSync } from 'aws-kinesis-agg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { type LocalKinesis, startKinesis } from './helpers/local-servers.js';
import { runCli } from './helpers/run-cli.js';

const MIXED = join(import.meta.dirname, 'fixtures/mixed.log');
const lines = readFileSync(MIXED, 'utf8')
  .split('\n')
  .filter((line) => line !== '');

let kinesis: LocalKinesis;
beforeAll(async () => {
  kinesis = await startKinesis();
});
afterAll(async () => {
  await kinesis?.close();
});

describe('otbridge send', () => {
  it("writes each line as the collector's Fluentd envelope, PRI split into facility and severity", async () => {
    await kinesis.createStream('send-fluentd');
    const run = await runCli(['send', '--stream', 'send-fluentd', '--endpoint', kinesis.url, MIXED]);
    expect(run.code).toBe(EXIT_CODES.success);
    expect(run.stderr).toContain(`sent ${lines.length} of ${lines.length} lines as ${lines.length} records`);
    const records = await kinesis.readRecords('send-fluentd');
    expect(records).toHaveLength(lines.length);
    const first = JSON.parse(records[0]?.data.toString('utf8') ?? '') as Record<string, string>;
    expect(records[0]?.data.toString('utf8').endsWith('}\n')).toBe(true);
    expect(first.source_address).toBe('127.0.0.1');
    // The first fixture line starts with a PRI; Fluentd strips it and keeps the names.
    const pri = /^<(\d+)>/.exec(lines[0] ?? '');
    if (pri) {
      expect(first.message).toBe((lines[0] ?? '').slice(pri[0].length));
      expect(typeof first.facility).toBe('string');
      expect(typeof first.severity).toBe('string');
    } else {
      expect(first.message).toBe(lines[0]);
    }
    expect(new Set(records.map((r) => r.partitionKey)).size).toBe(lines.length);
  });

  it('writes raw lines with --envelope raw and a fixed partition key', async () => {
    await kinesis.createStream('send-raw');
    const run = await runCli(
      [
        'send',
        '--stream',
        'send-raw',
        '--endpoint',
        kinesis.url,
        '--envelope',
        'raw',
        '--partition-key',
        'pk1',
      ],
      { input: lines.join('\n') },
    );
    expect(run.code).toBe(0);
    const records = await kinesis.readRecords('send-raw');
    expect(records.map((r) => r.data.toString('utf8'))).toEqual(lines);
    expect(records.every((r) => r.partitionKey === 'pk1')).toBe(true);
  });

  it('KPL-aggregates with --kpl and batches more than 500 records into several PutRecords calls', async () => {
    await kinesis.createStream('send-kpl');
    const many = Array.from({ length: 1200 }, (_, i) => `${lines[1]} cs9=${i}`);
    const kpl = await runCli(['send', '--stream', 'send-kpl', '--endpoint', kinesis.url, '--kpl'], {
      input: many.join('\n'),
    });
    expect(kpl.code).toBe(0);
    const records = await kinesis.readRecords('send-kpl');
    expect(records.length).toBeLessThan(10);
    const userRecords: string[] = [];
    for (const record of records) {
      deaggregateSync(
        {
          data: record.data.toString('base64'),
          partitionKey: record.partitionKey,
          sequenceNumber: record.sequenceNumber,
        } as never,
        true,
        (error, out) => {
          expect(error).toBeFalsy();
          for (const user of out ?? []) userRecords.push(Buffer.from(user.data, 'base64').toString('utf8'));
        },
      );
    }
    expect(userRecords).toHaveLength(1200);
    expect(JSON.parse(userRecords[1199] ?? '{}').message).toContain('cs9=1199');

    await kinesis.createStream('send-batches');
    const plain = await runCli(['send', '--stream', 'send-batches', '--endpoint', kinesis.url], {
      input: many.join('\n'),
    });
    expect(plain.stderr).toMatch(/as 1200 records to send-batches \((\d+) PutRecords calls/);
    const calls = Number(/\((\d+) PutRecords calls/.exec(plain.stderr)?.[1]);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(await kinesis.readRecords('send-batches')).toHaveLength(1200);
  });

  it('retries refused entries, throttled and failed calls and a short answer: every line written once', async () => {
    await kinesis.createStream('send-faults');
    // Call 0 refuses every third entry; the retries then meet a throttled call, an answer cut short after
    // 100 results (the rest not written) and an internal failure before one goes through.
    const faults = await startFaultyKinesis(kinesis.url, (call) => {
      if (call === 0) return { refuse: (index, firstSeen) => firstSeen && index % 3 === 0 };
      if (call === 1) return { call: 'throttled' };
      if (call === 2) return { truncateTo: 100 };
      if (call === 3) return { call: 'internal-failure' };
      return {};
    });
    try {
      const many = Array.from({ length: 700 }, (_, i) => `${lines[1]} cs9=${i}`);
      const run = await runCli(
        ['send', '--stream', 'send-faults', '--endpoint', faults.url, '--envelope', 'raw'],
        { input: many.join('\n') },
      );
      expect(run.code).toBe(EXIT_CODES.success);
      expect(run.stderr).toMatch(
        /sent 700 of 700 lines as 700 records .*, [1-9]\d* entries retried, 0 lines failed/,
      );
      expect(faults.stats.refused).toBeGreaterThan(100);
      expect(faults.stats.cutOff).toBeGreaterThan(0);
      const written = (await kinesis.readRecords('send-faults')).map((record) =>
        record.data.toString('utf8'),
      );
      expect(written.sort()).toEqual([...many].sort());
    } finally {
      await faults.close();
    }
  });

  it('reports the lines it could not write after --max-attempts and exits 3', async () => {
    await kinesis.createStream('send-throttled');
    const faults = await startFaultyKinesis(kinesis.url, () => ({ call: 'throttled' }));
    try {
      const run = await runCli([
        'send',
        '--stream',
        'send-throttled',
        '--endpoint',
        faults.url,
        '--max-attempts',
        '2',
        MIXED,
      ]);
      expect(run.code).toBe(EXIT_CODES.unavailable);
      expect(run.stderr).toContain(`sent 0 of ${lines.length} lines as 0 records`);
      expect(run.stderr).toContain(`${lines.length} lines failed`);
      expect(faults.stats.calls).toBe(2);
      expect(await kinesis.readRecords('send-throttled')).toEqual([]);
    } finally {
      await faults.close();
    }
  });

  it('fails with exit code 3 and a message when the stream does not exist', async () => {
    const run = await runCli(['send', '--stream', 'no-such-stream', '--endpoint', kinesis.url], {
      input: lines[0] ?? '',
    });
    expect(run.code).toBe(EXIT_CODES.unavailable);
    expect(run.stderr).toContain('ResourceNotFoundException');
  });

  it('requires --stream', async () => {
    const run = await runCli(['send'], { input: '' });
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain("required option '--stream <name>'");
  });
});
