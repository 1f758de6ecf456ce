/** Every diagnostic code the Dragos parser emits (all listed in the parser's `diagnosticCodes`). */
export const DRAGOS_DIAGNOSTIC_CODES = {
  /** error: no Platform 1.x or 2.x key in the extension. */
  unrecognizedDialect: 'dragos/unrecognized-dialect',
  /** error: header severity unusable and no `originalSeverity`. */
  invalidSeverity: 'dragos/invalid-severity',
  /** warning: severity outside 0-5, mapped with a fallback. */
  unknownSeverity: 'dragos/unknown-severity',
  /** warning: header severity and 1.x `originalSeverity` disagree. */
  severityMismatch: 'dragos/severity-mismatch',
  /** warning: no `externalId` / `id`; the finding Id uses a content hash. */
  missingEventId: 'dragos/missing-event-id',
  /** warning: no syslog hostname (nor `dvchost`); the Id uses the placeholder sensor `unknown-sensor`. */
  missingSensor: 'dragos/missing-sensor',
  /** warning: `createdAt` / `deviceCustomDate2` missing or unparsable; a fallback time was used. */
  missingCreatedAt: 'dragos/missing-created-at',
  /** warning: a Dragos time field could not be parsed and was ignored. */
  invalidTimestamp: 'dragos/invalid-timestamp',
  /** warning: an IP or MAC list item is not a valid address and was ignored. */
  invalidAddress: 'dragos/invalid-address',
  /** warning: more assets than ASFF's 32 Resources; the rest were dropped. */
  tooManyAssets: 'dragos/too-many-assets',
  /** warning: `detection_quad` is not one of the four documented quadrants. */
  unknownDetectionQuadrant: 'dragos/unknown-detection-quadrant',
  /** warning: ProductFields over budget; the listed keys were dropped. */
  productFieldsDropped: 'dragos/product-fields-dropped',
} as const;
