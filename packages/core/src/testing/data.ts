// @otbridge/core/testing/data: the vitest-free half of the test kit (fixed context, deep freeze,
// fast-check arbitraries, the parser benchmark), for benchmarks and scripts that run outside vitest. Needs fast-check only;
// @otbridge/core/testing re-exports all of it beside ParserTester and testParserProperties.

export {
  type BenchmarkParserOptions,
  type BenchmarkParserResult,
  benchmarkParser,
  formatBenchmarkResult,
} from './benchmark-parser.js';
export {
  type CefLineArbitraryOptions,
  type CefRecordArbitraryOptions,
  cefLineArbitrary,
  cefRecordArbitrary,
  hostileStringArbitrary,
  syslogPrefixArbitrary,
} from './cef-arbitraries.js';
export { deepFreeze } from './deep-freeze.js';
export { TEST_CONTEXT } from './test-context.js';
