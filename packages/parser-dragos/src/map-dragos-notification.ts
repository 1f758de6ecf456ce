import { type CefRecord, createCefExtensionMap, resolveCustomLabels } from '@otbridge/core';
import type { DragosDialect } from './detect-dragos-dialect.js';
import { splitDragosList, toDragosValue } from './map-dragos-values.js';

/**
 * One side of a notification (source, destination, or the single 1.x `asset_*` block); every field a list.
 * Every member is always present (undefined when absent): one object shape for every record and dialect,
 * so the mappers' property reads stay monomorphic.
 */
export interface DragosAssetBlock {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** IP text as sent (validated later). */
  readonly ips: readonly string[];
  readonly macs: readonly string[];
  readonly hosts: readonly string[];
  readonly domains: readonly string[];
  readonly zone: string | undefined;
  readonly vendor: string | undefined;
  readonly type: string | undefined;
  readonly assetClass: string | undefined;
}

/**
 * A Dragos notification read out of either dialect into one shape (every member present, undefined when
 * absent: one hidden class for all records); values trimmed, placeholders removed.
 */
export interface DragosNotification {
  readonly dialect: DragosDialect;
  /** `externalId` (2.x) or `id` (1.x). */
  readonly eventId: string | undefined;
  readonly summary: string;
  readonly content: string | undefined;
  readonly quadrant: string | undefined;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly occurredAt: string | undefined;
  readonly createdAt: string | undefined;
  readonly originalSeverity: string | undefined;
  readonly notificationType: string | undefined;
  readonly detectorId: string | undefined;
  readonly matchedRuleId: string | undefined;
  readonly reviewed: string | undefined;
  readonly source: DragosAssetBlock;
  readonly destination: DragosAssetBlock;
  /** The 1.x single-asset block (`asset_*`); empty in 2.x. */
  readonly asset: DragosAssetBlock;
  /** Extension pairs not mapped to a named field, in input order (last duplicate wins). */
  readonly unmapped: readonly (readonly [string, string])[];
}

const EMPTY_BLOCK: DragosAssetBlock = {
  ids: [],
  names: [],
  ips: [],
  macs: [],
  hosts: [],
  domains: [],
  zone: undefined,
  vendor: undefined,
  type: undefined,
  assetClass: undefined,
};

// 2.x custom-field labels (vendors.md §1.4), and the csN slot Dragos uses for each when a label is missing.
// [label, slot, slot's label key]: keys are constants, so no key string is built per record.
const V2_LABELS = {
  tactic: ['attack_tactic', 'cs1', 'cs1Label'],
  technique: ['attack_technique', 'cs2', 'cs2Label'],
  quadrant: ['detection_quad', 'cs3', 'cs3Label'],
  sourceZone: ['src_asset_zone', 'cs4', 'cs4Label'],
  destinationZone: ['dst_asset_zone', 'cs5', 'cs5Label'],
  occurredAt: ['occurredAt', 'deviceCustomDate1', 'deviceCustomDate1Label'],
  createdAt: ['createdAt', 'deviceCustomDate2', 'deviceCustomDate2Label'],
} as const;

/** The 2.x extension keys of one side of a notification. */
interface V2BlockKeys {
  readonly id: string;
  readonly name: string;
  readonly ip: string;
  readonly mac: string;
  readonly host: string;
  readonly domain: string;
}
const V2_SOURCE_KEYS: V2BlockKeys = {
  id: 'suid',
  name: 'sproc',
  ip: 'src',
  mac: 'smac',
  host: 'shost',
  domain: 'sntdom',
};
const V2_DESTINATION_KEYS: V2BlockKeys = {
  id: 'duid',
  name: 'dproc',
  ip: 'dst',
  mac: 'dmac',
  host: 'dhost',
  domain: 'dntdom',
};

const V2_CONSUMED: ReadonlySet<string> = new Set([
  'msg',
  'externalId',
  'suid',
  'duid',
  'sproc',
  'dproc',
  'src',
  'dst',
  'smac',
  'dmac',
  'shost',
  'dhost',
  'sntdom',
  'dntdom',
  ...['cs1', 'cs2', 'cs3', 'cs4', 'cs5', 'deviceCustomDate1', 'deviceCustomDate2'].flatMap((key) => [
    key,
    `${key}Label`,
  ]),
]);

const V1_ASSET_SUFFIXES = [
  'id',
  'ip',
  'mac',
  'hostname',
  'domain',
  'zone',
  'vendor',
  'type',
  'class',
  'name',
] as const;
const V1_CONSUMED: ReadonlySet<string> = new Set([
  'content',
  'id',
  'type',
  'createdAt',
  'occurredAt',
  'detection_quad',
  'detectorId',
  'matchedRuleId',
  'originalSeverity',
  'reviewed',
  'attack_tactic',
  'attack_technique',
  ...['asset', 'src_asset', 'dst_asset'].flatMap((prefix) =>
    V1_ASSET_SUFFIXES.map((suffix) => `${prefix}_${suffix}`),
  ),
]);

function collectUnmapped(
  fields: ReadonlyMap<string, string>,
  consumed: ReadonlySet<string>,
): [string, string][] {
  const unmapped: [string, string][] = [];
  for (const [key, value] of fields) {
    if (consumed.has(key)) continue;
    const present = toDragosValue(value);
    if (present !== undefined) unmapped.push([key, present]);
  }
  return unmapped;
}

// Dragos's seven 2.x custom slots as [value key, label key], in V2_LABELS order.
const V2_SLOTS: readonly (readonly [string, string])[] = Object.values(V2_LABELS).map(
  ([, slot, labelKey]) => [slot, labelKey] as const,
);

/** Could be a custom-slot key (`cs6`, `deviceCustomString1Label`): ends in a digit or in `l` (`Label`). */
function mayBeSlotKey(key: string): boolean {
  const last = key.charCodeAt(key.length - 1);
  return (last >= 48 && last <= 57) || last === 108;
}

/**
 * `collectUnmapped(fields, V2_CONSUMED)`, or null when a key outside the consumed ones may be a custom slot
 * (then only resolveCustomLabels knows which slot carries which label).
 */
function collectV2UnmappedWithOwnSlots(fields: ReadonlyMap<string, string>): [string, string][] | null {
  const unmapped: [string, string][] = [];
  for (const [key, value] of fields) {
    if (V2_CONSUMED.has(key)) continue;
    if (mayBeSlotKey(key)) return null;
    const present = toDragosValue(value);
    if (present !== undefined) unmapped.push([key, present]);
  }
  return unmapped;
}

/**
 * The label of each of Dragos's seven slots that resolveCustomLabels would index (label key and value key
 * both sent, label not empty; undefined otherwise), for a record whose only custom-slot keys are those
 * seven. Undefined when two of them carry the same label: which one wins depends on the pair order.
 * This answers the seven label lookups without resolveCustomLabels's walk and per-record Maps.
 */
function readV2SlotLabels(fields: ReadonlyMap<string, string>): (string | undefined)[] | undefined {
  const labels: (string | undefined)[] = [];
  for (const [valueKey, labelKey] of V2_SLOTS) {
    const label = fields.get(labelKey);
    const indexed = label !== undefined && label !== '' && fields.has(valueKey);
    if (indexed && labels.includes(label)) return undefined;
    labels.push(indexed ? label : undefined);
  }
  return labels;
}

/** Where a 2.x record's labels are read: Dragos's own seven slots, or resolveCustomLabels's index. */
type V2LabelSource =
  | readonly (string | undefined)[]
  | ReadonlyMap<string, { readonly key: string; readonly value: string }>;

/** A 2.x custom field by its label; Dragos's fixed slot only when that slot carries no other label. */
function readLabelled(
  labels: V2LabelSource,
  fields: ReadonlyMap<string, string>,
  names: readonly [string, string, string],
): string | undefined {
  if (Array.isArray(labels)) {
    const slot = V2_SLOTS[labels.indexOf(names[0])];
    if (slot !== undefined) return toDragosValue(fields.get(slot[0]));
  } else {
    const byLabel = (labels as ReadonlyMap<string, { readonly value: string }>).get(names[0]);
    if (byLabel !== undefined) return toDragosValue(byLabel.value);
  }
  return fields.has(names[2]) ? undefined : toDragosValue(fields.get(names[1]));
}

function readV2Block(
  fields: ReadonlyMap<string, string>,
  keys: V2BlockKeys,
  zone: string | undefined,
): DragosAssetBlock {
  return {
    ids: splitDragosList(fields.get(keys.id)),
    names: splitDragosList(fields.get(keys.name)),
    ips: splitDragosList(fields.get(keys.ip)),
    macs: splitDragosList(fields.get(keys.mac)),
    hosts: splitDragosList(fields.get(keys.host)),
    domains: splitDragosList(fields.get(keys.domain)),
    zone,
    vendor: undefined,
    type: undefined,
    assetClass: undefined,
  };
}

function readV2(record: CefRecord, fields: ReadonlyMap<string, string>): DragosNotification {
  const ownSlotsUnmapped = collectV2UnmappedWithOwnSlots(fields);
  const slotLabels = ownSlotsUnmapped === null ? undefined : readV2SlotLabels(fields);
  const labels: V2LabelSource = slotLabels ?? resolveCustomLabels(record);
  return {
    dialect: 'platform-2',
    eventId: toDragosValue(fields.get('externalId')),
    summary: record.name.trim(),
    content: toDragosValue(fields.get('msg')),
    quadrant: readLabelled(labels, fields, V2_LABELS.quadrant),
    tactics: splitDragosList(readLabelled(labels, fields, V2_LABELS.tactic)),
    techniques: splitDragosList(readLabelled(labels, fields, V2_LABELS.technique)),
    occurredAt: readLabelled(labels, fields, V2_LABELS.occurredAt),
    createdAt: readLabelled(labels, fields, V2_LABELS.createdAt),
    originalSeverity: undefined,
    notificationType: undefined,
    detectorId: undefined,
    matchedRuleId: undefined,
    reviewed: undefined,
    source: readV2Block(fields, V2_SOURCE_KEYS, readLabelled(labels, fields, V2_LABELS.sourceZone)),
    destination: readV2Block(
      fields,
      V2_DESTINATION_KEYS,
      readLabelled(labels, fields, V2_LABELS.destinationZone),
    ),
    asset: EMPTY_BLOCK,
    unmapped: ownSlotsUnmapped ?? collectUnmapped(fields, V2_CONSUMED),
  };
}

type V1Suffix = (typeof V1_ASSET_SUFFIXES)[number];
/** `<prefix>_<suffix>` for each 1.x asset block, built once. */
function v1BlockKeys(prefix: string): Readonly<Record<V1Suffix, string>> {
  return Object.fromEntries(V1_ASSET_SUFFIXES.map((suffix) => [suffix, `${prefix}_${suffix}`])) as Record<
    V1Suffix,
    string
  >;
}
const V1_SOURCE_KEYS = v1BlockKeys('src_asset');
const V1_DESTINATION_KEYS = v1BlockKeys('dst_asset');
const V1_SINGLE_KEYS = v1BlockKeys('asset');

function readV1Block(
  fields: ReadonlyMap<string, string>,
  keys: Readonly<Record<V1Suffix, string>>,
): DragosAssetBlock {
  return {
    ids: splitDragosList(fields.get(keys.id)),
    names: splitDragosList(fields.get(keys.name)),
    ips: splitDragosList(fields.get(keys.ip)),
    macs: splitDragosList(fields.get(keys.mac)),
    hosts: splitDragosList(fields.get(keys.hostname)),
    domains: splitDragosList(fields.get(keys.domain)),
    zone: toDragosValue(fields.get(keys.zone)),
    vendor: toDragosValue(fields.get(keys.vendor)),
    type: toDragosValue(fields.get(keys.type)),
    assetClass: toDragosValue(fields.get(keys.class)),
  };
}

function readV1(record: CefRecord, fields: ReadonlyMap<string, string>): DragosNotification {
  return {
    dialect: 'platform-1',
    eventId: toDragosValue(fields.get('id')),
    summary: record.name.trim(),
    content: toDragosValue(fields.get('content')),
    quadrant: toDragosValue(fields.get('detection_quad')),
    tactics: splitDragosList(fields.get('attack_tactic')),
    techniques: splitDragosList(fields.get('attack_technique')),
    occurredAt: toDragosValue(fields.get('occurredAt')),
    createdAt: toDragosValue(fields.get('createdAt')),
    originalSeverity: toDragosValue(fields.get('originalSeverity')),
    notificationType: toDragosValue(fields.get('type')),
    detectorId: toDragosValue(fields.get('detectorId')),
    matchedRuleId: toDragosValue(fields.get('matchedRuleId')),
    reviewed: toDragosValue(fields.get('reviewed')),
    source: readV1Block(fields, V1_SOURCE_KEYS),
    destination: readV1Block(fields, V1_DESTINATION_KEYS),
    asset: readV1Block(fields, V1_SINGLE_KEYS),
    unmapped: collectUnmapped(fields, V1_CONSUMED),
  };
}

/** Reads a Dragos record of the given dialect into a `DragosNotification` (pure; never throws). */
export function readDragosNotification(record: CefRecord, dialect: DragosDialect): DragosNotification {
  const fields = createCefExtensionMap(record);
  return dialect === 'platform-2' ? readV2(record, fields) : readV1(record, fields);
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise (keeps `exactOptionalPropertyTypes` happy). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
