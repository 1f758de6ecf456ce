// Findings per second for the Dragos corpus: line string -> tokenize -> normalize -> validated finding
// (JSON serialisation excluded). A corpus of >= 50k lines is cycled from the valid and skip fixtures
// (skip fixtures with includeHealthAndAudit, so every line becomes a finding); median of 5 runs.
import { readdirSync, readFileSync } from 'node:fs';
import { createParserRegistry, normalizeLine } from '@otbridge/core';

const TEST_CONTEXT = {
  now: new Date('2026-01-01T00:00:00.000Z'),
  awsAccountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws' as const,
};

import { dragosParser } from '../src/index.js';

const CORPUS_SIZE = 50_000;
const RUNS = 5;
const fixtures = new URL('../test/fixtures/', import.meta.url);
const lines = ['valid/', 'skip/'].flatMap((folder) =>
  readdirSync(new URL(folder, fixtures))
    .filter((file) => file.endsWith('.log'))
    .map((file) => readFileSync(new URL(`${folder}${file}`, fixtures), 'utf8')),
);
const corpus = Array.from({ length: CORPUS_SIZE }, (_, index) => lines[index % lines.length]!);
const registry = createParserRegistry([dragosParser], { fallback: false });
const options = { parserOptions: { dragos: { includeHealthAndAudit: true } } };

function runOnce(): number {
  let findings = 0;
  const started = process.hrtime.bigint();
  for (const line of corpus) {
    if (normalizeLine(line, registry, TEST_CONTEXT, options).outcome === 'finding') findings += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (findings !== corpus.length)
    throw new Error(`only ${findings} of ${corpus.length} lines became findings`);
  return findings / seconds;
}

runOnce(); // warm-up (JIT, lazy module state)
const rates = Array.from({ length: RUNS }, runOnce).sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)]!;
console.log(
  `dragos: ${Math.round(median).toLocaleString('en-US')} findings/s (median of ${RUNS} runs over ${CORPUS_SIZE.toLocaleString('en-US')} lines ` +
    `from ${lines.length} fixtures; runs: ${rates.map((rate) => Math.round(rate)).join(', ')})`,
);
