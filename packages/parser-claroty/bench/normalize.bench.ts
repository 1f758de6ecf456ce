// Findings per second for the Claroty corpus: line string → tokenize → normalize → validate (JSON excluded).
// A corpus of >= 50,000 lines cycled from the valid fixtures (all four dialects); median of 5 runs; one core.
import { readdirSync, readFileSync } from 'node:fs';
import { createParserRegistry, type NormalizeContext, normalizeLine } from '@otbridge/core';
import { clarotyParser } from '../src/index.js';

const CORPUS_SIZE = 50_000;
const RUNS = 5;
const CONTEXT: NormalizeContext = {
  now: new Date('2026-01-01T00:00:00.000Z'),
  awsAccountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
};

const dir = new URL('../test/fixtures/valid/', import.meta.url);
const lines = readdirSync(dir)
  .filter((file) => file.endsWith('.log'))
  .sort()
  .map((file) => readFileSync(new URL(file, dir), 'utf8').replace(/\r?\n$/, ''));
const corpus = Array.from({ length: CORPUS_SIZE }, (_, index) => lines[index % lines.length] as string);
const registry = createParserRegistry([clarotyParser], { fallback: false });

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
    if (normalizeLine(line, registry, CONTEXT, { strict: false }).outcome === 'finding') findings += 1;
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
run(); // warm-up
const rates = Array.from({ length: RUNS }, run);
console.log(
  `parser-claroty: ${format(median(rates.map((rate) => rate.wall)))} findings/s wall clock, ` +
    `${format(median(rates.map((rate) => rate.cpu)))} findings/s per CPU second ` +
    `(median of ${RUNS} runs of ${format(CORPUS_SIZE)} lines cycled from ${lines.length} fixtures; ` +
    'tokenize + normalize + validate, JSON excluded)',
);
