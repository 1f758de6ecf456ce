import { type CefRecord, type OtAsset, parseMacList } from '@otbridge/core';
import {
  type ClarotyEvent,
  type ClarotyEventKind,
  firstPresent,
  present,
  splitEventClassId,
  toClarotyAsset,
  toClarotyNetwork,
  toKebabCase,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity, mapScore, mapSeverityWord } from './map-claroty-severity.js';
import { isResolvedStatus } from './map-claroty-status.js';
import { CLAROTY_FINDING_TYPES, isCtdAssetDiscoveryType, toTacticTypes } from './map-claroty-types.js';
import { createClarotyFieldReader } from './read-claroty-fields.js';

// Keys that become ASFF fields or asset details, so they are not repeated in ProductFields.
const CONSUMED_KEYS = [
  'CtdMessage',
  'CtdTimeGenerated',
  'CtdAlertLink',
  'CtdProtocol',
  'CtdSourceIp',
  'CtdSourceMac',
  'CtdSourceHost',
  'CtdSourceZone',
  'CtdSourceAssetType',
  'CtdDestinationIp',
  'CtdDestinationMac',
  'CtdDestinationHost',
  'CtdDestinationZone',
  'CtdDestinationAssetType',
] as const;

// The documented, most useful keys first (vendors.md §2.3); every other key follows in input order.
const PRIORITY_KEYS = [
  'CtdCategory',
  'CtdExternalId',
  'CtdAlertId',
  'CtdDeviceExternalId',
  'CtdSite',
  'CtdAlertTypeId',
  'CtdEventTypeId',
  'CtdAlertScore',
  'CtdAlertStatus',
  'CtdResolvedAs',
  'CtdResolvedBy',
  'CtdAssignedTo',
  'CtdStoryId',
  'CtdMitreAttackTacticNames',
  'CtdMitreAttackTechniqueIds',
  'CtdSignatureId',
  'CtdSignatureName',
  'CtdSignatureCriticality',
  'CtdCveId',
  'CtdCveScore',
  'CtdInsightsSeverity',
  'CtdRiskScore',
  'CtdUser',
  'CtdAction',
  'CtdActionStatus',
  'CtdLogType',
  'CtdSensorName',
] as const;

// ProductFields: the priority keys in order, then every other key in record order; none consumed.
const reader = createClarotyFieldReader({
  keys: [...PRIORITY_KEYS, ...CONSUMED_KEYS, 'CtdRealTime'],
  priority: PRIORITY_KEYS,
  exclude: new Set(CONSUMED_KEYS),
  skipOther: () => false,
});
const S = reader.slots;

const KIND_BY_CLASS: Readonly<Record<string, ClarotyEventKind>> = Object.assign(Object.create(null), {
  activitylog: 'audit',
  healthcheck: 'health',
});

/** Reads a CTD "CEF (Latest)" record (`Ctd*` keys only; vendors.md §2.3). */
export function mapCtdLatestRecord(record: CefRecord): ClarotyEvent {
  const { values: v, productFields } = reader.read(record);
  const { top, type: classType } = splitEventClassId(record.deviceEventClassId);
  const topKey = top.toLowerCase();
  const kind = KIND_BY_CLASS[topKey] ?? 'finding';
  const eventClass = toKebabCase(top) || 'unknown';
  const category = present(v[S.CtdCategory]);
  const categoryParts = category === undefined ? undefined : splitEventClassId(category);
  const categoryPrefix = categoryParts?.top;
  const categoryType = categoryParts?.type;
  const name = present(record.name);
  const alertType = classType ?? categoryType ?? name;
  const isAlertOrEvent = topKey === 'alert' || topKey === 'event';
  const assetDiscovery =
    isAlertOrEvent &&
    (isCtdAssetDiscoveryType(classType) ||
      isCtdAssetDiscoveryType(categoryType) ||
      isCtdAssetDiscoveryType(name));

  const status = present(v[S.CtdAlertStatus]);
  const resolved =
    status !== undefined ? isResolvedStatus(status) : isResolvedStatus(present(v[S.CtdResolvedAs]));
  const ownId = present(v[S.CtdExternalId]) ?? (topKey === 'alert' ? present(v[S.CtdAlertId]) : undefined);

  const header = mapHeaderSeverity(record.severity);
  const score = mapScore(present(v[S.CtdAlertScore]));
  const insightWord = topKey === 'insight' ? present(v[S.CtdInsightsSeverity]) : undefined;
  const insight = insightWord === undefined ? undefined : mapSeverityWord(insightWord);
  const normalized = score ?? insight;
  const severity = normalized === undefined ? header : { normalized, original: header.original, known: true };

  const types: string[] = [];
  if (kind === 'health') types.push(CLAROTY_FINDING_TYPES.health);
  else if (kind === 'audit') types.push(CLAROTY_FINDING_TYPES.audit);
  else if (topKey === 'insight') {
    types.push(CLAROTY_FINDING_TYPES.configurationChecks);
    if (present(v[S.CtdCveId]) !== undefined) types.push(CLAROTY_FINDING_TYPES.cve);
  } else {
    if (assetDiscovery) types.push(CLAROTY_FINDING_TYPES.assetDiscovery);
    const tactics = toTacticTypes(present(v[S.CtdMitreAttackTacticNames]));
    // Security alerts are threat behaviour; Integrity alerts are anomalies. A signature hit is a threat too.
    const security = categoryPrefix?.toLowerCase() === 'security';
    if (!security) types.push(CLAROTY_FINDING_TYPES.networkFlow);
    for (const type of tactics) types.push(type);
    if ((security || present(v[S.CtdSignatureId]) !== undefined) && tactics.length === 0)
      types.push(CLAROTY_FINDING_TYPES.ttps);
  }

  const site = firstPresent(v[S.CtdDeviceExternalId], v[S.CtdSite]);
  const assets: OtAsset[] = [];
  const source = toCtdAsset(v, 'Source', 'actor', site);
  if (source !== undefined) assets.push(source);
  const destination = toCtdAsset(v, 'Destination', 'target', site);
  if (destination !== undefined) assets.push(destination);

  return {
    dialect: CLAROTY_DIALECTS.ctdLatest,
    eventClass,
    kind,
    site,
    eventId: ownId === undefined ? undefined : `${eventClass}/${ownId}`,
    generator: `ctd/${eventClass}${alertType === undefined ? '' : `/${alertType}`}`,
    title: name ?? alertType ?? top,
    description: present(v[S.CtdMessage]),
    severity,
    types,
    assetDiscovery,
    resolved,
    eventTime: firstPresent(v[S.CtdTimeGenerated], v[S.CtdRealTime]),
    assets,
    network: toClarotyNetwork(
      present(v[S.CtdProtocol]),
      present(v[S.CtdSourceIp]),
      undefined,
      present(v[S.CtdSourceMac]),
      present(v[S.CtdDestinationIp]),
      undefined,
      undefined,
    ),
    sourceUrl: present(v[S.CtdAlertLink]),
    vulnerabilityIds: present(v[S.CtdCveId]) === undefined ? [] : [present(v[S.CtdCveId]) as string],
    productFields,
    diagnostics: [],
  };
}

// Slots of each side's asset keys.
const ASSET_SLOTS = {
  Source: {
    ip: S.CtdSourceIp,
    mac: S.CtdSourceMac,
    name: S.CtdSourceHost,
    zone: S.CtdSourceZone,
    type: S.CtdSourceAssetType,
  },
  Destination: {
    ip: S.CtdDestinationIp,
    mac: S.CtdDestinationMac,
    name: S.CtdDestinationHost,
    zone: S.CtdDestinationZone,
    type: S.CtdDestinationAssetType,
  },
} as const;

function toCtdAsset(
  v: readonly (string | undefined)[],
  side: 'Source' | 'Destination',
  role: 'actor' | 'target',
  site: string | undefined,
): OtAsset | undefined {
  const slots = ASSET_SLOTS[side];
  const ip = present(v[slots.ip]);
  const mac = present(v[slots.mac]);
  const name = present(v[slots.name]);
  const zone = present(v[slots.zone]);
  const type = present(v[slots.type]);
  if (ip === undefined && mac === undefined && name === undefined) return undefined;
  const ips = ip === undefined ? undefined : [ip];
  const macs = mac === undefined ? undefined : parseMacList(mac);
  return toClarotyAsset(undefined, name, ips, macs, zone, type, site, role, undefined);
}
