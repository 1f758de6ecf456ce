// Findings per second for the Claroty corpus (all four dialects): line string → tokenize → normalize →
// validate (JSON excluded), 50,000 lines cycled from the valid fixtures, median of 5 runs, wall clock and per
// CPU second. Lenient tokenizing, as the handler runs: Claroty sends unescaped backslashes.
import { benchmarkParser, formatBenchmarkResult } from '@otbridge/core/testing/data';
import { clarotyParser } from '../src/index.js';

const result = benchmarkParser({
  parser: clarotyParser,
  fixtureFolders: [new URL('../test/fixtures/valid/', import.meta.url)],
});
console.log(formatBenchmarkResult('parser-claroty', result));
