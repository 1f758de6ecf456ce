// `pnpm bench`: tokenizes a vendor-shaped corpus with tokenizeCef and with nsyslog-parser, same process,
// and prints lines/s and ns/line (median of several runs) plus the ratio. Figures, never assertions.
// Env: BENCH_LINES (default 100000), BENCH_RUNS (default 7; nsyslog-parser gets min(runs, 3)).
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { getCefExtension, tokenizeCef } from '../src/index.js';
import { buildVendorCorpus } from './build-vendor-corpus.js';

const require = createRequire(import.meta.url);
type NsyslogResult = { fields?: Record<string, string> | unknown[]; cef?: unknown };
const nsyslog = require('nsyslog-parser') as (line: string) => NsyslogResult;

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const corpus = buildVendorCorpus(LINES);
let chars = 0;
let pairs = 0;
let okStrict = 0;
for (const line of corpus) {
  chars += line.length;
  const result = tokenizeCef(line);
  if (result.ok) {
    okStrict++;
    pairs += result.record.extensions.length;
  }
}

let sink = 0; // defeats dead-code elimination

function tokenizeOnly(): void {
  for (let i = 0; i < corpus.length; i++) {
    const result = tokenizeCef(corpus[i]!);
    if (result.ok) sink += result.record.severity.length;
  }
}

function tokenizeAndRead(): void {
  for (let i = 0; i < corpus.length; i++) {
    const result = tokenizeCef(corpus[i]!);
    if (!result.ok) continue;
    for (const [key, value] of result.record.extensions) sink += key.length + value.length;
  }
}

function nsyslogOnly(): void {
  for (let i = 0; i < corpus.length; i++) sink += nsyslog(corpus[i]!).cef === undefined ? 0 : 1;
}

function nsyslogAndRead(): void {
  for (let i = 0; i < corpus.length; i++) {
    const fields = nsyslog(corpus[i]!).fields;
    if (fields === undefined || Array.isArray(fields)) continue;
    for (const key in fields) sink += key.length + String(fields[key]).length;
  }
}

function bareSplit(): void {
  // Scale reference only (not a parser): what a naive split costs on the same lines.
  for (let i = 0; i < corpus.length; i++) {
    const line = corpus[i]!;
    sink += line.split('|').length + line.split(' ').length;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function measure(
  run: () => void,
  runs: number,
): { linesPerSecond: number; nsPerLine: number; spread: string } {
  run(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start));
  }
  const ns = median(times);
  const min = Math.min(...times) / corpus.length;
  const max = Math.max(...times) / corpus.length;
  return {
    linesPerSecond: (corpus.length * 1e9) / ns,
    nsPerLine: ns / corpus.length,
    spread: `${min.toFixed(0)}-${max.toFixed(0)}`,
  };
}

// Correctness next to speed: lines where nsyslog-parser's values differ from tokenizeCef's.
let disagreeing = 0;
let missingCef = 0;
for (const line of corpus) {
  const ours = tokenizeCef(line);
  const theirs = nsyslog(line);
  if (!ours.ok) continue;
  const fields = theirs.fields;
  if (theirs.cef === undefined || fields === undefined || Array.isArray(fields)) {
    missingCef++;
    continue;
  }
  for (const [key] of ours.record.extensions) {
    if (fields[key] !== getCefExtension(ours.record, key)) {
      disagreeing++;
      break;
    }
  }
}

const rows = [
  ['tokenizeCef (tokenize only)', measure(tokenizeOnly, RUNS)],
  ['tokenizeCef + read every key/value', measure(tokenizeAndRead, RUNS)],
  ['nsyslog-parser 0.10.1', measure(nsyslogOnly, Math.min(RUNS, 3))],
  ['nsyslog-parser + read every field', measure(nsyslogAndRead, Math.min(RUNS, 3))],
  ["bare split('|') + split(' ') (scale)", measure(bareSplit, RUNS)],
] as const;

const format = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(
  `corpus: ${format(corpus.length)} lines, ${(chars / corpus.length).toFixed(0)} chars/line, ${(pairs / okStrict).toFixed(1)} pairs/line, ${format(okStrict)} strict-valid; node ${process.version}, ${cpus().length} cores (shared), runs=${RUNS}`,
);
for (const [label, m] of rows) {
  console.log(
    `${label.padEnd(38)} ${format(m.linesPerSecond).padStart(10)} lines/s  ${m.nsPerLine.toFixed(0).padStart(7)} ns/line  (per-run ns/line ${m.spread})`,
  );
}
const speedup = rows[0][1].linesPerSecond / rows[2][1].linesPerSecond;
const speedupRead = rows[1][1].linesPerSecond / rows[3][1].linesPerSecond;
console.log(
  `ratio tokenize only: ${speedup.toFixed(1)}x nsyslog-parser; with reading: ${speedupRead.toFixed(1)}x`,
);
console.log(
  `nsyslog-parser correctness on this corpus: ${format(missingCef)} lines without a CEF result, ${format(disagreeing)} more with at least one value different from tokenizeCef`,
);
if (sink === -1) console.log(sink);
