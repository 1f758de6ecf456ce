/**
 * Conventions shared by every otbridge parser, so a SOC rule works whatever the sensor.
 * Changing a value here changes what deployed SOC rules match: treat it as a breaking change.
 */

/** ProductFields key naming the parser that made a finding (added by `defineParser`). */
export const PRODUCT_FIELD_PARSER_ID = 'otbridge/parser/id';
/** ProductFields key naming that parser's version (added by `defineParser`). */
export const PRODUCT_FIELD_PARSER_VERSION = 'otbridge/parser/version';
/** ProductFields key set to `'true'` on asset-discovery (new / rogue device) findings of every vendor. */
export const PRODUCT_FIELD_ASSET_DISCOVERY = 'otbridge/asset-discovery';
/** The one `Types` value every vendor's asset-discovery finding carries. */
export const ASSET_DISCOVERY_FINDING_TYPE = 'Unusual Behaviors/Network Flow/New OT Asset Discovered';
/** ProductFields pairs a parser may use itself: the service allows 50 and `defineParser` adds two. */
export const PARSER_PRODUCT_FIELDS_BUDGET = 48;
