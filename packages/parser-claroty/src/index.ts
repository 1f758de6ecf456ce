// The only public barrel of @otbridge/parser-claroty.
export { CLAROTY_PARSER_ID } from './build-claroty-finding.js';
export { CLAROTY_DIAGNOSTIC_CODES } from './claroty-diagnostic-codes.js';
export { type ClarotyParserOptions, clarotyParser } from './claroty-parser.js';
export {
  CLAROTY_DIALECTS,
  CLAROTY_PRODUCTS,
  type ClarotyDialect,
  detectClarotyDialect,
  isClarotyProduct,
} from './detect-claroty-dialect.js';
export { CLAROTY_FINDING_TYPES } from './map-claroty-types.js';
export { type PythonListResult, parsePythonList } from './parse-python-list.js';
