// @otbridge/core/testing: the offline test kit for parser authors. Imports vitest, fast-check and
// @fast-check/vitest (optional peer dependencies of @otbridge/core); never import it from runtime code.
// Outside vitest (benchmarks, scripts) import @otbridge/core/testing/data instead: same data, no vitest.
export {
  type CefLineArbitraryOptions,
  type CefRecordArbitraryOptions,
  cefLineArbitrary,
  cefRecordArbitrary,
  deepFreeze,
  hostileStringArbitrary,
  syslogPrefixArbitrary,
  TEST_CONTEXT,
} from './data.js';
export { ParserTester, type ParserTesterOptions } from './parser-tester.js';
export { type TestCacheRetentionOptions, testCacheRetention } from './test-cache-retention.js';
export { type TestParserPropertiesOptions, testParserProperties } from './test-parser-properties.js';
