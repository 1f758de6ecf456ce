// Findings per second for the Dragos corpus: line string → tokenize → normalize → validate (JSON excluded),
// 50,000 lines cycled from the valid and skip fixtures (skip fixtures with includeHealthAndAudit, so every
// line becomes a finding), median of 5 runs, wall clock and per CPU second; lenient, as the handler runs.
import { benchmarkParser, formatBenchmarkResult } from '@otbridge/core/testing/data';
import { dragosParser } from '../src/index.js';

const fixtures = new URL('../test/fixtures/', import.meta.url);
const result = benchmarkParser({
  parser: dragosParser,
  fixtureFolders: [new URL('valid/', fixtures), new URL('skip/', fixtures)],
  normalizeOptions: { strict: false, parserOptions: { dragos: { includeHealthAndAudit: true } } },
});
console.log(formatBenchmarkResult('parser-dragos', result));
