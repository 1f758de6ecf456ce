// Benchmarks of the built bundle (run `pnpm build` first): size, cold start, records/s, peak RSS.
// Prints figures; asserts nothing. Usage: pnpm --filter @otbridge/lambda-handler bench
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

const ROOT = join(import.meta.dirname, '..');
// BENCH_BUNDLE: another bundle (a baseline build) measured the same way.
const BUNDLE = process.env.BENCH_BUNDLE ?? join(ROOT, 'dist', 'index.mjs');
// Run from source (through tsx, with the workspace source condition) so no other build is needed.
const SHUB_CLI = join(ROOT, '..', 'securityhub-local', 'src', 'cli.ts');
type Handler = (event: KinesisStreamEvent, context: unknown) => Promise<KinesisStreamBatchResponse>;

function fixtureLines(): string[] {
  const lines: string[] = [];
  for (const vendor of ['dragos', 'claroty', 'nozomi']) {
    const dir = join(ROOT, '..', `parser-${vendor}`, 'test', 'fixtures', 'valid');
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .sort()) {
      lines.push(readFileSync(join(dir, file), 'utf8').replace(/\r?\n$/, ''));
    }
  }
  return lines;
}

/** `count` Fluentd-enveloped records cycling through the fixture lines, each padded to about `bytes`. */
function makeRecords(count: number, bytes: number): KinesisStreamRecord[] {
  const lines = fixtureLines();
  return Array.from({ length: count }, (_, i) => {
    let line = lines[i % lines.length]!;
    if (line.length + 40 < bytes) line = `${line} cs6Label=pad cs6=${'p'.repeat(bytes - line.length - 20)}`;
    const sequenceNumber = (49590338271490256608559692538361571095921575989136588898n + BigInt(i)).toString();
    return {
      awsRegion: 'us-east-1',
      eventID: `shardId-000000000000:${sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      eventSource: 'aws:kinesis',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/bench',
      eventVersion: '1.0',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/bench',
      kinesis: {
        data: Buffer.from(`${JSON.stringify({ message: line })}\n`).toString('base64'),
        sequenceNumber,
        partitionKey: 'p',
        kinesisSchemaVersion: '1.0',
        approximateArrivalTimestamp: 1_767_225_600 + i / 1000,
      },
    };
  });
}

/**
 * `count` records of distinct alerts (generic CEF, unique `externalId`, so one finding each), padded to
 * about `bytes`: the fixture cycle above collapses to a few dozen Ids per batch, this imports every line.
 */
function makeDistinctRecords(count: number, bytes: number): KinesisStreamRecord[] {
  const cycle = makeRecords(count, 0);
  return cycle.map((record, i) => {
    let line =
      `<134>Jan  1 00:00:00 sensor-1 CEF:0|Acme|OT IDS|1.0|sig-${i % 50}|Unauthorized write ${i}|7|` +
      `externalId=evt-${i} src=192.0.2.${i % 250} dst=198.51.100.7 spt=${1024 + (i % 60000)} dpt=502 proto=TCP`;
    line = `${line} cs6Label=pad cs6=${'p'.repeat(Math.max(0, bytes - line.length - 20))}`;
    return {
      ...record,
      kinesis: {
        ...record.kinesis,
        data: Buffer.from(`${JSON.stringify({ message: line })}\n`).toString('base64'),
      },
    };
  });
}

function context(): unknown {
  const deadline = Date.now() + 900_000;
  return {
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
    awsRequestId: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

async function startAcceptAllServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--conditions=@otbridge/source', SHUB_CLI, '--port', '0', '--accept-all'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`securityhub-local exited ${code}`)));
  });
  return { url, child };
}

function setEnvironment(url: string): void {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    OTBRIDGE_SECURITYHUB_ENDPOINT: url,
    OTBRIDGE_S3_ENDPOINT: 'http://127.0.0.1:9',
    OTBRIDGE_QUARANTINE_BUCKET: 'bench',
    OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: '0',
    OTBRIDGE_IMPORT_CONCURRENCY: '4',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeNode(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const size = statSync(BUNDLE).size;
  const zip =
    process.env.BENCH_BUNDLE === undefined ? statSync(join(ROOT, 'dist', 'lambda.zip')).size : 'n/a';
  console.log(
    `dist/index.mjs: ${size} bytes (${(size / 1024).toFixed(1)} KiB, minified; target ≤ 900 KiB); lambda.zip ${zip} bytes`,
  );

  const runs = 9;
  const bare: number[] = [];
  const loaded: number[] = [];
  const importBundle = `await import(${JSON.stringify(pathToFileURL(BUNDLE).href)})`;
  timeNode(['--input-type=module', '-e', importBundle]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    bare.push(timeNode(['-e', '0']));
    loaded.push(timeNode(['--input-type=module', '-e', importBundle]));
  }
  console.log(
    `cold start: import ${median(loaded).toFixed(1)} ms − bare node ${median(bare).toFixed(1)} ms = ` +
      `${(median(loaded) - median(bare)).toFixed(1)} ms (median of ${runs}; target ≤ 130 ms)`,
  );

  const server = await startAcceptAllServer();
  try {
    setEnvironment(server.url);
    const { handler } = (await import(pathToFileURL(BUNDLE).href)) as { handler: Handler };
    const batchSize = 1_000;
    const batches = 30;
    for (const [name, make] of [
      ['vendor fixture cycle, a few dozen distinct Ids per batch', makeRecords],
      ['distinct alerts, one finding per line, 10 calls per batch', makeDistinctRecords],
    ] as const) {
      const records = make(batchSize * batches, 400);
      await handler({ Records: records.slice(0, batchSize) }, context()); // warm-up
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      for (let b = 0; b < batches; b++) {
        const response = await handler(
          { Records: records.slice(b * batchSize, (b + 1) * batchSize) },
          context(),
        );
        if (response.batchItemFailures.length > 0) throw new Error('unexpected partial failure');
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(
        `throughput (${name}): ${Math.round((batchSize * batches) / seconds)} records/s wall clock, ` +
          `${Math.round((batchSize * batches) / cpuSeconds)} per CPU second of the handler process ` +
          `(${batches} batches of ${batchSize}, Security Hub accept-all server in another process; target ≥ 30,000)`,
      );
    }
  } finally {
    server.child.kill();
  }

  // One maximal event (6,000 one-KB lines, 6 MB of payload) in a fresh plain-node process that reads the
  // event as JSON, as the Lambda runtime does; the accept-all server runs in this process's child. Twice:
  // the fixture cycle (few distinct Ids) and distinct alerts (every line a finding, 60 calls).
  const rssServer = await startAcceptAllServer();
  const directory = mkdtempSync(join(tmpdir(), 'otbridge-bench-'));
  setEnvironment(rssServer.url);
  const count = Number(process.env.BENCH_RSS_RECORDS ?? 6_000);
  const runChild = (eventFile: string, ...extra: string[]) =>
    new Promise<{ maxRssKiB: number; failures: number }>((resolve, reject) => {
      const run = spawn(
        process.execPath,
        [join(ROOT, 'bench', 'peak-rss-child.mjs'), BUNDLE, eventFile, ...extra],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      run.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      run.once('exit', (code) =>
        code === 0
          ? resolve(
              JSON.parse(out.trim().split('\n').pop() ?? '{}') as { maxRssKiB: number; failures: number },
            )
          : reject(new Error(`peak-rss child exited ${code}`)),
      );
    });
  const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
  try {
    for (const [name, make] of [
      ['vendor fixture cycle', makeRecords],
      ['distinct alerts', makeDistinctRecords],
    ] as const) {
      const records = make(count, 1_024);
      const payload = records.reduce((sum, r) => sum + Buffer.from(r.kinesis.data, 'base64').length, 0);
      const eventFile = join(directory, `${name.replaceAll(' ', '-')}.json`);
      writeFileSync(eventFile, JSON.stringify({ Records: records }));
      const floor = await runChild(eventFile, '--floor');
      const figures = await runChild(eventFile);
      console.log(
        `peak RSS, one maximal event (${name}: ${count} × 1 KB lines, ${payload} bytes): ${mib(figures.maxRssKiB)} ` +
          `(partial failures: ${figures.failures}; target < 128 MB); the same process without the invocation ` +
          `(bundle imported, event parsed and walked): ${mib(floor.maxRssKiB)}`,
      );
    }
  } finally {
    rssServer.child.kill();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
