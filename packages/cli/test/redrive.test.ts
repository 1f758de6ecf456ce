import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBatchInfo } from '../src/commands/redrive.js';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { type LocalKinesis, startKinesis, startS3, startSecurityHub } from './helpers/local-servers.js';
import { startLocalSqs } from './helpers/local-sqs.js';
import { runCli } from './helpers/run-cli.js';

const STREAM = 'redrive-stream';
const BUCKET = 'redrive-quarantine';
const TEMPLATE = readFileSync(
  join(import.meta.dirname, 'fixtures/redrive/on-failure-message.template.json'),
  'utf8',
);
const lines = Array.from(
  { length: 12 },
  (_, i) =>
    `CEF:0|Acme|Sensor|1.0|100|Redrive ${i}|5|src=192.0.2.${i + 1} dst=198.51.100.7 externalId=rd-${i}`,
);

let kinesis: LocalKinesis;
let s3: Awaited<ReturnType<typeof startS3>>;
let securityHub: Awaited<ReturnType<typeof startSecurityHub>>;
let records: { shardId: string; sequenceNumber: string }[];
const dir = mkdtempSync(join(tmpdir(), 'otbridge-redrive-'));
const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

function message(first: number, last: number): string {
  return TEMPLATE.replace('{{shardId}}', records[first]?.shardId ?? '')
    .replace('{{start}}', records[first]?.sequenceNumber ?? '')
    .replace('{{end}}', records[last]?.sequenceNumber ?? '')
    .replace('{{batchSize}}', String(last - first + 1));
}

beforeAll(async () => {
  kinesis = await startKinesis();
  s3 = await startS3(BUCKET);
  securityHub = await startSecurityHub();
  await kinesis.createStream(STREAM);
  // Put the lines with the CLI itself, as the collector would have.
  const sent = await runCli(['send', '--stream', STREAM, '--endpoint', kinesis.url], {
    input: lines.join('\n'),
  });
  expect(sent.code).toBe(0);
  records = await kinesis.readRecords(STREAM);
  expect(records).toHaveLength(12);
});

afterAll(async () => {
  securityHub?.client.destroy();
  await securityHub?.hub.close();
  await s3?.close();
  await kinesis?.close();
});

function args(messagesFile: string): string[] {
  return [
    'redrive',
    '--stream',
    STREAM,
    '--messages',
    messagesFile,
    '--endpoint',
    kinesis.url,
    '--securityhub-endpoint',
    securityHub.hub.url,
    '--s3-endpoint',
    s3.url,
    '--bucket',
    BUCKET,
    '--batch-size',
    '2',
  ];
}

describe('otbridge redrive', () => {
  it('re-reads exactly the failed ranges from the stream and imports their findings', async () => {
    const file = join(dir, 'messages.ndjson');
    // Two discarded batches: records 2..5 and 9..10 (an SQS export wraps the body in {"Body": ...}).
    writeFileSync(
      file,
      `${JSON.stringify(JSON.parse(message(2, 5)))}\n${JSON.stringify({ Body: message(9, 10) })}\n`,
    );
    const run = await runCli(args(file), { env });
    expect(run.stderr).toContain('2 messages: 2 ranges re-processed (6 records), 0 kept');
    expect(run.code).toBe(EXIT_CODES.success);
    const found = await securityHub.client.send(new GetFindingsCommand({}));
    expect(found.Findings?.map((f) => f.Title).sort()).toEqual(
      ['Redrive 10', 'Redrive 2', 'Redrive 3', 'Redrive 4', 'Redrive 5', 'Redrive 9'].sort(),
    );
  });

  it('keeps a message whose range the stream no longer serves, and reports bad messages', async () => {
    const file = join(dir, 'bad.json');
    const gone = message(0, 1).replace(/"shardId": "[^"]+"/, '"shardId": "shardId-000000000099"');
    writeFileSync(file, JSON.stringify([JSON.parse(gone), { hello: 'world' }]));
    const run = await runCli(args(file), { env });
    expect(run.code).toBe(EXIT_CODES.unavailable);
    expect(run.stderr).toContain('the stream no longer serves this range');
    expect(run.stderr).toContain('not a Lambda on-failure record');
  });

  it('reads on-failure messages from an SQS queue, deletes the finished ones and keeps the rest', async () => {
    const sqs = await startLocalSqs();
    try {
      const gone = message(0, 1).replace(/"shardId": "[^"]+"/, '"shardId": "shardId-000000000099"');
      sqs.send(message(6, 8)); // as Lambda sends it
      sqs.send(JSON.stringify({ Type: 'Notification', Message: message(11, 11) })); // through SNS
      sqs.send(gone);
      sqs.send('{"hello":"world"}');
      const [, ...rest] = args('unused');
      const fromFile = rest.indexOf('--messages');
      rest.splice(fromFile, 2, '--queue', sqs.queueUrl, '--sqs-endpoint', sqs.url);
      const run = await runCli(['redrive', ...rest], { env });
      expect(run.stderr).toContain(
        '4 messages: 2 ranges re-processed (4 records), 1 kept, 1 not on-failure records',
      );
      expect(run.code).toBe(EXIT_CODES.unavailable);
      // The two finished messages are deleted; the unreadable range and the foreign message stay queued.
      expect(sqs.messages.map((m) => m.body).sort()).toEqual([gone, '{"hello":"world"}'].sort());
      expect(sqs.messages.every((m) => m.receiveCount === 1)).toBe(true);
      expect(sqs.staleDeletes).toBe(0);
      const found = await securityHub.client.send(new GetFindingsCommand({}));
      const titles = found.Findings?.map((f) => f.Title) ?? [];
      for (const title of ['Redrive 6', 'Redrive 7', 'Redrive 8', 'Redrive 11'])
        expect(titles).toContain(title);
    } finally {
      await sqs.close();
    }
  });

  it('needs a source', async () => {
    const run = await runCli(['redrive', '--stream', STREAM, '--bucket', BUCKET]);
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--queue <url> or --messages <file>');
  });
});

describe('parseBatchInfo', () => {
  it('reads the payload, SNS and SQS wrappers, and refuses anything else', () => {
    const payload = JSON.stringify({
      KinesisBatchInfo: { shardId: 's', startSequenceNumber: '1', endSequenceNumber: '2', batchSize: 2 },
    });
    expect(parseBatchInfo(payload)).toEqual({
      shardId: 's',
      startSequenceNumber: '1',
      endSequenceNumber: '2',
      batchSize: 2,
    });
    expect(parseBatchInfo(JSON.stringify({ Type: 'Notification', Message: payload }))?.shardId).toBe('s');
    expect(parseBatchInfo(JSON.stringify({ Body: payload }))?.endSequenceNumber).toBe('2');
    expect(parseBatchInfo('not json')).toBeUndefined();
    expect(
      parseBatchInfo(
        JSON.stringify({
          KinesisBatchInfo: { shardId: 's', startSequenceNumber: 'x', endSequenceNumber: '2' },
        }),
      ),
    ).toBeUndefined();
  });
});
