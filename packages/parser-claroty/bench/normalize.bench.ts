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

function run(): number {
  let findings = 0;
  const started = process.hrtime.bigint();
  for (const line of corpus) {
    if (normalizeLine(line, registry, CONTEXT, { strict: false }).outcome === 'finding') findings += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (findings !== corpus.length)
    throw new Error(`only ${findings} of ${corpus.length} lines became findings`);
  return findings / seconds;
}

run(); // warm-up
const rates = Array.from({ length: RUNS }, run).sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)] as number;
console.log(
  `parser-claroty: ${Math.round(median).toLocaleString('en-US')} findings/s (median of ${RUNS} runs, ` +
    `${CORPUS_SIZE.toLocaleString('en-US')} lines from ${lines.length} fixtures; runs: ${rates.map((r) => Math.round(r)).join(', ')})`,
);
