// Findings per second for the Nozomi corpus: line string → tokenize → normalize → validate (JSON excluded),
// 50,000 lines cycled from the valid fixtures, median of 5 runs, wall clock and per CPU second.
// Lenient tokenizing, as the handler runs: N2OS leaves backslashes unescaped in msg.
import { benchmarkParser, formatBenchmarkResult } from '@otbridge/core/testing/data';
import { nozomiParser } from '../src/index.js';

const result = benchmarkParser({
  parser: nozomiParser,
  fixtureFolders: [new URL('../test/fixtures/valid/', import.meta.url)],
});
console.log(formatBenchmarkResult('parser-nozomi', result));
