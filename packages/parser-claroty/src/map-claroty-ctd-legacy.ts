import { type CefRecord, type OtAsset, parseIpList, parseMacList, resolveCustomLabels } from '@otbridge/core';
import {
  type ClarotyEvent,
  type ClarotyEventKind,
  createProductFieldKeyLookup,
  firstPresent,
  labelValue,
  present,
  pushPresent,
  splitEventClassId,
  toClarotyAsset,
  toClarotyNetwork,
  toKebabCase,
  toPriorityKeys,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity, mapScore } from './map-claroty-severity.js';
import { isResolvedStatus } from './map-claroty-status.js';
import { CLAROTY_FINDING_TYPES, isCtdAssetDiscoveryType } from './map-claroty-types.js';
import { createClarotyFieldReader } from './read-claroty-fields.js';

// Labels (never slot numbers: the slots are reused per event class) that become ASFF fields or asset details.
const CONSUMED_LABELS: ReadonlySet<string> = new Set([
  'SrcZone',
  'DstZone',
  'AlertUrl',
  'PrimaryAssetType',
  'PrimaryAssetHostname',
  'PrimaryAssetMAC2',
  'PrimaryAssetOS',
  'PrimaryAssetVendor',
  'NonPrimaryAssetType',
  'NonPrimaryAssetHostname',
  'NonPrimaryAssetMAC',
  'NonPrimaryAssetOS',
  'NonPrimaryAssetVendor',
]);

// Standard keys that become ASFF fields or assets.
const CONSUMED_KEYS = ['src', 'dst', 'smac', 'dmac', 'shost', 'dhost', 'msg', 'rt'] as const;

// The documented labels first (vendors.md §2.2), then the other labels, then the other standard keys.
const PRIORITY_LABELS = [
  'Site',
  'Network',
  'SiteId',
  'ResolvedAs',
  'Category',
  'Score',
  'StoryId',
  'Transmission',
  'CategoryAccess',
  'Frequency',
  'FirstSeen',
  'InterfaceName',
  'SnifferStatus',
] as const;

const KIND_BY_CLASS: Readonly<Record<string, ClarotyEventKind>> = Object.assign(Object.create(null), {
  activitylog: 'audit',
  audit: 'audit',
  health: 'health',
  healthcheck: 'health',
});

const PRIORITY_LABEL_KEYS = toPriorityKeys(PRIORITY_LABELS, CONSUMED_LABELS);
const PRIORITY_LABEL_SET: ReadonlySet<string> = new Set(PRIORITY_LABELS);
const toOtherLabelKey = createProductFieldKeyLookup(
  (name) => PRIORITY_LABEL_SET.has(name) || CONSUMED_LABELS.has(name),
);
// Slot keys were read through their labels; the raw csN/csNLabel pairs are not repeated.
const SLOT_KEY = /^(?:cs|cn|cfp|c6a|flexString|flexDate|deviceCustomDate)\d+(?:Label)?$/;
// ProductFields from keys: every other key in record order, no slot key, none consumed.
const reader = createClarotyFieldReader({
  keys: [...CONSUMED_KEYS, 'end', 'start', 'proto', 'externalId'],
  priority: [],
  exclude: new Set(CONSUMED_KEYS),
  skipOther: (key) => SLOT_KEY.test(key),
});
const S = reader.slots;

/** Reads a CTD legacy record (standard keys plus `cs1`…`cs22`, keyed on their labels; vendors.md §2.2). */
export function mapCtdLegacyRecord(record: CefRecord): ClarotyEvent {
  const labels = resolveCustomLabels(record);
  const { values: v, productFields: otherKeyFields } = reader.read(record);
  const { top, type: classType } = splitEventClassId(record.deviceEventClassId);
  const topKey = top.toLowerCase();
  // Health events carry an interface or sniffer status where alerts carry a resolution (same slots).
  const kind =
    KIND_BY_CLASS[topKey] ??
    (labels.has('SnifferStatus') || labels.has('InterfaceName') ? 'health' : 'finding');
  const eventClass = toKebabCase(top) || 'unknown';
  const name = present(record.name);
  const alertType = classType ?? name;
  const assetDiscovery =
    (topKey === 'alert' || topKey === 'event') &&
    (isCtdAssetDiscoveryType(classType) || isCtdAssetDiscoveryType(name));
  const category = labelValue(labels, 'Category')?.toLowerCase();

  const header = mapHeaderSeverity(record.severity);
  const score = mapScore(labelValue(labels, 'Score'));
  const severity =
    score === undefined ? header : { normalized: score, original: header.original, known: true };

  const types: string[] = [];
  if (kind === 'health') types.push(CLAROTY_FINDING_TYPES.health);
  else if (kind === 'audit') types.push(CLAROTY_FINDING_TYPES.audit);
  else {
    if (assetDiscovery) types.push(CLAROTY_FINDING_TYPES.assetDiscovery);
    if (category === 'security' || /threat/i.test(alertType ?? '')) types.push(CLAROTY_FINDING_TYPES.ttps);
    else types.push(CLAROTY_FINDING_TYPES.networkFlow);
  }

  const site = labelValue(labels, 'Site');
  const assets: OtAsset[] = [];
  const source = toLegacyAsset(
    present(v[S.src]),
    present(v[S.smac]),
    firstPresent(v[S.shost], labelValue(labels, 'PrimaryAssetHostname')),
    labelValue(labels, 'SrcZone'),
    labelValue(labels, 'PrimaryAssetType'),
    toDetails(
      labelValue(labels, 'PrimaryAssetOS'),
      labelValue(labels, 'PrimaryAssetVendor'),
      labelValue(labels, 'PrimaryAssetMAC2'),
    ),
    site,
    'actor',
  );
  if (source !== undefined) assets.push(source);
  const destination = toLegacyAsset(
    present(v[S.dst]),
    firstPresent(v[S.dmac], labelValue(labels, 'NonPrimaryAssetMAC')),
    firstPresent(v[S.dhost], labelValue(labels, 'NonPrimaryAssetHostname')),
    labelValue(labels, 'DstZone'),
    labelValue(labels, 'NonPrimaryAssetType'),
    toDetails(
      labelValue(labels, 'NonPrimaryAssetOS'),
      labelValue(labels, 'NonPrimaryAssetVendor'),
      undefined,
    ),
    site,
    'target',
  );
  if (destination !== undefined) assets.push(destination);

  // Priority labels in order, then the other labels, then the other keys (no intermediate pair arrays).
  const productFields: string[] = [];
  for (const [name, productKey] of PRIORITY_LABEL_KEYS)
    pushPresent(productFields, productKey, labels.get(name)?.value);
  for (const [name, field] of labels) {
    const productKey = toOtherLabelKey(name);
    if (productKey !== null) pushPresent(productFields, productKey, field.value);
  }
  const ownId = present(v[S.externalId]);

  return {
    dialect: CLAROTY_DIALECTS.ctdLegacy,
    eventClass,
    kind,
    site,
    eventId: ownId === undefined ? undefined : `${eventClass}/${ownId}`,
    generator: `ctd/${eventClass}${alertType === undefined ? '' : `/${alertType}`}`,
    // Baselines are named `None`: their message says what was seen.
    title: name ?? (present(v[S.msg]) === undefined ? top : `${top}: ${present(v[S.msg])}`),
    description: present(v[S.msg]),
    severity,
    types,
    assetDiscovery,
    resolved: isResolvedStatus(labelValue(labels, 'ResolvedAs')),
    eventTime: firstPresent(v[S.rt], v[S.end], v[S.start]),
    assets,
    network: toClarotyNetwork(
      present(v[S.proto]),
      present(v[S.src]),
      undefined,
      present(v[S.smac]),
      present(v[S.dst]),
      undefined,
      undefined,
    ),
    sourceUrl: labelValue(labels, 'AlertUrl'),
    vulnerabilityIds: [],
    productFields: [productFields, ...otherKeyFields],
    diagnostics: [],
  };
}

// Details.Other facts of a legacy asset, in this order, present ones only.
function toDetails(
  os: string | undefined,
  manufacturer: string | undefined,
  mac2: string | undefined,
): Record<string, string> {
  const details: Record<string, string> = {};
  if (os !== undefined) details.os = os;
  if (manufacturer !== undefined) details.manufacturer = manufacturer;
  if (mac2 !== undefined) details.mac2 = mac2;
  return details;
}

function toLegacyAsset(
  ip: string | undefined,
  mac: string | undefined,
  name: string | undefined,
  zone: string | undefined,
  type: string | undefined,
  details: Readonly<Record<string, string>>,
  site: string | undefined,
  role: 'actor' | 'target',
): OtAsset | undefined {
  if (ip === undefined && mac === undefined && name === undefined) return undefined;
  const ips = ip === undefined ? undefined : parseIpList(ip);
  const macs = mac === undefined ? undefined : parseMacList(mac);
  return toClarotyAsset(undefined, name, ips, macs, zone, type, site, role, details);
}
