import { createInputMemo } from '@otbridge/core';
import type { DragosNotification } from './map-dragos-notification.js';

/** What a Dragos notification is, for Types, GeneratorId and the health/audit skip. */
export type DragosEventClass =
  | 'asset-discovery'
  | 'threat-behavior'
  | 'indicator'
  | 'modeling'
  | 'configuration'
  | 'unassigned'
  | 'audit'
  | 'health';

/** Notification summaries Dragos sends when it first sees an asset or an asset attribute (vendors.md §1.7). */
export const DRAGOS_ASSET_DISCOVERY_NAMES: readonly string[] = [
  'New IP Address as Source',
  'New IP Address as Destination',
  'X509 Certificate Seen for First Time',
];

// Family prefixes: "Asset Characterization Debian Linux", "New MAC Address ...", "New Asset ...".
const ASSET_DISCOVERY_PREFIXES: readonly string[] = [
  'asset characterization',
  'new ip address',
  'new mac address',
  'new asset',
  'new host',
  'new device',
];

const QUADRANTS: ReadonlyMap<string, DragosEventClass> = new Map([
  ['threat behavior', 'threat-behavior'],
  ['indicator', 'indicator'],
  ['modeling', 'modeling'],
  ['configuration', 'configuration'],
]);

// System events about the Dragos Platform itself ("Dragos Platform - A user successfully authenticated").
const PLATFORM_EVENT_PREFIX = 'dragos platform - ';
const AUDIT_WORDS = /authenticat|log ?on|log ?in|log ?out|password|user|account|session/;

/** Case-insensitive set of summaries treated as asset discovery (the built-in list plus the option). */
export function createAssetDiscoveryNameSet(extra: readonly string[] | undefined): ReadonlySet<string> {
  return new Set(
    [...DRAGOS_ASSET_DISCOVERY_NAMES, ...(extra ?? [])].map((name) => name.trim().toLowerCase()),
  );
}

// Quadrants as sent (`Threat Behavior`) → class (undefined: not one of the four), so each distinct text is
// lower-cased once.
const toQuadrantClass = createInputMemo(
  (quadrant): DragosEventClass | undefined => QUADRANTS.get(quadrant.toLowerCase()),
  { maxEntries: 256, maxKeyLength: 64 },
);

/** True when the quadrant is one of Dragos's four, or absent. */
export function isKnownDragosQuadrant(quadrant: string | undefined): boolean {
  return quadrant === undefined || toQuadrantClass(quadrant) !== undefined;
}

// A loop rather than `some(prefix => ...)`: no closure over `summary` per record.
function hasAssetDiscoveryPrefix(summary: string): boolean {
  for (const prefix of ASSET_DISCOVERY_PREFIXES) if (summary.startsWith(prefix)) return true;
  return false;
}

/**
 * Classifies a notification: health (the Syslog App test message) and audit (Dragos Platform logons) first,
 * then asset discovery by summary, then the detection quadrant; no or unknown quadrant is `unassigned`.
 */
export function classifyDragosNotification(
  notification: DragosNotification,
  assetDiscoveryNames: ReadonlySet<string>,
): DragosEventClass {
  const summary = notification.summary.toLowerCase();
  if (notification.notificationType?.toLowerCase() === 'test' || summary === 'test message from dragos app') {
    return 'health';
  }
  if (summary.startsWith(PLATFORM_EVENT_PREFIX)) {
    return AUDIT_WORDS.test(summary.slice(PLATFORM_EVENT_PREFIX.length)) ? 'audit' : 'health';
  }
  if (assetDiscoveryNames.has(summary) || hasAssetDiscoveryPrefix(summary)) return 'asset-discovery';
  const quadrant = notification.quadrant;
  return (quadrant === undefined ? undefined : toQuadrantClass(quadrant)) ?? 'unassigned';
}
