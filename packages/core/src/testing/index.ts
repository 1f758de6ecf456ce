// @otbridge/core/testing: the offline test kit for parser authors. Imports vitest, fast-check and
// @fast-check/vitest (optional peer dependencies of @otbridge/core); never import it from runtime code.
export {
  type CefLineArbitraryOptions,
  type CefRecordArbitraryOptions,
  cefLineArbitrary,
  cefRecordArbitrary,
  hostileStringArbitrary,
  syslogPrefixArbitrary,
} from './cef-arbitraries.js';
export { deepFreeze } from './deep-freeze.js';
export { ParserTester, type ParserTesterOptions } from './parser-tester.js';
export { TEST_CONTEXT } from './test-context.js';
export { type TestParserPropertiesOptions, testParserProperties } from './test-parser-properties.js';
