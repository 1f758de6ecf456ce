// Findings per second for the Dragos corpus: line string -> tokenize -> normalize -> validated finding
// (JSON serialisation excluded). A corpus of 50k lines is cycled from the valid and skip fixtures
// (skip fixtures with includeHealthAndAudit, so every line becomes a finding); median of 5 runs, one core.
// Prints wall-clock figures and figures per second of this process's CPU time (process.cpuUsage), which
// stay meaningful when other work shares the machine.
import { readdirSync, readFileSync } from 'node:fs';
import { createParserRegistry, normalizeLine } from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing/data';
import { dragosParser } from '../src/index.js';

const CORPUS_SIZE = 50_000;
const RUNS = 5;
const fixtures = new URL('../test/fixtures/', import.meta.url);
const lines = ['valid/', 'skip/'].flatMap((folder) =>
  readdirSync(new URL(folder, fixtures))
    .filter((file) => file.endsWith('.log'))
    .sort()
    .map((file) => readFileSync(new URL(`${folder}${file}`, fixtures), 'utf8')),
);
const corpus = Array.from({ length: CORPUS_SIZE }, (_, index) => lines[index % lines.length] as string);
const registry = createParserRegistry([dragosParser], { fallback: false });
const options = { parserOptions: { dragos: { includeHealthAndAudit: true } } };

interface Rate {
  readonly wall: number;
  /** Per second of this process's CPU time: what one core does even when other work shares the machine. */
  readonly cpu: number;
}

function run(): Rate {
  let findings = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const line of corpus) {
    if (normalizeLine(line, registry, TEST_CONTEXT, options).outcome === 'finding') findings += 1;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (findings !== corpus.length)
    throw new Error(`only ${findings} of ${corpus.length} lines became findings`);
  return { wall: findings / seconds, cpu: findings / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');
run(); // warm-up (JIT, lazy module state)
const rates = Array.from({ length: RUNS }, run);
console.log(
  `parser-dragos: ${format(median(rates.map((rate) => rate.wall)))} findings/s wall clock, ` +
    `${format(median(rates.map((rate) => rate.cpu)))} findings/s per CPU second ` +
    `(median of ${RUNS} runs of ${format(CORPUS_SIZE)} lines cycled from ${lines.length} fixtures; ` +
    'tokenize + normalize + validate, JSON excluded)',
);
