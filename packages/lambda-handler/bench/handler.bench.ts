// Benchmarks of the built bundle (run `pnpm build` first): size, cold start, records/s, peak RSS.
// Prints figures; asserts nothing. Usage: pnpm --filter @otbridge/lambda-handler bench
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
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
    // Keeping no finding: a server holding every finding grows its heap, and its 6-10 ms collections then
    // stall the handler (its calls wait for answers), which is the server's cost, not the handler's.
    [
      ...process.execArgv,
      '--conditions=@otbridge/source',
      SHUB_CLI,
      '--port',
      '0',
      '--accept-all',
      '--discard-findings',
    ],
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

interface ChildFigures {
  readonly maxRssKiB: number;
  readonly failures: number;
  readonly constrainedMemory: number;
  readonly heapSizeLimit: number;
}

/** The smallest Lambda memory size. */
const LAMBDA_MEMORY_MIB = 128;
const LAMBDA_MEMORY_BYTES = LAMBDA_MEMORY_MIB * 1024 * 1024;

/**
 * The V8 heap flags the Lambda Node.js runtime starts node with for a function's memory size: a tenth of it
 * for the young generation (half of that per semi-space), the rest for the old generation. The formula is the
 * runtime's bootstrap script (`/var/runtime/bootstrap`, from `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`), as published
 * copies of it show.
 */
function lambdaRuntimeHeapFlags(memoryMiB: number): readonly string[] {
  const newSpace = Math.floor(memoryMiB / 10);
  return [
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMiB - newSpace}`,
  ];
}

/** A memory cgroup (v1 or v2) capped at a limit, or why none could be made (not root, no controller). */
interface MemoryCgroup {
  readonly available: boolean;
  readonly reason?: string;
  readonly procsFile: string;
  resetPeak(): void;
  peakKiB(): number;
  failures(): number;
  remove(): void;
}

function createMemoryCgroup(limitBytes: number): MemoryCgroup {
  const name = `otbridge-bench-${process.pid}`;
  const v1 = join('/sys/fs/cgroup/memory', name);
  const v2 = join('/sys/fs/cgroup', name);
  const read = (file: string): number => Number(readFileSync(file, 'utf8').trim().split(/\s+/).pop());
  try {
    if (existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes')) {
      mkdirSync(v1);
      writeFileSync(join(v1, 'memory.limit_in_bytes'), String(limitBytes));
      return {
        available: true,
        procsFile: join(v1, 'cgroup.procs'),
        resetPeak: () => writeFileSync(join(v1, 'memory.max_usage_in_bytes'), '0'),
        peakKiB: () => read(join(v1, 'memory.max_usage_in_bytes')) / 1024,
        failures: () => read(join(v1, 'memory.failcnt')),
        remove: () => rmdirSync(v1),
      };
    }
    if (readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').includes('memory')) {
      mkdirSync(v2);
      writeFileSync(join(v2, 'memory.max'), String(limitBytes));
      return {
        available: true,
        procsFile: join(v2, 'cgroup.procs'),
        resetPeak: () => undefined,
        peakKiB: () =>
          existsSync(join(v2, 'memory.peak')) ? read(join(v2, 'memory.peak')) / 1024 : Number.NaN,
        failures: () =>
          Number(/^max (\d+)/m.exec(readFileSync(join(v2, 'memory.events'), 'utf8'))?.[1] ?? Number.NaN),
        remove: () => rmdirSync(v2),
      };
    }
    throw new Error('no cgroup memory controller');
  } catch (error) {
    const reason = `needs root and a cgroup memory controller: ${error instanceof Error ? error.message : String(error)}`;
    return {
      available: false,
      reason,
      procsFile: '',
      resetPeak() {},
      peakKiB: () => 0,
      failures: () => 0,
      remove() {},
    };
  }
}

/** Kernel clock ticks per second, the unit of /proc/stat and /proc/<pid>/stat times (USER_HZ). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by the whole host and by one process, from /proc (undefined off Linux). Their
 * difference over a round, less this process's own CPU, is what other processes took: on a shared 2-core
 * host that, not the handler, often decides the wall-clock figure.
 */
function readCpuSeconds(pid: number | undefined): { host: number; process: number } | undefined {
  try {
    const host =
      /^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]?.split(/\s+/).map(Number) ?? [];
    // user, nice, system, irq, softirq (idle, iowait and steal are not work done here).
    const busy = (host[0] ?? 0) + (host[1] ?? 0) + (host[2] ?? 0) + (host[5] ?? 0) + (host[6] ?? 0);
    // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count from ')'.
    const fields =
      pid === undefined ? [] : (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []);
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    return { host: busy / CLOCK_TICKS_PER_SECOND, process: ticks / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
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
    const WARM_UP_BATCHES = 5;
    const ROUNDS = 3;
    for (const [name, make] of [
      ['vendor fixture cycle, a few dozen distinct Ids per batch', makeRecords],
      ['distinct alerts, one finding per line, 10 calls per batch', makeDistinctRecords],
    ] as const) {
      const records = make(batchSize * batches, 400);
      // Warm-up: the optimising compiler needs a few thousand lines before the code is steady (after one
      // batch, its background compilation still took about a quarter of the measured CPU time). Cold start
      // is measured above, on its own.
      for (let w = 0; w < WARM_UP_BATCHES; w++)
        await handler({ Records: records.slice(w * batchSize, (w + 1) * batchSize) }, context());
      // Three timed rounds over the same batches: the median, and the spread this host gives between rounds.
      const wall: number[] = [];
      const perCpu: number[] = [];
      const others: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        const hostStart = readCpuSeconds(server.child.pid);
        for (let b = 0; b < batches; b++) {
          const response = await handler(
            { Records: records.slice(b * batchSize, (b + 1) * batchSize) },
            context(),
          );
          if (response.batchItemFailures.length > 0) throw new Error('unexpected partial failure');
        }
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const cpu = process.cpuUsage(cpuStart);
        wall.push((batchSize * batches) / seconds);
        perCpu.push((batchSize * batches) / ((cpu.user + cpu.system) / 1e6));
        const hostEnd = readCpuSeconds(server.child.pid);
        if (hostStart !== undefined && hostEnd !== undefined) {
          const used = hostEnd.host - hostStart.host - (hostEnd.process - hostStart.process);
          others.push(Math.max(0, (used - (cpu.user + cpu.system) / 1e6) / seconds));
        }
      }
      const spread = (values: number[]) =>
        `${Math.round(median(values))} (rounds ${Math.round(Math.min(...values))}-${Math.round(Math.max(...values))})`;
      const busy =
        others.length === 0
          ? ''
          : `; other processes on the host took ${others.map((share) => `${Math.round(share * 100)} %`).join(', ')} of a core in the rounds`;
      console.log(
        `throughput (${name}): ${spread(wall)} records/s wall clock, ${spread(perCpu)} per CPU second of the ` +
          `handler process (median of ${ROUNDS} rounds of ${batches} batches of ${batchSize} after ${WARM_UP_BATCHES} ` +
          `warm-up batches, Security Hub accept-all server keeping no finding, in another process; target ≥ 30,000${busy})`,
      );
    }
  } finally {
    server.child.kill();
  }

  // One maximal event (6,000 one-KB lines, 6 MB of payload) in a fresh plain-node process that reads the
  // event as JSON, as the Lambda runtime does; the accept-all server runs in this process's child. Each case
  // runs three ways: in a 128 MB memory cgroup (where one can be made: root) with the Lambda runtime's heap
  // flags, as the smallest Lambda; with those flags and no limit; as plain node with neither. Twice: the
  // fixture cycle (few distinct Ids) and distinct alerts (every line a finding, 60 calls).
  const rssServer = await startAcceptAllServer();
  const directory = mkdtempSync(join(tmpdir(), 'otbridge-bench-'));
  setEnvironment(rssServer.url);
  const count = Number(process.env.BENCH_RSS_RECORDS ?? 6_000);
  const runChild = (
    eventFile: string,
    cgroup: MemoryCgroup | undefined,
    nodeFlags: readonly string[],
    ...extra: string[]
  ) =>
    new Promise<ChildFigures>((resolve, reject) => {
      const args = [...nodeFlags, join(ROOT, 'bench', 'peak-rss-child.mjs'), BUNDLE, eventFile, ...extra];
      // In the cgroup: a shell joins it, then becomes node, so node starts (and sizes its heap) inside it.
      const run =
        cgroup === undefined
          ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
          : spawn(
              '/bin/sh',
              ['-c', 'echo $$ > "$0" && exec "$@"', cgroup.procsFile, process.execPath, ...args],
              { stdio: ['ignore', 'pipe', 'inherit'] },
            );
      let out = '';
      run.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      run.once('exit', (code, signal) =>
        code === 0
          ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildFigures)
          : reject(
              new Error(
                `peak-rss child exited ${code ?? signal}${cgroup ? ' (in the 128 MB cgroup: out of memory?)' : ''}`,
              ),
            ),
      );
    });
  const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
  const cgroup = createMemoryCgroup(LAMBDA_MEMORY_BYTES);
  const flags = lambdaRuntimeHeapFlags(LAMBDA_MEMORY_MIB);
  try {
    for (const [name, make] of [
      ['vendor fixture cycle', makeRecords],
      ['distinct alerts', makeDistinctRecords],
    ] as const) {
      const records = make(count, 1_024);
      const payload = records.reduce((sum, r) => sum + Buffer.from(r.kinesis.data, 'base64').length, 0);
      const eventFile = join(directory, `${name.replaceAll(' ', '-')}.json`);
      writeFileSync(eventFile, JSON.stringify({ Records: records }));
      const label = `peak RSS, one maximal event (${name}: ${count} × 1 KB lines, ${payload} bytes)`;
      // As the smallest Lambda runs it: node inside a 128 MB memory limit, with the runtime's heap flags.
      if (cgroup.available) {
        const floor = await runChild(eventFile, cgroup, flags, '--floor');
        cgroup.resetPeak();
        const figures = await runChild(eventFile, cgroup, flags);
        console.log(
          `${label}, in a 128 MB memory cgroup with the Lambda runtime's heap flags, like the smallest ` +
            `Lambda: ${mib(figures.maxRssKiB)} ` +
            `(target < 128 MB; cgroup peak ${mib(cgroup.peakKiB())}, limit hits ${cgroup.failures()}; ` +
            `V8 heap limit ${mib(figures.heapSizeLimit / 1024)}, memory limit ` +
            `${mib(figures.constrainedMemory / 1024)}; partial failures: ${figures.failures}); without the ` +
            `invocation: ${mib(floor.maxRssKiB)}`,
        );
      } else {
        console.log(`${label}, in a 128 MB memory cgroup: not measured (${cgroup.reason})`);
      }
      const floor = await runChild(eventFile, undefined, [], '--floor');
      const figures = await runChild(eventFile, undefined, []);
      console.log(
        `${label}, unconstrained on this ${Math.round(totalmem() / 2 ** 30)} GiB host (V8 heap limit ` +
          `${mib(figures.heapSizeLimit / 1024)}, sized from the host's memory): ${mib(figures.maxRssKiB)} ` +
          `(partial failures: ${figures.failures}); without the invocation: ${mib(floor.maxRssKiB)}`,
      );
      // The runtime's heap flags without a memory limit (what a host without cgroups can measure).
      const flaggedFloor = await runChild(eventFile, undefined, flags, '--floor');
      const flagged = await runChild(eventFile, undefined, flags);
      console.log(
        `${label}, unconstrained with the Lambda runtime's heap flags for 128 MB (${flags.join(' ')}; V8 heap ` +
          `limit ${mib(flagged.heapSizeLimit / 1024)}): ${mib(flagged.maxRssKiB)} (target < 128 MB; partial ` +
          `failures: ${flagged.failures}); without the invocation: ${mib(flaggedFloor.maxRssKiB)}`,
      );
    }
  } finally {
    cgroup.remove();
    rssServer.child.kill();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
