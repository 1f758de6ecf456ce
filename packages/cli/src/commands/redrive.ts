import { readFileSync } from 'node:fs';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisHandler } from '@otbridge/lambda-handler';
import type { Command } from 'commander';
import { CliError } from '../io/cli-error.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { loadProjectParsers } from '../io/load-project-parsers.js';
import { DEFAULT_ACCOUNT_ID } from '../io/normalize-input.js';
import { createProgress } from '../io/progress.js';

/** `KinesisBatchInfo` of the on-failure destination payload Lambda writes for a discarded batch. */
export interface KinesisBatchInfo {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly batchSize?: number;
  readonly streamArn?: string;
}

/** One on-failure message, from SQS or a file. */
interface FailureMessage {
  readonly id: string;
  readonly body: string;
  readonly receiptHandle?: string;
}

/** Where on-failure messages come from; injectable so the re-read path is testable without SQS. */
export interface FailureMessageSource {
  receive(): Promise<FailureMessage[]>;
  /** Removes a message once its records are processed. */
  remove(message: FailureMessage): Promise<void>;
  close(): void;
}

interface RedriveOptions {
  readonly stream: string;
  readonly queue?: string;
  readonly messages?: string;
  readonly endpoint?: string;
  readonly sqsEndpoint?: string;
  readonly securityhubEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly bucket?: string;
  readonly prefix?: string;
  readonly region?: string;
  readonly account?: string;
  readonly config?: string;
  readonly batchSize: string;
  readonly maxAttempts: string;
  readonly maxMessages: string;
}

/** Registers `otbridge redrive --queue URL --stream NAME`. */
export function registerRedriveCommand(program: Command): void {
  program
    .command('redrive')
    .summary("re-process batches Lambda gave up on, from the on-failure queue's metadata")
    .description(
      'Read the batch metadata Lambda left in the on-failure queue after retries ran out (shard and\n' +
        'sequence range only), re-read those records from the stream while it still holds them, and run\n' +
        'them through the handler again (import, quarantine). A message is deleted once its whole range is\n' +
        'processed. Exit 3 when some range could not be finished (records expired, service down).',
    )
    .requiredOption('--stream <name>', 'the Kinesis stream the batches came from')
    .option('--queue <url>', 'the on-failure SQS queue URL')
    .option('--messages <file>', 'read on-failure messages from a file (JSON array or NDJSON) instead of SQS')
    .option('--endpoint <url>', 'Kinesis endpoint (a local Kinesis)')
    .option('--sqs-endpoint <url>', 'SQS endpoint')
    .option('--securityhub-endpoint <url>', 'Security Hub endpoint (securityhub-local)')
    .option('--s3-endpoint <url>', 'S3 endpoint for the quarantine (s3rver)')
    .option('--bucket <name>', 'quarantine bucket (default $OTBRIDGE_QUARANTINE_BUCKET)')
    .option('--prefix <prefix>', 'quarantine key prefix (default $OTBRIDGE_QUARANTINE_PREFIX or quarantine/)')
    .option('--region <region>', 'AWS region (default $AWS_REGION or us-east-1)')
    .option(
      '--account <id>',
      `account of the findings (default $OTBRIDGE_AWS_ACCOUNT_ID or ${DEFAULT_ACCOUNT_ID})`,
    )
    .option('--config <file>', 'otbridge.config.json with the parsers to use')
    .option('--batch-size <n>', 'records per handler invocation', '100')
    .option('--max-attempts <n>', 'invocations per batch before the message is kept for later', '3')
    .option('--max-messages <n>', 'stop after this many messages', '1000')
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge redrive --stream ot-ids --queue https://sqs.eu-west-1.amazonaws.com/111122223333/ot-ids-dlq --bucket ot-ids-quarantine\n' +
        '  $ otbridge redrive --stream ot-ids --messages dlq-export.ndjson --bucket ot-ids-quarantine\n',
    )
    .action(async (options: RedriveOptions) => {
      process.exitCode = await runRedrive(options);
    });
}

/** The `KinesisBatchInfo` of one message body (the payload itself, or an SNS/SQS wrapper around it). */
export function parseBatchInfo(body: string): KinesisBatchInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (let depth = 0; depth < 3 && value !== null && typeof value === 'object'; depth++) {
    const object = value as Record<string, unknown>;
    const info = object.KinesisBatchInfo as Record<string, unknown> | undefined;
    if (info !== undefined && typeof info === 'object' && info !== null) {
      const { shardId, startSequenceNumber, endSequenceNumber } = info;
      if (
        typeof shardId !== 'string' ||
        typeof startSequenceNumber !== 'string' ||
        typeof endSequenceNumber !== 'string'
      ) {
        return undefined;
      }
      if (!/^\d+$/.test(startSequenceNumber) || !/^\d+$/.test(endSequenceNumber)) return undefined;
      return {
        shardId,
        startSequenceNumber,
        endSequenceNumber,
        ...(typeof info.batchSize === 'number' ? { batchSize: info.batchSize } : {}),
        ...(typeof info.streamArn === 'string' ? { streamArn: info.streamArn } : {}),
      };
    }
    // SNS notification or an SQS message exported as JSON: the payload is a string inside.
    const inner = object.Message ?? object.Body ?? object.body;
    if (typeof inner !== 'string') return undefined;
    try {
      value = JSON.parse(inner);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function createFileSource(path: string): FailureMessageSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${path}: ${(error as { code?: string }).code ?? String(error)}.`,
      EXIT_CODES.usage,
    );
  }
  let bodies: string[];
  try {
    const parsed = JSON.parse(text) as unknown;
    bodies = (Array.isArray(parsed) ? parsed : [parsed]).map((item) => JSON.stringify(item));
  } catch {
    bodies = text.split('\n').filter((line) => line.trim() !== '');
  }
  let given = false;
  return {
    async receive() {
      if (given) return [];
      given = true;
      return bodies.map((body, index) => ({ id: `${path}#${index + 1}`, body }));
    },
    async remove() {},
    close() {},
  };
}

async function createSqsSource(client: SQSClient, queueUrl: string): Promise<FailureMessageSource> {
  const { DeleteMessageCommand, ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
  return {
    async receive() {
      const response = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 2,
          VisibilityTimeout: 900,
        }),
      );
      return (response.Messages ?? []).map((message) => ({
        id: message.MessageId ?? '',
        body: message.Body ?? '',
        ...(message.ReceiptHandle === undefined ? {} : { receiptHandle: message.ReceiptHandle }),
      }));
    },
    async remove(message) {
      if (message.receiptHandle === undefined) return;
      await client.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }),
      );
    },
    close() {
      client.destroy();
    },
  };
}

type LambdaRecord = Parameters<KinesisHandler>[0]['Records'][number];

/** Re-reads `[start, end]` of one shard as Lambda-shaped records; throws a CliError if the range is gone. */
async function readRange(
  client: KinesisClient,
  streamName: string,
  info: KinesisBatchInfo,
  eventSourceArn: string,
  region: string,
): Promise<LambdaRecord[]> {
  const { GetRecordsCommand, GetShardIteratorCommand } = await import('@aws-sdk/client-kinesis');
  const end = BigInt(info.endSequenceNumber);
  let iterator: string | undefined;
  try {
    iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: info.shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          StartingSequenceNumber: info.startSequenceNumber,
        }),
      )
    ).ShardIterator;
  } catch (error) {
    throw new CliError(
      `${info.shardId} ${info.startSequenceNumber}..${info.endSequenceNumber}: the stream no longer serves this range (${(error as Error).name}: ${(error as Error).message}).`,
      EXIT_CODES.unavailable,
      { cause: error },
    );
  }
  const records: LambdaRecord[] = [];
  let empty = 0;
  while (iterator !== undefined && empty < 5) {
    const got = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    const page = got.Records ?? [];
    if (page.length === 0) empty++;
    for (const record of page) {
      const sequenceNumber = record.SequenceNumber ?? '';
      if (BigInt(sequenceNumber) > end) return records;
      records.push({
        awsRegion: region,
        eventID: `${info.shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        eventSource: 'aws:kinesis',
        eventSourceARN: eventSourceArn,
        eventVersion: '1.0',
        invokeIdentityArn: 'arn:aws:iam::000000000000:role/otbridge-cli',
        kinesis: {
          data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
          sequenceNumber,
          partitionKey: record.PartitionKey ?? '',
          kinesisSchemaVersion: '1.0',
          approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
        },
      });
      if (BigInt(sequenceNumber) === end) return records;
    }
    if (got.MillisBehindLatest === 0 && page.length === 0) break;
    iterator = got.NextShardIterator;
  }
  return records;
}

async function runRedrive(options: RedriveOptions): Promise<ExitCode> {
  if ((options.queue === undefined) === (options.messages === undefined)) {
    throw new CliError('Give exactly one of --queue <url> or --messages <file>.');
  }
  const aws = await import('../io/aws-clients.js');
  const { createInvocationContext, computeBackoffDelay } = await import('@otbridge/lambda-handler');
  const { createCliHandler } = await import('../io/handler-runtime.js');
  const batchSize = aws.toNumberOption('--batch-size', options.batchSize, 1, 10_000);
  const maxAttempts = aws.toNumberOption('--max-attempts', options.maxAttempts, 1, 100);
  const maxMessages = aws.toNumberOption('--max-messages', options.maxMessages, 1, 1_000_000);
  const bucket = options.bucket ?? process.env.OTBRIDGE_QUARANTINE_BUCKET;
  if (bucket === undefined || bucket === '')
    throw new CliError('--bucket is required (or set OTBRIDGE_QUARANTINE_BUCKET).');
  const kinesisTarget = aws.toAwsTarget(options);
  const region = kinesisTarget.region;
  const awsAccountId = options.account ?? process.env.OTBRIDGE_AWS_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID;
  for (const endpoint of [options.securityhubEndpoint, options.s3Endpoint]) {
    if (endpoint !== undefined) aws.useLocalCredentialsFor(aws.toAwsTarget({ region, endpoint }));
  }
  const kinesis = aws.createCliKinesisClient(kinesisTarget);
  const source =
    options.messages !== undefined
      ? createFileSource(options.messages)
      : await createSqsSource(
          aws.createCliSqsClient(
            aws.toAwsTarget(
              { region, ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}) },
              '--sqs-endpoint',
            ),
          ),
          options.queue as string,
        );
  const project = await loadProjectParsers(
    options.config === undefined ? {} : { configPath: options.config },
  );
  const handler = await createCliHandler(
    project,
    {
      region,
      awsAccountId,
      quarantineBucket: bucket,
      quarantinePrefix: options.prefix ?? process.env.OTBRIDGE_QUARANTINE_PREFIX ?? 'quarantine/',
      ...(options.securityhubEndpoint === undefined
        ? {}
        : { securityHubEndpoint: options.securityhubEndpoint }),
      ...(options.s3Endpoint === undefined ? {} : { s3Endpoint: options.s3Endpoint }),
    },
    () => undefined,
  );
  const totals = { messages: 0, done: 0, kept: 0, invalid: 0, records: 0 };
  const progress = createProgress('redrive', { unit: 'records' });
  try {
    while (totals.messages < maxMessages) {
      const messages = await source.receive();
      if (messages.length === 0) break;
      for (const message of messages) {
        totals.messages++;
        const info = parseBatchInfo(message.body);
        if (info === undefined) {
          totals.invalid++;
          process.stderr.write(
            `${message.id}: not a Lambda on-failure record (no KinesisBatchInfo); left in place\n`,
          );
          continue;
        }
        const arn = info.streamArn ?? `arn:aws:kinesis:${region}:${awsAccountId}:stream/${options.stream}`;
        const range = `${info.shardId} ${info.startSequenceNumber}..${info.endSequenceNumber}`;
        let records: LambdaRecord[];
        try {
          records = await readRange(kinesis, options.stream, info, arn, region);
        } catch (error) {
          totals.kept++;
          process.stderr.write(`${message.id}: ${error instanceof Error ? error.message : String(error)}\n`);
          continue;
        }
        const finished = await processRecords(
          records,
          handler,
          batchSize,
          maxAttempts,
          createInvocationContext,
          computeBackoffDelay,
        );
        totals.records += records.length;
        progress.increment(records.length);
        if (finished) {
          await source.remove(message);
          totals.done++;
          process.stdout.write(`${message.id}: ${range}: ${records.length} records re-processed\n`);
        } else {
          totals.kept++;
          process.stderr.write(
            `${message.id}: ${range}: not finished after ${maxAttempts} attempts; message kept\n`,
          );
        }
      }
    }
  } finally {
    progress.stop();
    kinesis.destroy();
    source.close();
  }
  process.stderr.write(
    `${totals.messages} messages: ${totals.done} ranges re-processed (${totals.records} records), ${totals.kept} kept, ${totals.invalid} not on-failure records\n`,
  );
  if (totals.kept > 0) return EXIT_CODES.unavailable;
  return totals.invalid > 0 ? EXIT_CODES.rejected : EXIT_CODES.success;
}

/** Invokes the handler batch by batch, resuming from the reported checkpoint like the event source mapping. */
async function processRecords(
  records: readonly LambdaRecord[],
  handler: KinesisHandler,
  batchSize: number,
  maxAttempts: number,
  createContext: typeof import('@otbridge/lambda-handler').createInvocationContext,
  backoff: typeof import('@otbridge/lambda-handler').computeBackoffDelay,
): Promise<boolean> {
  let start = 0;
  let attempt = 0;
  while (start < records.length) {
    const batch = records.slice(start, start + batchSize);
    const response = await handler({ Records: batch }, createContext({ timeoutMs: 5 * 60_000 }));
    const failed = response.batchItemFailures[0]?.itemIdentifier;
    if (failed === undefined) {
      start += batch.length;
      attempt = 0;
      continue;
    }
    const index = batch.findIndex((record) => record.kinesis.sequenceNumber === failed);
    start += Math.max(0, index);
    if (++attempt >= maxAttempts) return false;
    await new Promise((resolve) => setTimeout(resolve, backoff(attempt - 1, { baseMs: 200, maxMs: 5_000 })));
  }
  return true;
}
