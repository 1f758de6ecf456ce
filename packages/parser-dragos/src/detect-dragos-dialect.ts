import { type CefRecord, flattenCefExtensions } from '@otbridge/core';

/** Dragos CEF dialects: Platform 2.x sends standard CEF keys, Platform 1.x ("Dragos Syslog App") native keys. */
export type DragosDialect = 'platform-2' | 'platform-1';

// Keys that only one dialect sends. Generic keys both could carry (`msg`, `src`, `dst`) are left out, and
// Device Version is ignored on purpose: Sentinel samples of the same period say `2` and `1.0.0` (vendors.md §1.10).
const PLATFORM_2_KEYS: ReadonlySet<string> = new Set([
  'externalId',
  'suid',
  'duid',
  'sproc',
  'dproc',
  'cs1Label',
  'cs2Label',
  'cs3Label',
  'cs4Label',
  'cs5Label',
  'deviceCustomDate1',
  'deviceCustomDate2',
]);

const PLATFORM_1_KEYS: ReadonlySet<string> = new Set([
  'id',
  'content',
  'detection_quad',
  'createdAt',
  'occurredAt',
  'detectorId',
  'matchedRuleId',
  'originalSeverity',
  'reviewed',
  'asset_id',
  'asset_ip',
  'src_asset_id',
  'src_asset_ip',
  'dst_asset_id',
  'dst_asset_ip',
]);

// One lookup per pair instead of two (the key sets are disjoint): 2 for a 2.x-only key, 1 for a 1.x-only key.
const DIALECT_BY_KEY: ReadonlyMap<string, 1 | 2> = new Map<string, 1 | 2>([
  ...[...PLATFORM_2_KEYS].map((key) => [key, 2] as const),
  ...[...PLATFORM_1_KEYS].map((key) => [key, 1] as const),
]);

/**
 * Tells the dialect from the extension keys (the one with more dialect-only keys wins; a tie goes to 2.x),
 * or `undefined` when the record carries no key of either dialect.
 */
export function detectDragosDialect(record: CefRecord): DragosDialect | undefined {
  let platform2 = 0;
  let platform1 = 0;
  // The flat key/value list: no pair arrays.
  const strings = flattenCefExtensions(record);
  for (let index = 0; index < strings.length; index += 2) {
    const dialect = DIALECT_BY_KEY.get(strings[index] as string);
    if (dialect === 2) platform2 += 1;
    else if (dialect === 1) platform1 += 1;
  }
  if (platform2 === 0 && platform1 === 0) return undefined;
  return platform2 >= platform1 ? 'platform-2' : 'platform-1';
}
