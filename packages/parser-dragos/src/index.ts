// The only public barrel of @otbridge/parser-dragos.
export type { DragosDialect } from './detect-dragos-dialect.js';
export { detectDragosDialect } from './detect-dragos-dialect.js';
export { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';
export type { DragosParserOptions } from './dragos-parser.js';
export { DRAGOS_UNKNOWN_SENSOR, dragosParser } from './dragos-parser.js';
export type { DragosEventClass } from './map-dragos-event-class.js';
export { DRAGOS_ASSET_DISCOVERY_NAMES } from './map-dragos-event-class.js';
