import { deflateSync, gzipSync } from 'node:zlib';
import { S3Client } from '@aws-sdk/client-s3';
import { validateFinding } from '@otbridge/core';
import { clarotyParser } from '@otbridge/parser-claroty';
import { dragosParser } from '@otbridge/parser-dragos';
import { nozomiParser } from '@otbridge/parser-nozomi';
import {
  type SecurityHubFaults,
  type SecurityHubLocal,
  startSecurityHubLocal,
} from '@otbridge/securityhub-local';
import { aggregate } from 'aws-kinesis-agg';
import type { KinesisStreamRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInvocationContext,
  createKinesisHandler,
  encodeFluentdRecord,
  type LineOutcome,
} from '../src/index.js';
import { loadFixtureLines } from './helpers/fixture-lines.js';
import { roundTripThroughKinesis } from './helpers/kinesis-stream.js';
import { LOCAL_CREDENTIALS, readQuarantine, startS3 } from './helpers/local-servers.js';
import { runLikeLambda } from './helpers/run-like-lambda.js';

process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const BUCKET = 'otbridge-quarantine';
/** Per input record: the [subSequenceNumber, lineIndex] pairs it holds, or 'record' when it cannot be decoded. */
type Expected = ([number, number][] | 'record')[];

async function kpl(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    aggregate(
      lines.map((line) => ({ partitionKey: 'a', data: encodeFluentdRecord(line) })),
      (encoded, done) => {
        resolve(encoded.data);
        done();
      },
      () => undefined,
      reject,
    );
  });
}

async function buildInput(): Promise<{ data: Uint8Array[]; expected: Expected }> {
  const valid = loadFixtureLines('valid');
  const data: Uint8Array[] = [];
  const expected: Expected = [];
  const add = (bytes: Uint8Array, lines: [number, number][] | 'record') => {
    data.push(bytes);
    expected.push(lines);
  };
  for (const [i, line] of valid.entries()) {
    const one: [number, number][] = [[0, 0]];
    switch (i % 5) {
      case 0:
        add(encodeFluentdRecord(line), one);
        break;
      case 1:
        add(Buffer.from(line), one);
        break;
      case 2:
        add(deflateSync(Buffer.from(`${JSON.stringify({ data: line })}\n`)), one);
        break;
      case 3:
        add(gzipSync(Buffer.from(`${JSON.stringify({ log: line, host: 'sensor-1' })}\n`)), one);
        break;
      default:
        add(Buffer.from(`${line}\n${line}\n`), [
          [0, 0],
          [0, 1],
        ]); // same alert twice: one finding
    }
  }
  add(await kpl(valid.slice(0, 5)), [
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 0],
  ]);
  for (const line of loadFixtureLines('skip')) add(encodeFluentdRecord(line), [[0, 0]]);
  for (const line of loadFixtureLines('invalid')) add(Buffer.from(`${line}\n`), [[0, 0]]);
  // Hostile records.
  const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251 || 0x41)).map((b) =>
    b === 0x0a ? 0x20 : b,
  );
  random[0] = 0x41;
  add(random, [[0, 0]]);
  const corrupted = await kpl(valid.slice(0, 2));
  corrupted[corrupted.length - 1] = (corrupted[corrupted.length - 1] ?? 0) ^ 0xff;
  add(corrupted, 'record');
  add(gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x20)), 'record');
  add(Buffer.from('{"nomessage": 1}\n{"__proto__": {"message": "x"}}\n'), [
    [0, 0],
    [0, 1],
  ]);
  add(Buffer.from(`CEF:0|${'A'.repeat(200_000)}`), [[0, 0]]);
  return { data, expected };
}

let records: KinesisStreamRecord[];
let expected: Expected;
let s3: Awaited<ReturnType<typeof startS3>>;
let s3Client: S3Client;

beforeAll(async () => {
  const input = await buildInput();
  expected = input.expected;
  records = await roundTripThroughKinesis('ot-events', input.data);
  expect(records).toHaveLength(input.data.length);
  s3 = await startS3(BUCKET);
  s3Client = new S3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
}, 60_000);
afterAll(async () => s3?.close());

// Server-side rejection of a deterministic subset, as a schema the service enforces more strictly would do.
const rejectSome = (finding: unknown) => {
  const id = String((finding as { Id?: string }).Id);
  const base = validateFinding(finding);
  if (!base.valid || [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 6 !== 0) return base;
  return {
    valid: false as const,
    errors: [
      { pointer: '/Id', rule: 'test', message: 'rejected by the test', serviceErrorCode: 'InvalidInput' },
    ],
  };
};

async function scenario(
  name: string,
  options: {
    faults?: (invocation: number) => SecurityHubFaults;
    batchSize: number;
    timeoutMs: number;
    env?: Record<string, string>;
  },
) {
  const server: SecurityHubLocal = await startSecurityHubLocal({
    quota: false,
    accountId: '123456789012',
    validate: rejectSome as never,
  });
  const outcomes: LineOutcome[] = [];
  const prefix = `${name}/`;
  const handler = createKinesisHandler({
    parsers: [dragosParser, clarotyParser, nozomiParser],
    environment: {
      AWS_REGION: 'us-east-1',
      OTBRIDGE_AWS_ACCOUNT_ID: '123456789012',
      OTBRIDGE_QUARANTINE_BUCKET: BUCKET,
      OTBRIDGE_QUARANTINE_PREFIX: prefix,
      OTBRIDGE_SECURITYHUB_ENDPOINT: server.url,
      OTBRIDGE_S3_ENDPOINT: s3.url,
      OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: '0',
      OTBRIDGE_BACKOFF_BASE_MS: '2',
      OTBRIDGE_BACKOFF_MAX_MS: '20',
      OTBRIDGE_TIME_SAFETY_MARGIN_MS: '200',
      ...options.env,
    },
    onLineOutcome: (outcome) => outcomes.push(outcome),
  });
  try {
    const invocations = await runLikeLambda(records, handler, {
      batchSize: options.batchSize,
      timeoutMs: options.timeoutMs,
      beforeInvocation: (n) => server.setFaults(options.faults?.(n) ?? {}),
    });
    const quarantine = [...(await readQuarantine(s3Client, BUCKET)).entries()].filter(([key]) =>
      key.startsWith(prefix),
    );
    return {
      invocations,
      outcomes,
      stored: server.store.findings(),
      quarantine: quarantine.map(([, object]) => object),
    };
  } finally {
    await server.close();
  }
}

function checkAccounting(result: Awaited<ReturnType<typeof scenario>>) {
  const key = (o: { sequenceNumber: string; subSequenceNumber?: number; lineIndex?: number }) =>
    `${o.sequenceNumber}/${o.subSequenceNumber ?? '-'}/${o.lineIndex ?? '-'}`;
  const want: string[] = [];
  for (const [i, record] of records.entries()) {
    const lines = expected[i]!;
    const seq = record.kinesis.sequenceNumber;
    if (lines === 'record') want.push(`${seq}/-/-`);
    else for (const [sub, line] of lines) want.push(`${seq}/${sub}/${line}`);
  }
  const got = result.outcomes.map(key);
  // Every line exactly once.
  expect(new Set(got).size).toBe(got.length);
  expect([...got].sort()).toEqual([...want].sort());
  // Imported lines ⇔ stored findings: none lost, none created twice.
  const importedIds = new Set(
    result.outcomes.filter((o) => o.outcome === 'imported').map((o) => o.findingId),
  );
  const storedIds = result.stored.map((f) => String(f.Id));
  expect(new Set(storedIds).size).toBe(storedIds.length);
  expect(new Set(storedIds)).toEqual(importedIds);
  // Quarantined lines ⇔ quarantine entries, each once.
  const entries = result.quarantine.flatMap((object) => object.entries.map(key));
  expect(new Set(entries).size).toBe(entries.length);
  expect(entries.sort()).toEqual(
    result.outcomes
      .filter((o) => o.outcome === 'quarantined')
      .map(key)
      .sort(),
  );
  return {
    imported: result.outcomes.filter((o) => o.outcome === 'imported').length,
    skipped: result.outcomes.filter((o) => o.outcome === 'skipped').length,
    quarantined: entries.length,
  };
}

describe('handler end to end (kinesalite records, securityhub-local, s3rver)', () => {
  it('accounts for every line once with no faults', async () => {
    const result = await scenario('clean', { batchSize: 40, timeoutMs: 30_000 });
    const counts = checkAccounting(result);
    expect(counts.imported).toBeGreaterThan(40);
    expect(counts.skipped).toBeGreaterThan(0);
    expect(counts.quarantined).toBeGreaterThan(5);
    const reasons = new Set(result.quarantine.flatMap((o) => o.entries.map((e) => e.reason)));
    expect(reasons).toEqual(
      new Set(['rejected', 'undecodable-record', 'invalid-envelope', 'finding-rejected']),
    );
  }, 60_000);

  it('survives a throttling storm, 500s and partial FailedFindings, replaying like Lambda', async () => {
    const result = await scenario('storm', {
      batchSize: 25,
      timeoutMs: 30_000,
      env: { OTBRIDGE_MAX_ATTEMPTS: '3' },
      faults: (n) => (n < 4 ? { throttle: true } : { errorRate: 0.3, findingErrorRate: 0.3, seed: n }),
    });
    expect(result.invocations).toBeGreaterThan(Math.ceil(records.length / 25));
    checkAccounting(result);
  }, 60_000);

  it('stops before the deadline mid-batch and resumes from the reported record', async () => {
    // First invocation: the server answers after 1.5 s, past the 700 ms import budget (900 ms - 200 ms margin).
    const result = await scenario('timeout', {
      batchSize: 200,
      timeoutMs: 900,
      env: { OTBRIDGE_IMPORT_CONCURRENCY: '1', OTBRIDGE_MAX_ATTEMPTS: '3' },
      faults: (n) => (n === 0 ? { latencyMs: 1500 } : {}),
    });
    expect(result.invocations).toBeGreaterThan(1);
    checkAccounting(result);
  }, 60_000);

  it('keeps records unfinished when the quarantine cannot be written', async () => {
    const server = await startSecurityHubLocal({ quota: false, accountId: '123456789012' });
    const environment = {
      AWS_REGION: 'us-east-1',
      OTBRIDGE_AWS_ACCOUNT_ID: '123456789012',
      OTBRIDGE_QUARANTINE_BUCKET: 'no-such-bucket',
      OTBRIDGE_SECURITYHUB_ENDPOINT: server.url,
      OTBRIDGE_S3_ENDPOINT: s3.url,
      OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: '0',
    };
    try {
      const handler = createKinesisHandler({
        parsers: [dragosParser, clarotyParser, nozomiParser],
        environment,
      });
      const poisonIndex = expected.indexOf('record');
      const batch = [records[0]!, records[1]!, records[poisonIndex]!];
      const response = await handler({ Records: batch }, createInvocationContext({ timeoutMs: 5000 }));
      expect(response.batchItemFailures).toEqual([
        { itemIdentifier: records[poisonIndex]!.kinesis.sequenceNumber },
      ]);
      expect(server.store.size).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 30_000);
});
