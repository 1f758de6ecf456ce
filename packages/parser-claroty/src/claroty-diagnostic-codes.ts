/** Every diagnostic code the Claroty parser emits. Codes are stable; messages are not. */
export const CLAROTY_DIAGNOSTIC_CODES = {
  /** Error: a Claroty header whose extension fits no known dialect (no `Ctd*`, legacy or xDome key). */
  unrecognizedLayout: 'claroty/unrecognized-layout',
  /** Warning: the severity is neither a known word nor a 0-10 number; MEDIUM was used. */
  unknownSeverity: 'claroty/unknown-severity',
  /** Warning: no vendor time and no syslog time; the context time was used. */
  missingEventTime: 'claroty/missing-event-time',
  /** Warning: the vendor time could not be read; the syslog or context time was used. */
  invalidEventTime: 'claroty/invalid-event-time',
  /** Warning: an alert or event without the vendor's id; the Id falls back to a content hash. */
  missingEventId: 'claroty/missing-event-id',
  /** Warning: an xDome list value that is not a well-formed Python literal. */
  invalidList: 'claroty/invalid-list',
  /** Warning: more vendor fields than the ProductFields budget; the listed keys were left out. */
  productFieldsDropped: 'claroty/product-fields-dropped',
} as const;
