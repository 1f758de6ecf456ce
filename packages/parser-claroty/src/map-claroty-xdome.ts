import {
  type CefRecord,
  createDiagnostic,
  type Diagnostic,
  type OtAsset,
  parseIpList,
  parseMacList,
} from '@otbridge/core';
import { CLAROTY_DIAGNOSTIC_CODES } from './claroty-diagnostic-codes.js';
import {
  type ClarotyEvent,
  firstPresent,
  present,
  toClarotyAsset,
  toClarotyNetwork,
  toKebabCase,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import {
  type ClarotySeverity,
  mapCefScale,
  mapHeaderSeverity,
  mapSeverityWord,
} from './map-claroty-severity.js';
import { isResolvedStatus } from './map-claroty-status.js';
import { CLAROTY_FINDING_TYPES, isXdomeAssetChangeType } from './map-claroty-types.js';
import { parsePythonList } from './parse-python-list.js';
import { createClarotyFieldReader } from './read-claroty-fields.js';

/** xDome `msg_category` values (vendors.md §2.5). */
const XDOME_CATEGORIES: ReadonlySet<string> = new Set([
  'alert_affected_device',
  'comm_event',
  'device_change_event',
  'vulnerability_affected_device',
  'server_incident',
]);

// Device-block keys other than ids and addresses: they go to the resource's Details.Other.
const DEVICE_DETAIL_KEYS = [
  'category',
  'subcategory',
  'type_family',
  'model',
  'os',
  'manufacturer',
  'connection_type_list',
  'network_list',
  'labels',
  'assignees',
  'note',
] as const;

// Device-block details sent as Python lists; Details.Other gets them comma-joined.
const LIST_DETAIL_KEYS: ReadonlySet<string> = new Set([
  'connection_type_list',
  'network_list',
  'labels',
  'assignees',
]);

// The documented, most useful keys first; every other non-device key follows in input order.
const PRIORITY_KEYS = [
  'msg_category',
  'device_site_name',
  'device_category',
  'alert_id',
  'alert_type_name',
  'alert_category',
  'alert_device_status',
  'event_id',
  'event_type',
  'event_alert_id',
  'change_id',
  'change_type',
  'change_alert_id',
  'change_alerted_attribute',
  'previous_value',
  'new_value',
  'vulnerability_name',
  'vulnerability_cves',
  'signature_id',
  'signature_name',
  'signature_severity',
  'malicious_ip',
  'malicious_ip_severity',
  'malicious_ip_threat_type',
  'policy_name',
  'username',
  'file_name',
  'alert_mitre_technique_ids',
  'alert_mitre_technique_names',
] as const;

// Keys that become ASFF fields (Title, Description, times, Network) rather than ProductFields.
const CONSUMED_KEYS = [
  'event_description',
  'alert_description',
  'change_description',
  'event_timestamp',
  'change_timestamp',
  'src_ip',
  'dst_ip',
  'src_port',
  'dst_port',
  'src_mac',
  'dst_mac',
  'protocol',
] as const;

// Device-block keys (`device_uid`, `other_device_uid`, ...): ids, addresses and details.
const DEVICE_FIELDS = [
  'uid',
  'asset_id',
  'ip_list',
  'mac_list',
  'type',
  'site_name',
  ...DEVICE_DETAIL_KEYS,
] as const;
type DevicePrefix = 'device_' | 'other_device_';
const deviceKeys = (prefix: DevicePrefix) => DEVICE_FIELDS.map((field) => `${prefix}${field}` as const);

// ProductFields: the priority keys in order, then every other key in record order; none consumed or of a
// device block.
const reader = createClarotyFieldReader({
  keys: [
    ...new Set([
      ...PRIORITY_KEYS,
      ...CONSUMED_KEYS,
      ...deviceKeys('device_'),
      ...deviceKeys('other_device_'),
      'incident_id',
      'cat',
      'alert_name',
      'rt',
      'ip_protocol',
      'external_ip',
      'domain',
      'vulnerability_cvss_v3_score',
      'vulnerability_cvss_v2_score',
    ] as const),
  ],
  priority: PRIORITY_KEYS,
  exclude: new Set(CONSUMED_KEYS),
  skipOther: (key) => key.startsWith('device_') || key.startsWith('other_device_'),
});
const S = reader.slots;
type Values = readonly (string | undefined)[];

/** Reads an xDome / Medigate record (snake_case keys, Python-literal lists; vendors.md §2.5). */
export function mapXdomeRecord(record: CefRecord): ClarotyEvent {
  const { values: v, productFields } = reader.read(record);
  const diagnostics: Diagnostic[] = [];
  const category = readCategory(record, v);
  const eventClass = toKebabCase(category);
  const kind = category === 'server_incident' ? 'health' : 'finding';
  // The "description-in-Name" layout puts the description in the CEF Name.
  const nameIsCategory = XDOME_CATEGORIES.has(record.name.trim());
  const headerName = nameIsCategory ? undefined : present(record.name);
  const typeName = firstPresent(
    v[S.event_type],
    v[S.alert_type_name],
    v[S.change_type],
    v[S.vulnerability_name],
    v[S.cat],
  );
  const deviceKey = firstPresent(v[S.device_uid], v[S.device_asset_id]);
  const site = present(v[S.device_site_name]);

  const assetDiscovery =
    (category === 'device_change_event' && isXdomeAssetChangeType(present(v[S.change_type]))) ||
    (category === 'alert_affected_device' &&
      present(v[S.alert_category])?.toLowerCase() === 'policy deviation');

  const assets: OtAsset[] = [];
  const device = toXdomeAsset(v, 'device_', diagnostics);
  if (device !== undefined) assets.push(device);
  const other = toXdomeAsset(v, 'other_device_', diagnostics);
  if (other !== undefined) assets.push(other);

  return {
    dialect: CLAROTY_DIALECTS.xdome,
    eventClass,
    kind,
    site,
    eventId: toEventId(category, v, deviceKey, record.deviceEventClassId),
    generator: `xdome/${eventClass}${typeName === undefined ? '' : `/${typeName}`}`,
    title: firstPresent(v[S.alert_name], typeName, headerName) ?? category,
    description: firstPresent(
      v[S.event_description],
      v[S.alert_description],
      v[S.change_description],
      headerName,
    ),
    severity: mapXdomeSeverity(record.severity, category, typeName, v),
    types: mapXdomeTypes(category, typeName, v, assetDiscovery),
    assetDiscovery,
    resolved: category === 'alert_affected_device' && isResolvedStatus(present(v[S.alert_device_status])),
    eventTime: firstPresent(v[S.event_timestamp], v[S.change_timestamp], v[S.rt]),
    assets,
    network: toClarotyNetwork(
      firstPresent(v[S.protocol], v[S.ip_protocol]),
      present(v[S.src_ip]),
      present(v[S.src_port]),
      present(v[S.src_mac]),
      firstPresent(v[S.dst_ip], v[S.external_ip]),
      present(v[S.dst_port]),
      present(v[S.domain]),
    ),
    sourceUrl: undefined,
    vulnerabilityIds: category === 'vulnerability_affected_device' ? readCves(v) : [],
    productFields,
    diagnostics,
  };
}

function readCategory(record: CefRecord, v: Values): string {
  const declared = present(v[S.msg_category]) ?? record.name.trim();
  if (XDOME_CATEGORIES.has(declared)) return declared;
  if (present(v[S.alert_id]) !== undefined) return 'alert_affected_device';
  if (present(v[S.change_id]) !== undefined) return 'device_change_event';
  if (present(v[S.incident_id]) !== undefined) return 'server_incident';
  if (present(v[S.vulnerability_name]) !== undefined) return 'vulnerability_affected_device';
  return 'comm_event';
}

// Ids per id space. An alert affects several devices, one message each, with its own per-device
// status: the Id carries the device so resolving one device archives that device's finding only.
function toEventId(
  category: string,
  v: Values,
  deviceKey: string | undefined,
  signatureId: string,
): string | undefined {
  switch (category) {
    case 'alert_affected_device':
      return withDevice(prefixed('alert', present(v[S.alert_id])), deviceKey);
    case 'device_change_event':
      return prefixed('change', present(v[S.change_id]));
    case 'server_incident':
      return prefixed('incident', present(v[S.incident_id]));
    case 'vulnerability_affected_device':
      return withDevice(
        prefixed('vulnerability', present(v[S.vulnerability_name]) ?? present(signatureId)),
        deviceKey,
      );
    default:
      return prefixed('event', present(v[S.event_id]));
  }
}

function withDevice(id: string | undefined, deviceKey: string | undefined): string | undefined {
  return id === undefined ? undefined : deviceKey === undefined ? id : `${id}/device/${deviceKey}`;
}

function prefixed(space: string, id: string | undefined): string | undefined {
  return id === undefined ? undefined : `${space}/${id}`;
}

// xDome's header severity is always 5 (4 for server incidents) and carries no information (vendors.md §2.6):
// use the signature or threat-intel severity, then the event type, then the header band.
function mapXdomeSeverity(
  header: string,
  category: string,
  typeName: string | undefined,
  v: Values,
): ClarotySeverity {
  const original = mapHeaderSeverity(header).original;
  const specific =
    readSeverityValue(present(v[S.signature_severity])) ??
    readSeverityValue(present(v[S.malicious_ip_severity]));
  if (specific !== undefined) return { normalized: specific, original, known: true };
  const cvss = mapCefScale(
    present(v[S.vulnerability_cvss_v3_score]) ?? present(v[S.vulnerability_cvss_v2_score]) ?? '',
  );
  if (category === 'vulnerability_affected_device' && cvss !== undefined)
    return { normalized: cvss, original, known: true };
  const text = `${typeName ?? ''} ${present(v[S.alert_category]) ?? ''}`.toLowerCase();
  if (text.includes('malicious') || text.includes('threat')) return { normalized: 70, original, known: true };
  if (category === 'device_change_event') return { normalized: 1, original, known: true };
  if (category === 'server_incident') return { normalized: 0, original, known: true };
  if (
    category === 'comm_event' ||
    category === 'alert_affected_device' ||
    category === 'vulnerability_affected_device'
  ) {
    return { normalized: 40, original, known: true };
  }
  return mapHeaderSeverity(header);
}

function readSeverityValue(value: string | undefined): number | undefined {
  return value === undefined ? undefined : (mapSeverityWord(value) ?? mapCefScale(value));
}

function mapXdomeTypes(
  category: string,
  typeName: string | undefined,
  v: Values,
  assetDiscovery: boolean,
): string[] {
  const types: string[] = [];
  if (assetDiscovery) types.push(CLAROTY_FINDING_TYPES.assetDiscovery);
  const text = (typeName ?? '').toLowerCase();
  switch (category) {
    case 'server_incident':
      types.push(CLAROTY_FINDING_TYPES.health);
      break;
    case 'vulnerability_affected_device':
      types.push(CLAROTY_FINDING_TYPES.cve);
      break;
    case 'alert_affected_device':
      types.push(
        present(v[S.alert_category])?.toLowerCase() === 'threat'
          ? CLAROTY_FINDING_TYPES.ttps
          : CLAROTY_FINDING_TYPES.networkFlow,
      );
      break;
    case 'device_change_event':
      types.push(CLAROTY_FINDING_TYPES.networkFlow);
      break;
    default:
      if (text.includes('credential') || text.includes('password'))
        types.push(CLAROTY_FINDING_TYPES.passwords);
      else if (text.includes('malicious')) types.push(CLAROTY_FINDING_TYPES.commandAndControl);
      else if (text.includes('signature') || present(v[S.signature_id]) !== undefined)
        types.push(CLAROTY_FINDING_TYPES.ttps);
      else types.push(CLAROTY_FINDING_TYPES.networkFlow);
  }
  return types;
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

function readCves(v: Values): string[] {
  const listed = parsePythonList(present(v[S.vulnerability_cves]) ?? '').items;
  const name = present(v[S.vulnerability_name]);
  const cves = listed.length > 0 ? listed : name === undefined ? [] : [name];
  const result: string[] = [];
  for (const id of cves) if (CVE_ID.test(id)) result.push(id);
  return result;
}

// A device-block key and its slot.
interface DeviceField {
  readonly key: string;
  readonly slot: number;
}

interface DeviceFields {
  readonly uid: DeviceField;
  readonly assetId: DeviceField;
  readonly ipList: DeviceField;
  readonly macList: DeviceField;
  readonly networkList: DeviceField;
  readonly type: DeviceField;
  readonly siteName: DeviceField;
  /** `[detail name, field, sent as a Python list]` in Details order; `null` field: the zone. */
  readonly details: readonly (readonly [string, DeviceField | null, boolean])[];
}

function toDeviceFields(prefix: DevicePrefix): DeviceFields {
  const field = (name: (typeof DEVICE_FIELDS)[number]): DeviceField => {
    const key = `${prefix}${name}` as const;
    return { key, slot: S[key] };
  };
  return {
    uid: field('uid'),
    assetId: field('asset_id'),
    ipList: field('ip_list'),
    macList: field('mac_list'),
    networkList: field('network_list'),
    type: field('type'),
    siteName: field('site_name'),
    details: DEVICE_DETAIL_KEYS.map(
      (name) => [name, name === 'network_list' ? null : field(name), LIST_DETAIL_KEYS.has(name)] as const,
    ),
  };
}

const DEVICE_KEYS = {
  device_: toDeviceFields('device_'),
  other_device_: toDeviceFields('other_device_'),
} as const;

function toXdomeAsset(v: Values, prefix: DevicePrefix, diagnostics: Diagnostic[]): OtAsset | undefined {
  const keys = DEVICE_KEYS[prefix];
  const assetId = present(v[keys.assetId.slot]);
  const id = present(v[keys.uid.slot]) ?? assetId;
  const ips: string[] = [];
  for (const item of readList(v, keys.ipList, diagnostics)) for (const ip of parseIpList(item)) ips.push(ip);
  const macs: string[] = [];
  for (const item of readList(v, keys.macList, diagnostics))
    for (const mac of parseMacList(item)) macs.push(mac);
  if (id === undefined && ips.length === 0 && macs.length === 0) return undefined;
  const details: Record<string, string> = {};
  if (assetId !== undefined) details.asset_id = assetId;
  const zone = readList(v, keys.networkList, diagnostics).join(', ');
  for (const [name, field, isList] of keys.details) {
    const value =
      field === null ? zone : isList ? readList(v, field, diagnostics).join(', ') : present(v[field.slot]);
    if (value !== undefined && value !== '') details[name] = value;
  }
  return toClarotyAsset(
    id,
    assetId,
    ips,
    macs,
    zone === '' ? undefined : zone,
    present(v[keys.type.slot]),
    present(v[keys.siteName.slot]),
    undefined,
    details,
  );
}

function readList(v: Values, field: DeviceField, diagnostics: Diagnostic[]): string[] {
  const raw = v[field.slot];
  if (raw === undefined) return [];
  const result = parsePythonList(raw);
  if (!result.ok) {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.invalidList,
        'warning',
        `${field.key} is not a well-formed Python list (${raw.slice(0, 60)}); only the readable items were used.`,
      ),
    );
  }
  return result.items;
}
