// The only public barrel of @otbridge/core (plus the ./testing subpath).

export type { Diagnostic, DiagnosticSeverity } from './diagnostics/diagnostic.js';
export { createDiagnostic } from './diagnostics/diagnostic.js';

// --- CEF tokenizer (src/cef) ---
export type {
  CefExtension,
  CefRecord,
  DecodedLine,
  SyslogPrefix,
  TokenizeCefOptions,
  TokenizeCefResult,
} from './cef/cef-record.js';
export { CEF_DIAGNOSTIC_CODES, type CefDiagnosticCode } from './cef/cef-diagnostic-codes.js';
export {
  CEF_MAX_DIAGNOSTICS,
  CEF_MAX_EXTENSION_PAIRS,
  CEF_MAX_KEY_LENGTH,
  CEF_MAX_PREFIX_LENGTH,
  CEF_MAX_RECORD_LENGTH,
} from './cef/cef-limits.js';
export { isCefKey } from './cef/cef-escape.js';
export { createCefExtensionMap } from './cef/create-cef-extension-map.js';
export { flattenCefExtensions } from './cef/flatten-cef-extensions.js';
export { createInputMemo, type InputMemoOptions } from './text/create-input-memo.js';
export { createInputPairMemo } from './text/create-input-pair-memo.js';
export { createKeyPrefixer } from './text/create-key-prefixer.js';
export { detachString } from './text/detach-string.js';
export { getCefExtension } from './cef/get-cef-extension.js';
export { decodeLine } from './cef/decode-line.js';
export { formatCef } from './cef/format-cef.js';
export {
  type ParseCefTimestampOptions,
  type ParseCefTimestampResult,
  parseCefTimestamp,
} from './cef/parse-cef-timestamp.js';
export { parseCefInteger } from './cef/parse-cef-integer.js';
export { parseIpList } from './cef/parse-ip-list.js';
export { parseMacList } from './cef/parse-mac-list.js';
export {
  type CefCustomField,
  type CefCustomFieldList,
  getCustomField,
  listCustomFields,
  parseCustomSlotKey,
  resolveCustomLabels,
} from './cef/resolve-custom-labels.js';
export { tokenizeCef } from './cef/tokenize-cef.js';

// --- ASFF schema, validator and mapping helpers (src/asff) ---
export { ASFF_LIMITS, ASFF_SCHEMA_VERSION, ASFF_TRUNCATION_MARKER } from './asff/asff-limits.js';
export type {
  AwsSecurityFinding,
  FindingProviderFields,
  Network,
  Resource,
  Severity,
  SeverityLabel,
} from './asff/aws-security-finding.js';
export type { BaseFindingInput } from './asff/create-base-finding.js';
export { createBaseFinding, DEFAULT_PRODUCT_NAME } from './asff/create-base-finding.js';
export type { CreateFindingIdInput } from './asff/create-finding-id.js';
export { createFindingId, encodeIdSegment } from './asff/create-finding-id.js';
export type { DefaultProductArnInput } from './asff/default-product-arn.js';
export { defaultProductArn } from './asff/default-product-arn.js';
export type { AsffNetworkInput } from './asff/to-asff-network.js';
export { toAsffNetwork } from './asff/to-asff-network.js';
export type { AsffSeverity, ToAsffSeverityInput } from './asff/to-asff-severity.js';
export { toAsffSeverity, toAsffSeverityLabel, withFindingProviderFields } from './asff/to-asff-severity.js';
export type { ParseAsffTimestampOptions, ParseAsffTimestampResult } from './asff/to-asff-timestamp.js';
export { parseAsffTimestamp, toAsffTimestamp } from './asff/to-asff-timestamp.js';
export { toFindingType, toFindingTypes } from './asff/to-finding-type.js';
export type { OtAsset } from './asff/to-ot-asset-resource.js';
export { toOtAssetResource } from './asff/to-ot-asset-resource.js';
export type { ToProductFieldsResult } from './asff/to-product-fields.js';
export {
  toProductFields,
  toProductFieldsFromList,
  toProductFieldsFromLists,
} from './asff/to-product-fields.js';
export type { TruncateUtf16Options, TruncateUtf16Result } from './asff/truncate-utf16.js';
export { truncateUtf16 } from './asff/truncate-utf16.js';
export type {
  FindingServiceErrorCode,
  FindingValidationError,
  FindingValidationResult,
} from './asff/validate-finding.js';
export { validateFinding } from './asff/validate-finding.js';

// --- Parser spec, registry and normalizeLine (src/parser) ---
export type {
  AwsPartition,
  CommonParserOptions,
  NormalizeContext,
  NormalizeLineResult,
  ParserClaim,
  ParserContext,
  ParserIdentity,
  ParserOutcome,
  VendorParser,
} from './parser/vendor-parser.js';
export { CEF_DICTIONARY } from './parser/cef-dictionary.js';
export {
  createParserRegistry,
  type ParserRegistry,
  type ParserRegistryOptions,
  type ParserRoute,
  type RegisteredParser,
} from './parser/create-parser-registry.js';
export { defineParser, type ParserDefinition } from './parser/define-parser.js';
export {
  GENERIC_CEF_DIAGNOSTIC_CODES,
  type GenericCefParserOptions,
  genericCefParser,
} from './parser/generic-cef-parser.js';
export { type CefSeverity, mapCefSeverity } from './parser/map-cef-severity.js';
export { type NormalizeLineOptions, normalizeLine } from './parser/normalize-line.js';
export {
  type NormalizeRecordOptions,
  normalizeRecord,
  type ParserOptionsById,
} from './parser/normalize-record.js';
export { type ParserConflictParty, ParserConflictError } from './parser/parser-conflict-error.js';
export { ParserDefinitionError } from './parser/parser-definition-error.js';
export {
  CORE_DIAGNOSTIC_SCOPES,
  DIAGNOSTIC_CODE_PATTERN,
  PARSER_DIAGNOSTIC_CODES,
} from './parser/parser-diagnostic-codes.js';
export {
  ASSET_DISCOVERY_FINDING_TYPE,
  PARSER_PRODUCT_FIELDS_BUDGET,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  PRODUCT_FIELD_PARSER_ID,
  PRODUCT_FIELD_PARSER_VERSION,
} from './asff/ot-conventions.js';
