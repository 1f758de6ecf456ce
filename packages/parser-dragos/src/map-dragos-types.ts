import { ASSET_DISCOVERY_FINDING_TYPE, toFindingType } from '@otbridge/core';
import type { DragosEventClass } from './map-dragos-event-class.js';
import type { DragosNotification } from './map-dragos-notification.js';

/** ASFF allows 50 Types. */
const MAX_TYPES = 50;
const MAX_SEGMENT_LENGTH = 128;

const BASE_TYPES: Readonly<Record<DragosEventClass, readonly string[]>> = {
  'asset-discovery': [ASSET_DISCOVERY_FINDING_TYPE],
  'threat-behavior': ['TTPs'],
  indicator: ['TTPs'],
  modeling: ['Unusual Behaviors/Network Flow'],
  configuration: ['Software and Configuration Checks'],
  unassigned: ['Unusual Behaviors'],
  audit: ['Unusual Behaviors/User'],
  health: ['Unusual Behaviors/Application'],
};

// "Clear Text Authentication" and kin arrive without a quadrant; they are exposed credentials.
const CLEAR_TEXT_CREDENTIALS = /clear ?text|plain ?text/i;

/** A Types path segment: `/` (the separator) becomes `-`, trimmed, at most 128 characters. */
function toTypeSegment(value: string): string {
  return (toFindingType(value.slice(0, MAX_SEGMENT_LENGTH)) ?? '').trim();
}

/** The non-empty Types segments of a list, in order (what `map(toTypeSegment).filter(nonEmpty)` gives). */
function toTypeSegments(values: readonly string[]): string[] {
  const segments: string[] = [];
  for (const value of values) {
    const segment = toTypeSegment(value);
    if (segment !== '') segments.push(segment);
  }
  return segments;
}

/** Appends a distinct value while there is room (a plain function: no closure per record). */
function addType(types: string[], value: string): void {
  if (types.length < MAX_TYPES && !types.includes(value)) types.push(value);
}

/**
 * ASFF Types for a notification: the event class's namespace, plus `TTPs/<tactic>` for every ATT&CK for ICS
 * tactic and, when exactly one tactic is given, `TTPs/<tactic>/<technique>` for every technique (with several
 * tactics the CEF does not say which technique belongs to which, so techniques stay in ProductFields).
 */
export function mapDragosTypes(eventClass: DragosEventClass, notification: DragosNotification): string[] {
  const types: string[] = [];
  const tactics = toTypeSegments(notification.tactics);
  const techniques = toTypeSegments(notification.techniques);
  const hasTtps = tactics.length > 0 || techniques.length > 0;
  for (const base of BASE_TYPES[eventClass]) {
    // A bare `TTPs` adds nothing when a tactic follows.
    if (base === 'TTPs' && tactics.length > 0) continue;
    if (eventClass === 'unassigned' && CLEAR_TEXT_CREDENTIALS.test(notification.summary)) {
      addType(types, 'Sensitive Data Identifications/Passwords');
      continue;
    }
    if (eventClass === 'unassigned' && hasTtps) continue;
    addType(types, base);
  }
  for (const tactic of tactics) addType(types, `TTPs/${tactic}`);
  if (tactics.length === 1) {
    for (const technique of techniques) addType(types, `TTPs/${tactics[0]}/${technique}`);
  } else if (tactics.length === 0 && techniques.length > 0 && !types.includes('TTPs')) {
    addType(types, 'TTPs');
  }
  return types;
}
