// The only public barrel of @otbridge/parser-nozomi.

export {
  detectNozomiDialect,
  type NozomiDialect,
  type NozomiEventClass,
  type NozomiFraming,
  type NozomiTypeFamily,
} from './detect-nozomi-dialect.js';
export { mapNozomiRisk } from './map-nozomi-risk.js';
export { isNozomiAssetDiscovery, mapNozomiTypes, NOZOMI_TECHNIQUE_CATEGORY } from './map-nozomi-types.js';
export {
  NOZOMI_DIAGNOSTIC_CODES,
  NOZOMI_PARSER_ID,
  type NozomiParserOptions,
  nozomiParser,
} from './nozomi-parser.js';
