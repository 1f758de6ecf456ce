import { statSync } from 'node:fs';
import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { type Command, Option } from 'commander';
import { CliError } from '../io/cli-error.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { createProgress } from '../io/progress.js';
import { readLines } from '../io/read-lines.js';

/** PutRecords limits: 500 records and 5 MiB (data plus partition keys) per call. */
export const PUT_RECORDS_MAX_ENTRIES = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1024 * 1024;
/** Events gathered before they are packed into records (bounds memory on large inputs). */
const CHUNK_MAX_BYTES = 4 * 1024 * 1024;

interface SendOptions {
  readonly stream: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly envelope: 'fluentd' | 'raw';
  readonly kpl?: boolean;
  readonly sourceAddress: string;
  readonly partitionKey?: string;
  readonly maxAttempts: string;
}

interface PendingRecord {
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly lines: number;
}

/** Registers `otbridge send --stream NAME [files...]`. */
export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .summary('put syslog lines into a Kinesis stream as the collector does')
    .description(
      "Put syslog lines (files, or stdin) into a Kinesis stream in the collector's Fluentd envelope (or\n" +
        'raw, or KPL-aggregated), batched at 500 records / 5 MB per PutRecords call. Throttled and failed\n' +
        'entries are retried with back-off; exit code 3 when some could still not be written.',
    )
    .argument('[files...]', 'syslog files, one message per line ("-" is stdin)')
    .requiredOption('--stream <name>', 'the Kinesis stream name')
    .option('--endpoint <url>', 'Kinesis endpoint (a local Kinesis such as kinesalite)')
    .option('--region <region>', 'AWS region (default $AWS_REGION or us-east-1)')
    .addOption(
      new Option(
        '--envelope <envelope>',
        "fluentd: the collector's JSON record; raw: the line bytes as they are",
      )
        .choices(['fluentd', 'raw'])
        .default('fluentd'),
    )
    .option('--kpl', 'KPL-aggregate the records, as kinesis_streams_aggregated does')
    .option('--source-address <address>', 'the sender address the envelope records', '127.0.0.1')
    .option('--partition-key <key>', 'one partition key for every record (default: random, as Fluentd does)')
    .option('--max-attempts <n>', 'attempts per PutRecords entry before it counts as failed', '8')
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge send --stream ot-ids dragos.log\n' +
        '  $ otbridge send --stream otbridge-local --endpoint http://127.0.0.1:4567 --kpl corpus.log\n',
    )
    .action(async (files: string[], options: SendOptions) => {
      process.exitCode = await runSend(files, options);
    });
}

async function runSend(files: readonly string[], options: SendOptions): Promise<ExitCode> {
  const maxAttempts = Number(options.maxAttempts);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new CliError(`--max-attempts: expected an integer from 1 to 100, got '${options.maxAttempts}'.`);
  }
  const { toFluentdRecord, aggregateRecords, createRandomPartitionKey, MAX_EVENT_BYTES } = await import(
    '@otbridge/local-pipeline'
  );
  const { computeBackoffDelay } = await import('@otbridge/lambda-handler');
  const { PutRecordsCommand } = await import('@aws-sdk/client-kinesis');
  const { createCliKinesisClient, describeError, toAwsTarget } = await import('../io/aws-clients.js');
  const client = createCliKinesisClient(toAwsTarget(options));
  const partitionKey = (): string => options.partitionKey ?? createRandomPartitionKey();
  const total = files.length > 0 && !files.includes('-') ? files.reduce((sum, f) => sum + safeSize(f), 0) : 0;
  const progress = createProgress('send', { total, unit: 'bytes' });
  const counts = { lines: 0, records: 0, calls: 0, retried: 0, failedLines: 0, tooLarge: 0 };
  let chunk: Uint8Array[] = [];
  let chunkBytes = 0;

  const put = async (records: PendingRecord[]): Promise<void> => {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts) break;
      if (attempt > 0) {
        counts.retried += pending.length;
        await sleep(computeBackoffDelay(attempt - 1, { baseMs: 100, maxMs: 5_000 }));
      }
      counts.calls++;
      const entries: PutRecordsRequestEntry[] = pending.map((r) => ({
        Data: r.data,
        PartitionKey: r.partitionKey,
      }));
      try {
        const response = await client.send(
          new PutRecordsCommand({ StreamName: options.stream, Records: entries }),
        );
        // Results are positional. An entry with no result (a short answer) counts as not written, never as
        // written, so it goes round again.
        const results = response.Records ?? [];
        const again: PendingRecord[] = [];
        for (const [index, record] of pending.entries()) {
          const result = results[index];
          if (result === undefined || result.ErrorCode !== undefined || result.SequenceNumber === undefined)
            again.push(record);
          else counts.records++;
        }
        pending = again;
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (
          name === 'ResourceNotFoundException' ||
          name === 'ValidationException' ||
          name === 'AccessDeniedException'
        ) {
          throw new CliError(
            `PutRecords to ${options.stream} failed: ${describeError(error)}`,
            EXIT_CODES.unavailable,
            {
              cause: error,
            },
          );
        }
        // Throttling, 5xx and network errors: the whole call goes round again.
      }
    }
    for (const record of pending) counts.failedLines += record.lines;
  };

  const flushChunk = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const events = chunk;
    chunk = [];
    chunkBytes = 0;
    const records: PendingRecord[] =
      options.kpl === true
        ? aggregateRecords(events, partitionKey())
        : events.map((data) => ({ data, partitionKey: partitionKey(), lines: 1 }));
    let call: PendingRecord[] = [];
    let callBytes = 0;
    for (const record of records) {
      const size = record.data.byteLength + Buffer.byteLength(record.partitionKey);
      if (
        call.length > 0 &&
        (call.length >= PUT_RECORDS_MAX_ENTRIES || callBytes + size > PUT_RECORDS_MAX_BYTES)
      ) {
        await put(call);
        call = [];
        callBytes = 0;
      }
      call.push(record);
      callBytes += size;
    }
    if (call.length > 0) await put(call);
  };

  try {
    for await (const line of readLines(files)) {
      progress.increment(line.bytes.byteLength + 1);
      counts.lines++;
      const event =
        options.envelope === 'raw'
          ? line.bytes
          : toFluentdRecord(Buffer.from(line.bytes), options.sourceAddress);
      if (event === undefined) continue;
      if (line.truncated || event.byteLength > MAX_EVENT_BYTES) {
        counts.tooLarge++;
        counts.failedLines++;
        process.stderr.write(
          `${line.source}:${line.lineNumber}: error cli/record-too-large: the record exceeds ${MAX_EVENT_BYTES} bytes; Kinesis refuses it.\n`,
        );
        continue;
      }
      chunk.push(event);
      chunkBytes += event.byteLength;
      if (chunkBytes >= CHUNK_MAX_BYTES) await flushChunk();
    }
    await flushChunk();
  } finally {
    progress.stop();
    client.destroy();
  }
  const sent = counts.lines - counts.failedLines;
  process.stderr.write(
    `sent ${sent} of ${counts.lines} lines as ${counts.records} records to ${options.stream} ` +
      `(${counts.calls} PutRecords calls, ${counts.retried} entries retried, ${counts.failedLines} lines failed)\n`,
  );
  return counts.failedLines > 0 ? EXIT_CODES.unavailable : EXIT_CODES.success;
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
