// Load benchmark (`pnpm bench:pipeline`): 100,000 vendor lines over TCP through the syslog listener, as
// fast as it takes them, with securityhub-local enforcing the service quota (10 BatchImportFindings
// calls/s, burst 30). Prints lines/s accepted, findings/s imported, loss and duplicates.
import { cpus } from 'node:os';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import {
  type InvocationReport,
  readStreamLines,
  sendSyslogOverTcp,
  startLocalPipeline,
} from '../src/index.js';
import { toEventKey } from '../test/helpers/findings.js';
import { createVendorLines } from '../test/helpers/vendor-lines.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const QUOTA_CEILING = 100 * 10; // findings per call × calls per second
const TAG = 'bench';

const invocations: InvocationReport[] = [];
const concurrency = process.env.BENCH_IMPORT_CONCURRENCY;
const pipeline = await startLocalPipeline({
  dataDir: false,
  udpPort: 0,
  tcpPort: 0,
  onInvocation: (report) => invocations.push(report),
  ...(concurrency === undefined ? {} : { handlerEnvironment: { OTBRIDGE_IMPORT_CONCURRENCY: concurrency } }),
});
const hub = pipeline.securityHub;
if (hub === undefined) throw new Error('the benchmark needs the embedded securityhub-local');
const lines = createVendorLines(LINES, { tag: TAG });
const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);

// Sample the store every 250 ms: the first and last time its size grows bound the import window.
const samples: { at: number; size: number }[] = [];
const sampler = setInterval(() => samples.push({ at: performance.now(), size: hub.store.size }), 250);

const started = performance.now();
await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, lines);
while (pipeline.stats.linesIn < LINES) await new Promise((done) => setTimeout(done, 5));
const accepted = performance.now();
await pipeline.drain({ timeoutMs: 30 * 60_000 });
const drained = performance.now();
clearInterval(sampler);
samples.push({ at: drained, size: hub.store.size });

const firstGrowth = samples.find((sample) => sample.size > 0);
const lastSample = samples.find((sample) => sample.size === hub.store.size) ?? samples.at(-1);
const before = firstGrowth === undefined ? undefined : samples[samples.indexOf(firstGrowth) - 1];
const windowStart = before?.at ?? started;
const windowEnd = lastSample?.at ?? drained;
const importSeconds = (windowEnd - windowStart) / 1000;

// Loss: sent event ids without a finding. Duplicates: lines in the stream more than once, plus findings
// that match no sent line (the store upserts by Id, so a re-import cannot show up as a second finding).
const sent = new Set(lines.map((_, index) => `${TAG}${index}`));
const found = new Set<string>();
let unexpected = 0;
for (const finding of hub.store.findings()) {
  const key = toEventKey(finding as unknown as AwsSecurityFinding);
  if (sent.has(key)) found.add(key);
  else unexpected++;
}
const streamLines = (await readStreamLines(pipeline.kinesisClient, pipeline.streamName)).map(
  (line) => line.text,
);
const streamDuplicates = streamLines.length - new Set(streamLines).size;
const stats = { ...pipeline.stats, vendors: Object.fromEntries(pipeline.stats.vendors) };
await pipeline.stop();

const findingsPerSecond = found.size / importSeconds;
// Steady state: the rate between 10 % and 90 % of the findings, without the ramp-up (the stream still
// filling, first invocations small) and the tail (the last, partly filled calls).
const at = (share: number): number =>
  samples.find((sample) => sample.size >= share * LINES)?.at ?? Number.NaN;
const sustained = (0.8 * LINES) / ((at(0.9) - at(0.1)) / 1000);
const report = {
  host: `${cpus().length} cores (shared with other engineers' builds and tests)`,
  lines: LINES,
  megabytes: Number((bytes / 1e6).toFixed(1)),
  'lines/s accepted (syslog TCP)': Math.round(LINES / ((accepted - started) / 1000)),
  'findings/s imported (first to last)': Math.round(findingsPerSecond),
  'findings/s imported (sustained, 10-90 %)': Math.round(sustained),
  'quota ceiling findings/s': QUOTA_CEILING,
  'share of ceiling (first to last)': `${((100 * findingsPerSecond) / QUOTA_CEILING).toFixed(1)} %`,
  'share of ceiling (sustained)': `${((100 * sustained) / QUOTA_CEILING).toFixed(1)} %`,
  'end-to-end seconds': Number(((drained - started) / 1000).toFixed(1)),
  'import window seconds': Number(importSeconds.toFixed(1)),
  loss: LINES - found.size,
  duplicates: streamDuplicates + unexpected,
  'kinesis records (KPL aggregated)': stats.recordsWritten,
  invocations: stats.invocations,
  'partial batch responses': stats.partialBatchResponses,
  'failed invocations': stats.invocationErrors,
  'import calls': stats.importCalls,
  'throttled calls': stats.throttledCalls,
  'seconds inside invocations': Number(
    (invocations.reduce((sum, item) => sum + item.durationMs, 0) / 1000).toFixed(1),
  ),
  'findings per invocation (median)': invocations
    .map((item) => item.metrics.findingsImported)
    .sort((a, b) => a - b)[Math.floor(invocations.length / 2)],
  'findings per call': Number((stats.findingsImported / Math.max(1, stats.importCalls)).toFixed(1)),
};
console.table(report);
if (report.loss !== 0 || report.duplicates !== 0) process.exitCode = 1;
