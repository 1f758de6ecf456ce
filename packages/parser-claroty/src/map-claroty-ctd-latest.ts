import type { CefRecord, OtAsset } from '@otbridge/core';
import {
  type ClarotyEvent,
  type ClarotyEventKind,
  createProductFieldCollector,
  firstPresent,
  parseMacs,
  present,
  presentField,
  splitEventClassId,
  toClarotyAsset,
  toClarotyNetwork,
  toKebabCase,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity, mapScore, mapSeverityWord } from './map-claroty-severity.js';
import { isResolvedStatus } from './map-claroty-status.js';
import { CLAROTY_FINDING_TYPES, isCtdAssetDiscoveryType, toTacticTypes } from './map-claroty-types.js';

// Keys that become ASFF fields or asset details, so they are not repeated in ProductFields.
const CONSUMED_KEYS: ReadonlySet<string> = new Set([
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
]);

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

// The priority keys in order, then every other key in record order; none consumed.
const collectCtdProductFields = createProductFieldCollector(PRIORITY_KEYS, CONSUMED_KEYS, () => false);

const KIND_BY_CLASS: Readonly<Record<string, ClarotyEventKind>> = Object.assign(Object.create(null), {
  activitylog: 'audit',
  healthcheck: 'health',
});

/** Reads a CTD "CEF (Latest)" record (`Ctd*` keys only; vendors.md §2.3). */
export function mapCtdLatestRecord(record: CefRecord, fields: ReadonlyMap<string, string>): ClarotyEvent {
  const { top, type: classType } = splitEventClassId(record.deviceEventClassId);
  const topKey = top.toLowerCase();
  const kind = KIND_BY_CLASS[topKey] ?? 'finding';
  const eventClass = toKebabCase(top) || 'unknown';
  const category = presentField(fields, 'CtdCategory');
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

  const status = presentField(fields, 'CtdAlertStatus');
  const resolved =
    status !== undefined ? isResolvedStatus(status) : isResolvedStatus(presentField(fields, 'CtdResolvedAs'));
  const ownId =
    presentField(fields, 'CtdExternalId') ??
    (topKey === 'alert' ? presentField(fields, 'CtdAlertId') : undefined);

  const header = mapHeaderSeverity(record.severity);
  const score = mapScore(presentField(fields, 'CtdAlertScore'));
  const insightWord = topKey === 'insight' ? presentField(fields, 'CtdInsightsSeverity') : undefined;
  const insight = insightWord === undefined ? undefined : mapSeverityWord(insightWord);
  const normalized = score ?? insight;
  const severity = normalized === undefined ? header : { normalized, original: header.original, known: true };

  const types: string[] = [];
  if (kind === 'health') types.push(CLAROTY_FINDING_TYPES.health);
  else if (kind === 'audit') types.push(CLAROTY_FINDING_TYPES.audit);
  else if (topKey === 'insight') {
    types.push(CLAROTY_FINDING_TYPES.configurationChecks);
    if (presentField(fields, 'CtdCveId') !== undefined) types.push(CLAROTY_FINDING_TYPES.cve);
  } else {
    if (assetDiscovery) types.push(CLAROTY_FINDING_TYPES.assetDiscovery);
    const tactics = toTacticTypes(presentField(fields, 'CtdMitreAttackTacticNames'));
    // Security alerts are threat behaviour; Integrity alerts are anomalies. A signature hit is a threat too.
    const security = categoryPrefix?.toLowerCase() === 'security';
    if (!security) types.push(CLAROTY_FINDING_TYPES.networkFlow);
    types.push(...tactics);
    if ((security || presentField(fields, 'CtdSignatureId') !== undefined) && tactics.length === 0)
      types.push(CLAROTY_FINDING_TYPES.ttps);
  }

  const site = firstPresent(fields.get('CtdDeviceExternalId'), fields.get('CtdSite'));
  const assets: OtAsset[] = [];
  const source = toCtdAsset(fields, 'Source', 'actor', site);
  if (source !== undefined) assets.push(source);
  const destination = toCtdAsset(fields, 'Destination', 'target', site);
  if (destination !== undefined) assets.push(destination);

  const productFields = collectCtdProductFields(fields);

  return {
    dialect: CLAROTY_DIALECTS.ctdLatest,
    eventClass,
    kind,
    site,
    eventId: ownId === undefined ? undefined : `${eventClass}/${ownId}`,
    generator: `ctd/${eventClass}${alertType === undefined ? '' : `/${alertType}`}`,
    title: name ?? alertType ?? top,
    description: presentField(fields, 'CtdMessage'),
    severity,
    types,
    assetDiscovery,
    resolved,
    eventTime: firstPresent(fields.get('CtdTimeGenerated'), fields.get('CtdRealTime')),
    assets,
    network: toClarotyNetwork(
      presentField(fields, 'CtdProtocol'),
      presentField(fields, 'CtdSourceIp'),
      undefined,
      presentField(fields, 'CtdSourceMac'),
      presentField(fields, 'CtdDestinationIp'),
      undefined,
      undefined,
    ),
    sourceUrl: presentField(fields, 'CtdAlertLink'),
    vulnerabilityIds:
      presentField(fields, 'CtdCveId') === undefined ? [] : [presentField(fields, 'CtdCveId') as string],
    productFields,
    diagnostics: [],
  };
}

// Key names built once: building them per record costs a string hash per lookup.
const ASSET_KEYS = {
  Source: {
    ip: 'CtdSourceIp',
    mac: 'CtdSourceMac',
    name: 'CtdSourceHost',
    zone: 'CtdSourceZone',
    type: 'CtdSourceAssetType',
  },
  Destination: {
    ip: 'CtdDestinationIp',
    mac: 'CtdDestinationMac',
    name: 'CtdDestinationHost',
    zone: 'CtdDestinationZone',
    type: 'CtdDestinationAssetType',
  },
} as const;

function toCtdAsset(
  fields: ReadonlyMap<string, string>,
  side: 'Source' | 'Destination',
  role: 'actor' | 'target',
  site: string | undefined,
): OtAsset | undefined {
  const keys = ASSET_KEYS[side];
  const ip = presentField(fields, keys.ip);
  const mac = presentField(fields, keys.mac);
  const name = presentField(fields, keys.name);
  const zone = presentField(fields, keys.zone);
  const type = presentField(fields, keys.type);
  if (ip === undefined && mac === undefined && name === undefined) return undefined;
  const ips = ip === undefined ? undefined : [ip];
  const macs = mac === undefined ? undefined : parseMacs(mac);
  return toClarotyAsset(undefined, name, ips, macs, zone, type, site, role, undefined);
}
