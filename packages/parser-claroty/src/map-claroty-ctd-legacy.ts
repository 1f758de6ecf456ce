import { type CefRecord, type OtAsset, parseIpList, parseMacList, resolveCustomLabels } from '@otbridge/core';
import {
  type ClarotyEvent,
  type ClarotyEventKind,
  createProductFieldKeyLookup,
  firstPresent,
  present,
  presentField,
  pushPresent,
  splitEventClassId,
  toKebabCase,
  toPriorityKeys,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity, mapScore } from './map-claroty-severity.js';
import { isResolvedStatus } from './map-claroty-status.js';
import { CLAROTY_FINDING_TYPES, isCtdAssetDiscoveryType } from './map-claroty-types.js';

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
const CONSUMED_KEYS: ReadonlySet<string> = new Set([
  'src',
  'dst',
  'smac',
  'dmac',
  'shost',
  'dhost',
  'msg',
  'rt',
]);

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
const toOtherProductKey = createProductFieldKeyLookup((key) => SLOT_KEY.test(key) || CONSUMED_KEYS.has(key));

/** Reads a CTD legacy record (standard keys plus `cs1`…`cs22`, keyed on their labels; vendors.md §2.2). */
export function mapCtdLegacyRecord(record: CefRecord, fields: ReadonlyMap<string, string>): ClarotyEvent {
  const labels = resolveCustomLabels(record);
  const label = (name: string) => present(labels.get(name)?.value);
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
    (topKey === 'alert' || topKey === 'event') && [classType, name].some(isCtdAssetDiscoveryType);
  const category = label('Category')?.toLowerCase();

  const header = mapHeaderSeverity(record.severity);
  const score = mapScore(label('Score'));
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

  const site = label('Site');
  const assets: OtAsset[] = [];
  const source = toLegacyAsset({
    ip: presentField(fields, 'src'),
    mac: presentField(fields, 'smac'),
    name: firstPresent(fields.get('shost'), label('PrimaryAssetHostname')),
    zone: label('SrcZone'),
    type: label('PrimaryAssetType'),
    details: {
      os: label('PrimaryAssetOS'),
      manufacturer: label('PrimaryAssetVendor'),
      mac2: label('PrimaryAssetMAC2'),
    },
    site,
    role: 'actor',
  });
  if (source !== undefined) assets.push(source);
  const destination = toLegacyAsset({
    ip: presentField(fields, 'dst'),
    mac: firstPresent(fields.get('dmac'), label('NonPrimaryAssetMAC')),
    name: firstPresent(fields.get('dhost'), label('NonPrimaryAssetHostname')),
    zone: label('DstZone'),
    type: label('NonPrimaryAssetType'),
    details: { os: label('NonPrimaryAssetOS'), manufacturer: label('NonPrimaryAssetVendor') },
    site,
    role: 'target',
  });
  if (destination !== undefined) assets.push(destination);

  // Priority labels in order, then the other labels, then the other keys (no intermediate pair arrays).
  const productFields: [string, string][] = [];
  for (const [name, productKey] of PRIORITY_LABEL_KEYS)
    pushPresent(productFields, productKey, labels.get(name)?.value);
  for (const [name, field] of labels) {
    const productKey = toOtherLabelKey(name);
    if (productKey !== null) pushPresent(productFields, productKey, field.value);
  }
  for (const [key, value] of fields) {
    const productKey = toOtherProductKey(key);
    if (productKey !== null) pushPresent(productFields, productKey, value);
  }
  const ownId = presentField(fields, 'externalId');

  return {
    dialect: CLAROTY_DIALECTS.ctdLegacy,
    eventClass,
    kind,
    site,
    eventId: ownId === undefined ? undefined : `${eventClass}/${ownId}`,
    generator: `ctd/${eventClass}${alertType === undefined ? '' : `/${alertType}`}`,
    // Baselines are named `None`: their message says what was seen.
    title:
      name ?? (presentField(fields, 'msg') === undefined ? top : `${top}: ${presentField(fields, 'msg')}`),
    description: presentField(fields, 'msg'),
    severity,
    types,
    assetDiscovery,
    resolved: isResolvedStatus(label('ResolvedAs')),
    eventTime: firstPresent(fields.get('rt'), fields.get('end'), fields.get('start')),
    assets,
    network: {
      sourceIp: presentField(fields, 'src'),
      sourceMac: presentField(fields, 'smac'),
      destinationIp: presentField(fields, 'dst'),
      protocol: presentField(fields, 'proto'),
    },
    sourceUrl: label('AlertUrl'),
    vulnerabilityIds: [],
    productFields,
    diagnostics: [],
  };
}

interface LegacyAssetInput {
  readonly ip: string | undefined;
  readonly mac: string | undefined;
  readonly name: string | undefined;
  readonly zone: string | undefined;
  readonly type: string | undefined;
  readonly details: Readonly<Record<string, string | undefined>>;
  readonly site: string | undefined;
  readonly role: 'actor' | 'target';
}

function toLegacyAsset(input: LegacyAssetInput): OtAsset | undefined {
  if (input.ip === undefined && input.mac === undefined && input.name === undefined) return undefined;
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.details)) if (value !== undefined) details[key] = value;
  // By assignment, in the order the conditional spreads had, without a temporary per member.
  const asset: { -readonly [K in keyof OtAsset]: OtAsset[K] } = {};
  if (input.name !== undefined) asset.name = input.name;
  if (input.ip !== undefined) asset.ips = parseIpList(input.ip);
  if (input.mac !== undefined) asset.macs = parseMacList(input.mac);
  if (input.zone !== undefined) asset.zone = input.zone;
  if (input.type !== undefined) asset.type = input.type;
  if (input.site !== undefined) asset.site = input.site;
  asset.vendor = 'claroty';
  asset.role = input.role;
  asset.details = details;
  return asset;
}
