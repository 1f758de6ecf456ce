import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import {
  createInvocationContext,
  createKinesisHandler,
  encodeFluentdRecord,
  type KinesisHandler,
  QUARANTINE_SCHEMA_VERSION,
  type QuarantineObject,
  toQuarantineObjectKey,
} from '@otbridge/lambda-handler';
import { dragosParser } from '@otbridge/parser-dragos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { LOCAL_CREDENTIALS, startS3, startSecurityHub } from './helpers/local-servers.js';
import { parseNdjson, runCli } from './helpers/run-cli.js';

const BUCKET = 'quarantine-test';
const ACME = [
  'CEF:0|Acme|Sensor|1.0|100|Port scan|5|src=192.0.2.10 dst=198.51.100.7 externalId=q-1',
  'CEF:0|Acme|Sensor|1.0|101|Login burst|7|src=192.0.2.11 dst=198.51.100.8 externalId=q-2',
];
const GARBAGE = 'not a CEF line';

let s3: Awaited<ReturnType<typeof startS3>>;
let securityHub: Awaited<ReturnType<typeof startSecurityHub>>;
let env: Record<string, string>;

function toEvent(lines: readonly string[]): Parameters<KinesisHandler>[0] {
  return {
    Records: lines.map((line, index) => ({
      awsRegion: 'us-east-1',
      eventID: `shardId-000000000000:4959000000000000000000000000000000000000000000000${index}`,
      eventName: 'aws:kinesis:record',
      eventSource: 'aws:kinesis',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/ot-ids',
      eventVersion: '1.0',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/otbridge',
      kinesis: {
        data: Buffer.from(encodeFluentdRecord(line, { sourceAddress: '192.0.2.1' })).toString('base64'),
        sequenceNumber: `4959000000000000000000000000000000000000000000000${index}`,
        partitionKey: `pk-${index}`,
        kinesisSchemaVersion: '1.0',
        approximateArrivalTimestamp: 1_767_225_600 + index,
      },
    })),
  };
}

beforeAll(async () => {
  s3 = await startS3(BUCKET);
  securityHub = await startSecurityHub();
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  // The deployed handler before the fix: no parser for Acme and no fallback, so Acme lines are quarantined.
  const handler = createKinesisHandler({
    parsers: [dragosParser],
    fallback: false,
    environment: {
      AWS_REGION: 'us-east-1',
      OTBRIDGE_AWS_ACCOUNT_ID: '123456789012',
      OTBRIDGE_QUARANTINE_BUCKET: BUCKET,
      OTBRIDGE_SECURITYHUB_ENDPOINT: securityHub.hub.url,
      OTBRIDGE_S3_ENDPOINT: s3.url,
    },
  });
  const response = await handler(toEvent([...ACME, GARBAGE]), createInvocationContext({ timeoutMs: 30_000 }));
  expect(response.batchItemFailures).toEqual([]);
  env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
});

afterAll(async () => {
  securityHub?.client.destroy();
  await securityHub?.hub.close();
  await s3?.close();
});

const bucketArgs = (): string[] => ['--bucket', BUCKET, '--endpoint', s3.url];

describe('otbridge quarantine', () => {
  let key = '';

  it('lists the objects the handler wrote, with entry counts by reason', async () => {
    const run = await runCli(['quarantine', 'list', ...bucketArgs(), '--details', '--format', 'ndjson'], {
      env,
    });
    expect(run.code).toBe(0);
    const rows = parseNdjson<{ key: string; entries: number; reasons: Record<string, number> }>(run.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).toMatch(/^quarantine\/ot-ids\/shardId-000000000000\/4959\d+\.json$/);
    expect(rows[0]?.entries).toBe(3);
    expect(rows[0]?.reasons).toEqual({ rejected: 3 });
    key = rows[0]?.key ?? '';
    const table = await runCli(['quarantine', 'list', ...bucketArgs()], { env });
    expect(table.stdout).toContain(key);
  });

  it('shows each record with its line and diagnostics', async () => {
    const run = await runCli(['quarantine', 'show', ...bucketArgs(), key], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('stream ot-ids  shard shardId-000000000000');
    expect(run.stdout).toContain(GARBAGE);
    expect(run.stdout).toContain('cef/missing-header');
    expect(run.stdout).toContain('Acme|Sensor');
    const json = await runCli(['quarantine', 'show', ...bucketArgs(), '--format', 'json', key], { env });
    expect(JSON.parse(json.stdout).entries).toHaveLength(3);
    const missing = await runCli(['quarantine', 'show', ...bucketArgs(), 'quarantine/nope.json'], { env });
    expect(missing.code).toBe(EXIT_CODES.usage);
  });

  it('replays through the current parsers: fixed entries are imported, the rest stay with new diagnostics', async () => {
    // The current CLI routes Acme to the generic CEF parser, the "fixed" parser for these lines.
    const run = await runCli(
      ['quarantine', 'replay', ...bucketArgs(), '--securityhub-endpoint', securityHub.hub.url, key],
      { env },
    );
    expect(run.code).toBe(EXIT_CODES.rejected);
    expect(run.stdout).toMatch(/#0 seq \d+: imported \(generic-cef\)/);
    expect(run.stdout).toMatch(/#2 seq \d+: quarantined again: cef\/missing-header/);
    expect(run.stderr).toContain(
      'replayed 3 entries from 1 objects: 2 imported, 0 skipped, 1 quarantined again',
    );
    const found = await securityHub.client.send(new GetFindingsCommand({}));
    expect(found.Findings?.map((f) => f.Title).sort()).toEqual(['Login burst', 'Port scan']);

    const show = await runCli(['quarantine', 'show', ...bucketArgs(), '--format', 'json', key], { env });
    const object = JSON.parse(show.stdout) as { entries: { sequenceNumber: string; data: string }[] };
    expect(object.entries).toHaveLength(1);
    expect(Buffer.from(object.entries[0]?.data ?? '', 'base64').toString('utf8')).toContain(GARBAGE);
    expect(object.entries[0]?.sequenceNumber).toBe('49590000000000000000000000000000000000000000000002');
    // No scratch objects are left behind.
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((item) => item.Key)).toEqual([key]);
  });

  it('deletes an object once every entry is done', async () => {
    const handler = createKinesisHandler({
      parsers: [dragosParser],
      fallback: false,
      environment: {
        AWS_REGION: 'us-east-1',
        OTBRIDGE_AWS_ACCOUNT_ID: '123456789012',
        OTBRIDGE_QUARANTINE_BUCKET: BUCKET,
        OTBRIDGE_QUARANTINE_PREFIX: 'second/',
        OTBRIDGE_SECURITYHUB_ENDPOINT: securityHub.hub.url,
        OTBRIDGE_S3_ENDPOINT: s3.url,
      },
    });
    await handler(toEvent(ACME), createInvocationContext({ timeoutMs: 30_000 }));
    const run = await runCli(
      [
        'quarantine',
        'replay',
        ...bucketArgs(),
        '--prefix',
        'second/',
        '--all',
        '--securityhub-endpoint',
        securityHub.hub.url,
      ],
      { env },
    );
    expect(run.code).toBe(EXIT_CODES.success);
    expect(run.stdout).toContain('all entries done: object deleted');
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'second/' }));
    expect(listed.Contents ?? []).toHaveLength(0);
  });

  it('keeps a whole-record entry when any of its lines is quarantined again, even if others import', async () => {
    // An entry holding a whole record (here: one that failed to decode when it arrived) can decode into
    // several lines on replay. One line importing must not mark the entry done while another fails again.
    const prefix = 'third/';
    const objectKey = toQuarantineObjectKey({
      prefix,
      streamName: 'ot-ids',
      shardId: 'shardId-000000000000',
      firstSequenceNumber: '49590000000000000000000000000000000000000000000007',
    });
    // The failing line first: an entry's fate must not be decided by its last line alone.
    const data = Buffer.from(
      `${GARBAGE}\nCEF:0|Acme|Sensor|1.0|102|Beacon|6|src=192.0.2.12 externalId=q-3\n`,
    );
    const object: QuarantineObject = {
      schemaVersion: QUARANTINE_SCHEMA_VERSION,
      eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/ot-ids',
      streamName: 'ot-ids',
      shardId: 'shardId-000000000000',
      firstSequenceNumber: '49590000000000000000000000000000000000000000000007',
      lastSequenceNumber: '49590000000000000000000000000000000000000000000007',
      writtenAt: '2026-01-01T00:00:00.000Z',
      entries: [
        {
          reason: 'undecodable-record',
          sequenceNumber: '49590000000000000000000000000000000000000000000007',
          partitionKey: 'pk-7',
          approximateArrivalTimestamp: 1_767_225_607,
          data: data.toString('base64'),
          diagnostics: [],
        },
      ],
    };
    await s3.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: objectKey,
        Body: JSON.stringify(object),
        ContentType: 'application/json',
      }),
    );
    const run = await runCli(
      ['quarantine', 'replay', ...bucketArgs(), '--securityhub-endpoint', securityHub.hub.url, objectKey],
      { env },
    );
    expect(run.code).toBe(EXIT_CODES.rejected);
    expect(run.stdout).not.toContain('object deleted');
    expect(run.stderr).toContain(
      'replayed 1 entries from 1 objects: 0 imported, 0 skipped, 1 quarantined again',
    );
    const show = await runCli(['quarantine', 'show', ...bucketArgs(), '--format', 'json', objectKey], {
      env,
    });
    const kept = JSON.parse(show.stdout) as QuarantineObject;
    expect(kept.entries).toHaveLength(1);
    expect(Buffer.from(kept.entries[0]?.data ?? '', 'base64').equals(data)).toBe(true);
    // The entry still holds the whole record, so it names no line within it (the replay's own line index).
    expect(kept.entries[0]?.lineIndex).toBeUndefined();
    expect(kept.entries[0]?.diagnostics.some((d) => d.code === 'cef/missing-header')).toBe(true);
    // The line that did import is in Security Hub (replaying the entry again later re-imports it: a no-op).
    const found = await securityHub.client.send(new GetFindingsCommand({}));
    expect(found.Findings?.map((f) => f.Title)).toContain('Beacon');
  });

  it('requires a bucket and has --help on each subcommand', async () => {
    const run = await runCli(['quarantine', 'list'], { env });
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('--bucket is required');
    for (const sub of ['list', 'show', 'replay']) {
      expect((await runCli(['quarantine', sub, '--help'])).code).toBe(0);
    }
  });
});
