// The only public barrel of @otbridge/core (plus the ./testing subpath).

export type { Diagnostic, DiagnosticSeverity } from './diagnostics/diagnostic.js';
export { createDiagnostic } from './diagnostics/diagnostic.js';

// --- CEF tokenizer (src/cef) ---
export type { CefExtension, CefRecord, SyslogPrefix, TokenizeCefOptions, TokenizeCefResult } from './cef/cef-record.js';

// --- ASFF schema, validator and mapping helpers (src/asff) ---

// --- Parser spec, registry and normalizeLine (src/parser) ---
export type {
  AwsPartition,
  CommonParserOptions,
  NormalizeContext,
  ParserClaim,
  ParserContext,
  ParserOutcome,
  VendorParser,
} from './parser/vendor-parser.js';
export {
  ASSET_DISCOVERY_FINDING_TYPE,
  PARSER_PRODUCT_FIELDS_BUDGET,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  PRODUCT_FIELD_PARSER_ID,
  PRODUCT_FIELD_PARSER_VERSION,
} from './asff/ot-conventions.js';
