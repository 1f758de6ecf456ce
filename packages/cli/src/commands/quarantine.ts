import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type {
  KinesisHandler,
  LineOutcome,
  QuarantineEntry,
  QuarantineObject,
} from '@otbridge/lambda-handler';
import { type Command, Option } from 'commander';
import { CliError } from '../io/cli-error.js';
import { createStreamColors } from '../io/colors.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { formatDiagnostic } from '../io/format-diagnostic.js';
import { formatTable } from '../io/format-table.js';
import { loadProjectParsers } from '../io/load-project-parsers.js';
import { DEFAULT_ACCOUNT_ID } from '../io/normalize-input.js';
import { toNdjsonLine, writeOutput } from '../io/write-output.js';

interface BucketOptions {
  readonly bucket?: string;
  readonly prefix?: string;
  readonly endpoint?: string;
  readonly region?: string;
}

interface ReplayOptions {
  readonly all?: boolean;
  readonly securityhubEndpoint?: string;
  readonly account?: string;
  readonly config?: string;
  readonly keep?: boolean;
}

/** Registers `otbridge quarantine list|show|replay`. */
export function registerQuarantineCommand(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .summary("read and re-drive the handler's quarantine bucket")
    .description(
      'Read the quarantine bucket the handler writes (one JSON object per record batch:\n' +
        '<prefix><stream>/<shard>/<first sequence number>.json), show the records with their diagnostics,\n' +
        'and replay them through the current parsers once a parser is fixed.',
    );
  const withBucket = (command: Command): Command =>
    command
      .option('--bucket <name>', 'quarantine bucket (default $OTBRIDGE_QUARANTINE_BUCKET)')
      .option('--prefix <prefix>', 'key prefix (default $OTBRIDGE_QUARANTINE_PREFIX or quarantine/)')
      .option('--endpoint <url>', 'S3 endpoint (a local S3 such as s3rver)')
      .option('--region <region>', 'AWS region (default $AWS_REGION or us-east-1)');

  withBucket(quarantine.command('list').description('list quarantine objects, newest last'))
    .option('--stream <name>', 'only objects of this stream')
    .option('--details', 'read each object and count its entries by reason')
    .addOption(
      new Option('--format <format>', 'table or ndjson').choices(['table', 'ndjson']).default('table'),
    )
    .addHelpText('after', '\nExample:\n  $ otbridge quarantine list --bucket my-quarantine --details\n')
    .action(async (options: BucketOptions & { stream?: string; details?: boolean; format: string }) => {
      process.exitCode = await runList(options);
    });

  withBucket(
    quarantine.command('show').description('show the records of quarantine objects with their diagnostics'),
  )
    .argument('<keys...>', 'object keys (as list prints them)')
    .addOption(
      new Option('--format <format>', 'text or json (the object as stored)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ otbridge quarantine show quarantine/ot-ids/shardId-000000000000/4959.json\n',
    )
    .action(async (keys: string[], options: BucketOptions & { format: string }) => {
      process.exitCode = await runShow(keys, options);
    });

  withBucket(
    quarantine
      .command('replay')
      .description(
        'Re-drive quarantined records through the current parsers and the handler: imported and skipped\n' +
          'entries leave the object, entries that fail again stay with their new diagnostics, and an object\n' +
          'with nothing left is deleted. Exit 1 when some entries fail again, 3 when some could not be delivered.',
      ),
  )
    .argument('[keys...]', 'object keys to replay')
    .option('--all', 'replay every object under the prefix')
    .option('--securityhub-endpoint <url>', 'Security Hub endpoint (securityhub-local)')
    .option(
      '--account <id>',
      `account of the findings (default $OTBRIDGE_AWS_ACCOUNT_ID or ${DEFAULT_ACCOUNT_ID})`,
    )
    .option('--config <file>', 'otbridge.config.json with the parsers to use')
    .option('--keep', 'leave the quarantine objects as they are')
    .addHelpText('after', '\nExample:\n  $ otbridge quarantine replay --all --bucket my-quarantine\n')
    .action(async (keys: string[], options: BucketOptions & ReplayOptions) => {
      process.exitCode = await runReplay(keys, options);
    });
}

interface Bucket {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly endpoint?: string;
}

async function openBucket(options: BucketOptions): Promise<Bucket> {
  const aws = await import('../io/aws-clients.js');
  const { createS3Client } = await import('@otbridge/lambda-handler');
  const bucket = options.bucket ?? process.env.OTBRIDGE_QUARANTINE_BUCKET;
  if (bucket === undefined || bucket === '')
    throw new CliError('--bucket is required (or set OTBRIDGE_QUARANTINE_BUCKET).');
  const target = aws.toAwsTarget(options);
  aws.useLocalCredentialsFor(target);
  const client = createS3Client({
    region: target.region,
    requestTimeoutMs: 30_000,
    ...(target.endpoint === undefined ? {} : { s3Endpoint: target.endpoint }),
  });
  return {
    client,
    bucket,
    prefix: options.prefix ?? process.env.OTBRIDGE_QUARANTINE_PREFIX ?? 'quarantine/',
    region: target.region,
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
  };
}

async function listKeys(
  bucket: Bucket,
  prefix: string,
): Promise<{ key: string; size: number; modified?: Date }[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const keys: { key: string; size: number; modified?: Date }[] = [];
  let token: string | undefined;
  do {
    const page = await bucket.client.send(
      new ListObjectsV2Command({
        Bucket: bucket.bucket,
        Prefix: prefix,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      keys.push({
        key: item.Key,
        size: item.Size ?? 0,
        ...(item.LastModified ? { modified: item.LastModified } : {}),
      });
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys;
}

async function readObject(bucket: Bucket, key: string): Promise<QuarantineObject> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { QUARANTINE_SCHEMA_VERSION } = await import('@otbridge/lambda-handler');
  let text: string;
  try {
    const response = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: key }));
    text = (await response.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey')
      throw new CliError(`s3://${bucket.bucket}/${key} does not exist.`, EXIT_CODES.usage);
    throw new CliError(
      `Reading s3://${bucket.bucket}/${key} failed: ${String(error)}`,
      EXIT_CODES.unavailable,
      { cause: error },
    );
  }
  const object = JSON.parse(text) as QuarantineObject;
  if (object.schemaVersion !== QUARANTINE_SCHEMA_VERSION) {
    throw new CliError(
      `${key}: quarantine schema version ${String(object.schemaVersion)} is not ${QUARANTINE_SCHEMA_VERSION}; use a matching otbridge version.`,
      EXIT_CODES.configuration,
    );
  }
  return object;
}

async function runList(
  options: BucketOptions & { stream?: string; details?: boolean; format: string },
): Promise<ExitCode> {
  const bucket = await openBucket(options);
  const prefix = options.stream === undefined ? bucket.prefix : `${bucket.prefix}${options.stream}/`;
  const keys = await listKeys(bucket, prefix);
  keys.sort((a, b) => (a.modified?.getTime() ?? 0) - (b.modified?.getTime() ?? 0));
  const rows: {
    key: string;
    size: number;
    modified: string;
    entries?: number;
    reasons?: Record<string, number>;
  }[] = [];
  for (const item of keys) {
    const row: (typeof rows)[number] = {
      key: item.key,
      size: item.size,
      modified: item.modified?.toISOString() ?? '',
    };
    if (options.details === true) {
      const object = await readObject(bucket, item.key);
      const reasons: Record<string, number> = {};
      for (const entry of object.entries) reasons[entry.reason] = (reasons[entry.reason] ?? 0) + 1;
      row.entries = object.entries.length;
      row.reasons = reasons;
    }
    rows.push(row);
  }
  bucket.client.destroy();
  if (options.format === 'ndjson') {
    for (const row of rows) await writeOutput(process.stdout, toNdjsonLine(row));
  } else {
    const columns = [
      { header: 'KEY' },
      { header: 'BYTES', align: 'right' as const },
      { header: 'LAST MODIFIED' },
    ];
    if (options.details === true) columns.push({ header: 'ENTRIES', align: 'right' }, { header: 'REASONS' });
    const table = rows.map((row) => [
      row.key,
      String(row.size),
      row.modified,
      ...(options.details === true
        ? [
            String(row.entries ?? 0),
            Object.entries(row.reasons ?? {})
              .map(([r, n]) => `${r} ${n}`)
              .join(', '),
          ]
        : []),
    ]);
    await writeOutput(process.stdout, formatTable(columns, table));
    process.stderr.write(
      `${rows.length} quarantine object${rows.length === 1 ? '' : 's'} under s3://${bucket.bucket}/${prefix}\n`,
    );
  }
  return EXIT_CODES.success;
}

async function runShow(
  keys: readonly string[],
  options: BucketOptions & { format: string },
): Promise<ExitCode> {
  const bucket = await openBucket(options);
  const colors = createStreamColors(process.stdout);
  try {
    for (const key of keys) {
      const object = await readObject(bucket, key);
      if (options.format === 'json') {
        await writeOutput(process.stdout, `${JSON.stringify(object, null, 2)}\n`);
        continue;
      }
      let text =
        `${colors.bold(key)}\n  stream ${object.streamName}  shard ${object.shardId}  sequence ${object.firstSequenceNumber}..${object.lastSequenceNumber}\n` +
        `  written ${object.writtenAt}${object.requestId ? `  request ${object.requestId}` : ''}  ${object.entries.length} entries\n`;
      for (const [index, entry] of object.entries.entries()) {
        const where = `#${index} seq ${entry.sequenceNumber}${entry.subSequenceNumber === undefined ? '' : `/${entry.subSequenceNumber}`}${entry.lineIndex === undefined ? '' : ` line ${entry.lineIndex}`}`;
        text += `\n  ${colors.bold(where)}  ${colors.red(entry.reason)}${entry.parser ? `  parser ${entry.parser.id} ${entry.parser.version}` : ''}\n`;
        text += `    ${Buffer.from(entry.data, 'base64').toString('utf8').replace(/\s+$/, '')}\n`;
        if (entry.errorCode !== undefined)
          text += `    ${colors.red(entry.errorCode)}: ${entry.errorMessage ?? ''}${entry.findingId ? ` (finding ${entry.findingId})` : ''}\n`;
        for (const diagnostic of entry.diagnostics) {
          text += `    ${formatDiagnostic({ source: 'line' }, diagnostic, colors)}\n`;
        }
      }
      await writeOutput(process.stdout, text);
    }
  } finally {
    bucket.client.destroy();
  }
  return EXIT_CODES.success;
}

/** How far from done a line outcome leaves its entry (higher: less done). */
const OUTCOME_RANK: Readonly<Record<LineOutcome['outcome'], number>> = {
  imported: 0,
  skipped: 0,
  quarantined: 1,
};

/** What happened to one entry on replay. */
type ReplayResult =
  | { status: 'imported' | 'skipped' | 'pending' }
  | { status: 'quarantined'; entry: QuarantineEntry };

async function runReplay(keys: readonly string[], options: BucketOptions & ReplayOptions): Promise<ExitCode> {
  if (keys.length === 0 && options.all !== true)
    throw new CliError('Give the object keys to replay, or --all.');
  const bucket = await openBucket(options);
  const { createInvocationContext, toQuarantineObjectKey } = await import('@otbridge/lambda-handler');
  const { DeleteObjectCommand, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const { createCliHandler } = await import('../io/handler-runtime.js');
  const project = await loadProjectParsers(
    options.config === undefined ? {} : { configPath: options.config },
  );
  const awsAccountId = options.account ?? process.env.OTBRIDGE_AWS_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID;
  const selected =
    options.all === true ? (await listKeys(bucket, bucket.prefix)).map((item) => item.key) : [...keys];
  const colors = createStreamColors(process.stdout);
  const totals = { entries: 0, imported: 0, skipped: 0, quarantined: 0, pending: 0, deleted: 0 };
  const scratchPrefix = `${bucket.prefix}.replay-${randomUUID()}/`;

  try {
    for (const key of selected) {
      if (key.startsWith(`${bucket.prefix}.replay-`)) continue;
      const object = await readObject(bucket, key);
      const outcomes = new Map<number, LineOutcome>();
      const handler = await createCliHandler(
        project,
        {
          region: bucket.region,
          awsAccountId,
          quarantineBucket: bucket.bucket,
          quarantinePrefix: scratchPrefix,
          ...(options.securityhubEndpoint === undefined
            ? {}
            : { securityHubEndpoint: options.securityhubEndpoint }),
          ...(bucket.endpoint === undefined ? {} : { s3Endpoint: bucket.endpoint }),
        },
        // An entry can hold a whole record that decodes into several lines: it is done only when every
        // line is, so keep its worst outcome (quarantined over imported/skipped). The handler reports the
        // lines of a record all together or, while the record is unfinished, none of them (pending).
        (outcome) => {
          const index = Number(outcome.sequenceNumber);
          const known = outcomes.get(index);
          if (known === undefined || OUTCOME_RANK[outcome.outcome] > OUTCOME_RANK[known.outcome])
            outcomes.set(index, outcome);
        },
      );
      // One synthetic record per entry; its sequence number is the entry's index, mapped back below.
      const event: Parameters<KinesisHandler>[0] = {
        Records: object.entries.map((entry, index) => ({
          awsRegion: bucket.region,
          eventID: `${object.shardId}:${index}`,
          eventName: 'aws:kinesis:record',
          eventSource: 'aws:kinesis',
          eventSourceARN: object.eventSourceArn,
          eventVersion: '1.0',
          invokeIdentityArn: 'arn:aws:iam::000000000000:role/otbridge-cli',
          kinesis: {
            data: entry.data,
            sequenceNumber: String(index),
            partitionKey: entry.partitionKey,
            kinesisSchemaVersion: '1.0',
            approximateArrivalTimestamp: entry.approximateArrivalTimestamp,
          },
        })),
      };
      const context = createInvocationContext({
        timeoutMs: 15 * 60_000,
        functionArn: `arn:aws:lambda:${bucket.region}:${awsAccountId}:function:otbridge-cli-replay`,
      });
      await handler(event, context);
      const scratchKey = toQuarantineObjectKey({
        prefix: scratchPrefix,
        streamName: object.streamName,
        shardId: object.shardId,
        firstSequenceNumber: '0',
      });
      const again = new Map<number, QuarantineEntry>();
      if ([...outcomes.values()].some((outcome) => outcome.outcome === 'quarantined')) {
        const scratch = await readObject(bucket, scratchKey);
        for (const entry of scratch.entries) again.set(Number(entry.sequenceNumber), entry);
        await bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.bucket, Key: scratchKey }));
      }
      const results: ReplayResult[] = object.entries.map((original, index) => {
        const outcome = outcomes.get(index);
        if (outcome === undefined) return { status: 'pending' };
        if (outcome.outcome !== 'quarantined') return { status: outcome.outcome };
        const fresh = again.get(index);
        // The replay's own coordinates (its synthetic record, the line within it) say nothing about where
        // the original came from: keep the original's, and the new reason and diagnostics.
        const { subSequenceNumber: _sub, lineIndex: _line, ...freshFindings } = fresh ?? {};
        const entry: QuarantineEntry = fresh
          ? {
              ...(freshFindings as Omit<QuarantineEntry, 'subSequenceNumber' | 'lineIndex'>),
              sequenceNumber: original.sequenceNumber,
              partitionKey: original.partitionKey,
              approximateArrivalTimestamp: original.approximateArrivalTimestamp,
              data: original.data,
              ...(original.subSequenceNumber === undefined
                ? {}
                : { subSequenceNumber: original.subSequenceNumber }),
              ...(original.lineIndex === undefined ? {} : { lineIndex: original.lineIndex }),
            }
          : original;
        return { status: 'quarantined', entry };
      });
      let text = `${colors.bold(key)}\n`;
      for (const [index, result] of results.entries()) {
        totals.entries++;
        totals[result.status]++;
        let label: string;
        if (result.status === 'quarantined') {
          const { entry } = result;
          const code =
            entry.diagnostics.find((d) => d.severity === 'error')?.code ?? entry.errorCode ?? entry.reason;
          label = colors.red(`quarantined again: ${code}`);
        } else if (result.status === 'pending') label = colors.yellow('not delivered (kept)');
        else label = colors.green(result.status);
        const parser = outcomes.get(index)?.parserId;
        text += `  #${index} seq ${object.entries[index]?.sequenceNumber ?? ''}: ${label}${parser ? ` (${parser})` : ''}\n`;
      }
      const remaining = object.entries.filter((_, index) => {
        const status = results[index]?.status;
        return status === 'pending' || status === 'quarantined';
      });
      if (options.keep !== true) {
        if (remaining.length === 0) {
          await bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.bucket, Key: key }));
          totals.deleted++;
          text += '  all entries done: object deleted\n';
        } else if (results.some((result) => result.status !== 'pending')) {
          const kept = results
            .map((result, index) =>
              result.status === 'quarantined'
                ? result.entry
                : result.status === 'pending'
                  ? object.entries[index]
                  : undefined,
            )
            .filter((entry): entry is QuarantineEntry => entry !== undefined);
          const updated: QuarantineObject = { ...object, writtenAt: new Date().toISOString(), entries: kept };
          await bucket.client.send(
            new PutObjectCommand({
              Bucket: bucket.bucket,
              Key: key,
              Body: JSON.stringify(updated),
              ContentType: 'application/json',
            }),
          );
          text += `  ${kept.length} entries kept in the object\n`;
        }
      }
      await writeOutput(process.stdout, text);
    }
  } finally {
    bucket.client.destroy();
  }
  process.stderr.write(
    `replayed ${totals.entries} entries from ${selected.length} objects: ${totals.imported} imported, ${totals.skipped} skipped, ` +
      `${totals.quarantined} quarantined again, ${totals.pending} not delivered; ${totals.deleted} objects deleted\n`,
  );
  if (totals.pending > 0) return EXIT_CODES.unavailable;
  return totals.quarantined > 0 ? EXIT_CODES.rejected : EXIT_CODES.success;
}
