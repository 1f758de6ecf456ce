import { type CefRecord, createDiagnostic, type Diagnostic, type OtAsset } from '@otbridge/core';
import { CLAROTY_DIAGNOSTIC_CODES } from './claroty-diagnostic-codes.js';
import {
  type ClarotyEvent,
  createProductFieldCollector,
  firstPresent,
  present,
  presentField,
  pushIps,
  pushMacs,
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
const CONSUMED_KEYS: ReadonlySet<string> = new Set([
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
]);

// The priority keys in order, then every other key in record order; none consumed or of a device block.
const collectXdomeProductFields = createProductFieldCollector(
  PRIORITY_KEYS,
  CONSUMED_KEYS,
  (key) => key.startsWith('device_') || key.startsWith('other_device_'),
);

/** Reads an xDome / Medigate record (snake_case keys, Python-literal lists; vendors.md §2.5). */
export function mapXdomeRecord(record: CefRecord, fields: ReadonlyMap<string, string>): ClarotyEvent {
  const diagnostics: Diagnostic[] = [];
  const category = readCategory(record, fields);
  const eventClass = toKebabCase(category);
  const kind = category === 'server_incident' ? 'health' : 'finding';
  // The "description-in-Name" layout puts the description in the CEF Name.
  const nameIsCategory = XDOME_CATEGORIES.has(record.name.trim());
  const headerName = nameIsCategory ? undefined : present(record.name);
  const typeName = firstPresent(
    fields.get('event_type'),
    fields.get('alert_type_name'),
    fields.get('change_type'),
    fields.get('vulnerability_name'),
    fields.get('cat'),
  );
  const deviceKey = firstPresent(fields.get('device_uid'), fields.get('device_asset_id'));
  const site = presentField(fields, 'device_site_name');

  const assetDiscovery =
    (category === 'device_change_event' && isXdomeAssetChangeType(presentField(fields, 'change_type'))) ||
    (category === 'alert_affected_device' &&
      presentField(fields, 'alert_category')?.toLowerCase() === 'policy deviation');

  const assets: OtAsset[] = [];
  const device = toXdomeAsset(fields, 'device_', diagnostics);
  if (device !== undefined) assets.push(device);
  const other = toXdomeAsset(fields, 'other_device_', diagnostics);
  if (other !== undefined) assets.push(other);

  const productFields = collectXdomeProductFields(fields);

  return {
    dialect: CLAROTY_DIALECTS.xdome,
    eventClass,
    kind,
    site,
    eventId: toEventId(category, fields, deviceKey, record.deviceEventClassId),
    generator: `xdome/${eventClass}${typeName === undefined ? '' : `/${typeName}`}`,
    title: firstPresent(fields.get('alert_name'), typeName, headerName) ?? category,
    description: firstPresent(
      fields.get('event_description'),
      fields.get('alert_description'),
      fields.get('change_description'),
      headerName,
    ),
    severity: mapXdomeSeverity(record.severity, category, typeName, fields),
    types: mapXdomeTypes(category, typeName, fields, assetDiscovery),
    assetDiscovery,
    resolved:
      category === 'alert_affected_device' && isResolvedStatus(presentField(fields, 'alert_device_status')),
    eventTime: firstPresent(fields.get('event_timestamp'), fields.get('change_timestamp'), fields.get('rt')),
    assets,
    network: toClarotyNetwork(
      firstPresent(fields.get('protocol'), fields.get('ip_protocol')),
      presentField(fields, 'src_ip'),
      presentField(fields, 'src_port'),
      presentField(fields, 'src_mac'),
      firstPresent(fields.get('dst_ip'), fields.get('external_ip')),
      presentField(fields, 'dst_port'),
      presentField(fields, 'domain'),
    ),
    sourceUrl: undefined,
    vulnerabilityIds: category === 'vulnerability_affected_device' ? readCves(fields) : [],
    productFields,
    diagnostics,
  };
}

function readCategory(record: CefRecord, fields: ReadonlyMap<string, string>): string {
  const declared = presentField(fields, 'msg_category') ?? record.name.trim();
  if (XDOME_CATEGORIES.has(declared)) return declared;
  if (presentField(fields, 'alert_id') !== undefined) return 'alert_affected_device';
  if (presentField(fields, 'change_id') !== undefined) return 'device_change_event';
  if (presentField(fields, 'incident_id') !== undefined) return 'server_incident';
  if (presentField(fields, 'vulnerability_name') !== undefined) return 'vulnerability_affected_device';
  return 'comm_event';
}

// Ids per id space. An alert affects several devices, one message each, with its own per-device
// status: the Id carries the device so resolving one device archives that device's finding only.
function toEventId(
  category: string,
  fields: ReadonlyMap<string, string>,
  deviceKey: string | undefined,
  signatureId: string,
): string | undefined {
  switch (category) {
    case 'alert_affected_device':
      return withDevice(prefixed('alert', presentField(fields, 'alert_id')), deviceKey);
    case 'device_change_event':
      return prefixed('change', presentField(fields, 'change_id'));
    case 'server_incident':
      return prefixed('incident', presentField(fields, 'incident_id'));
    case 'vulnerability_affected_device':
      return withDevice(
        prefixed('vulnerability', presentField(fields, 'vulnerability_name') ?? present(signatureId)),
        deviceKey,
      );
    default:
      return prefixed('event', presentField(fields, 'event_id'));
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
  fields: ReadonlyMap<string, string>,
): ClarotySeverity {
  const original = mapHeaderSeverity(header).original;
  const specific =
    readSeverityValue(presentField(fields, 'signature_severity')) ??
    readSeverityValue(presentField(fields, 'malicious_ip_severity'));
  if (specific !== undefined) return { normalized: specific, original, known: true };
  const cvss = mapCefScale(
    presentField(fields, 'vulnerability_cvss_v3_score') ??
      presentField(fields, 'vulnerability_cvss_v2_score') ??
      '',
  );
  if (category === 'vulnerability_affected_device' && cvss !== undefined)
    return { normalized: cvss, original, known: true };
  const text = `${typeName ?? ''} ${presentField(fields, 'alert_category') ?? ''}`.toLowerCase();
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
  fields: ReadonlyMap<string, string>,
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
        presentField(fields, 'alert_category')?.toLowerCase() === 'threat'
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
      else if (text.includes('signature') || presentField(fields, 'signature_id') !== undefined)
        types.push(CLAROTY_FINDING_TYPES.ttps);
      else types.push(CLAROTY_FINDING_TYPES.networkFlow);
  }
  return types;
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

function readCves(fields: ReadonlyMap<string, string>): string[] {
  const listed = parsePythonList(presentField(fields, 'vulnerability_cves') ?? '').items;
  const name = presentField(fields, 'vulnerability_name');
  const cves = listed.length > 0 ? listed : name === undefined ? [] : [name];
  const result: string[] = [];
  for (const id of cves) if (CVE_ID.test(id)) result.push(id);
  return result;
}

// Device-block key names per prefix, built once: building them per record costs a string hash per lookup.
interface DeviceKeys {
  readonly uid: string;
  readonly assetId: string;
  readonly ipList: string;
  readonly macList: string;
  readonly networkList: string;
  readonly type: string;
  readonly siteName: string;
  /** `[detail name, record key, sent as a Python list]` in Details order; `null` key: the zone. */
  readonly details: readonly (readonly [string, string | null, boolean])[];
}

function toDeviceKeys(prefix: string): DeviceKeys {
  return {
    uid: `${prefix}uid`,
    assetId: `${prefix}asset_id`,
    ipList: `${prefix}ip_list`,
    macList: `${prefix}mac_list`,
    networkList: `${prefix}network_list`,
    type: `${prefix}type`,
    siteName: `${prefix}site_name`,
    details: DEVICE_DETAIL_KEYS.map(
      (key) => [key, key === 'network_list' ? null : `${prefix}${key}`, LIST_DETAIL_KEYS.has(key)] as const,
    ),
  };
}

const DEVICE_KEYS = {
  device_: toDeviceKeys('device_'),
  other_device_: toDeviceKeys('other_device_'),
} as const;

function toXdomeAsset(
  fields: ReadonlyMap<string, string>,
  prefix: 'device_' | 'other_device_',
  diagnostics: Diagnostic[],
): OtAsset | undefined {
  const keys = DEVICE_KEYS[prefix];
  const assetId = present(fields.get(keys.assetId));
  const id = present(fields.get(keys.uid)) ?? assetId;
  const ips: string[] = [];
  for (const item of readList(fields, keys.ipList, diagnostics)) pushIps(ips, item);
  const macs: string[] = [];
  for (const item of readList(fields, keys.macList, diagnostics)) pushMacs(macs, item);
  if (id === undefined && ips.length === 0 && macs.length === 0) return undefined;
  const details: Record<string, string> = {};
  if (assetId !== undefined) details.asset_id = assetId;
  const zone = readList(fields, keys.networkList, diagnostics).join(', ');
  for (const [name, key, isList] of keys.details) {
    const value =
      key === null ? zone : isList ? readList(fields, key, diagnostics).join(', ') : present(fields.get(key));
    if (value !== undefined && value !== '') details[name] = value;
  }
  return toClarotyAsset(
    id,
    assetId,
    ips,
    macs,
    zone === '' ? undefined : zone,
    present(fields.get(keys.type)),
    present(fields.get(keys.siteName)),
    undefined,
    details,
  );
}

function readList(fields: ReadonlyMap<string, string>, key: string, diagnostics: Diagnostic[]): string[] {
  const raw = fields.get(key);
  if (raw === undefined) return [];
  const result = parsePythonList(raw);
  if (!result.ok) {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.invalidList,
        'warning',
        `${key} is not a well-formed Python list (${raw.slice(0, 60)}); only the readable items were used.`,
      ),
    );
  }
  return result.items;
}
