import type { Resource } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS } from '../asff/asff-limits.js';
import { createBaseFinding } from '../asff/create-base-finding.js';
import { createFindingId } from '../asff/create-finding-id.js';
import { toAsffNetwork } from '../asff/to-asff-network.js';
import { type OtAsset, toOtAssetResource } from '../asff/to-ot-asset-resource.js';
import { toProductFieldsFromList } from '../asff/to-product-fields.js';
import { truncateUtf16 } from '../asff/truncate-utf16.js';
import type { CefRecord } from '../cef/cef-record.js';
import { createCefExtensionMap } from '../cef/create-cef-extension-map.js';
import { formatCef } from '../cef/format-cef.js';
import { parseCefInteger } from '../cef/parse-cef-integer.js';
import { type ParseCefTimestampOptions, parseCefTimestamp } from '../cef/parse-cef-timestamp.js';
import { parseIpList } from '../cef/parse-ip-list.js';
import { parseMacList } from '../cef/parse-mac-list.js';
import { resolveCustomLabels } from '../cef/resolve-custom-labels.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createKeyPrefixer } from '../text/create-key-prefixer.js';
import { CEF_DICTIONARY } from './cef-dictionary.js';
import { defineParser } from './define-parser.js';
import { mapCefSeverity } from './map-cef-severity.js';
import type { ParserContext } from './vendor-parser.js';

/** Options of the generic CEF fallback parser. */
export interface GenericCefParserOptions {
  /** The one ASFF `Types` entry every generic finding carries. */
  readonly findingType: string;
  /** `ProductName` when the context sets none. */
  readonly productName: string;
}

/** Stable diagnostic codes of the generic CEF parser (all warnings: it always makes a finding). */
export const GENERIC_CEF_DIAGNOSTIC_CODES = {
  unknownSeverity: 'generic-cef/unknown-severity',
  invalidTimestamp: 'generic-cef/invalid-timestamp',
  truncated: 'generic-cef/truncated',
  productFieldsDropped: 'generic-cef/product-fields-dropped',
} as const;

const UNKNOWN = 'unknown';
// Event time first, then the sensor's own receipt time.
const EVENT_TIME_KEYS = ['end', 'start', 'rt'] as const;

/**
 * The fallback for vendors no registered parser claims: maps the standard CEF dictionary keys (addresses,
 * ports, hosts, times, custom labels) of any CEF record to a schema-valid finding. Every other key is kept
 * in ProductFields, so a SOC can re-map the finding later.
 */
export const genericCefParser = defineParser<GenericCefParserOptions>({
  id: 'generic-cef',
  packageName: '@otbridge/core',
  version: '0.1.0',
  vendor: 'Any CEF producer',
  docsUrl: 'https://github.com/otbridge/otbridge/blob/main/docs/writing-a-parser.md#the-generic-cef-parser',
  claims: [],
  defaultOptions: { findingType: 'Unusual Behaviors', productName: 'otbridge' },
  diagnosticCodes: Object.values(GENERIC_CEF_DIAGNOSTIC_CODES),
  normalize: convertCefRecordToFinding,
});

function convertCefRecordToFinding(record: CefRecord, context: ParserContext<GenericCefParserOptions>) {
  const diagnostics: Diagnostic[] = [];
  const fields = createCefExtensionMap(record);

  const vendor = nonBlank(record.deviceVendor) ?? UNKNOWN;
  const product = nonBlank(record.deviceProduct) ?? UNKNOWN;
  const eventClass = nonBlank(record.deviceEventClassId) ?? UNKNOWN;
  const sensor =
    getField(fields, 'dvchost') ?? getField(fields, 'dvc') ?? nonBlank(record.prefix?.hostname) ?? product;
  const externalId = getField(fields, 'externalId');

  const observedAt = resolveEventTime(record, fields, context, diagnostics);
  const severity = mapCefSeverity(record.severity);
  if (severity === undefined) {
    diagnostics.push(
      createDiagnostic(
        GENERIC_CEF_DIAGNOSTIC_CODES.unknownSeverity,
        'warning',
        `CEF severity ${JSON.stringify(record.severity)} is neither 0-10 nor a CEF severity word; reported as INFORMATIONAL. A vendor parser can map it.`,
      ),
    );
  }
  const original = nonBlank(record.severity) ?? 'Unknown';

  const title = clip(
    'Title',
    nonBlank(record.name) ?? `${vendor} ${product} ${eventClass}`,
    ASFF_LIMITS.TITLE,
    diagnostics,
  );
  const description = clip(
    'Description',
    getField(fields, 'msg') ?? getField(fields, 'reason') ?? nonBlank(record.name) ?? title,
    ASFF_LIMITS.DESCRIPTION,
    diagnostics,
  );

  const { fields: productFields, dropped } = toProductFieldsFromList(collectProductFields(record, fields));
  if (dropped.length > 0) {
    diagnostics.push(
      createDiagnostic(
        GENERIC_CEF_DIAGNOSTIC_CODES.productFieldsDropped,
        'warning',
        `${dropped.length} extension field(s) did not fit into ProductFields (first: ${dropped[0]}); a vendor parser can choose what to keep.`,
      ),
    );
  }

  // toAsffNetwork and toOtAssetResource read an undefined member as absent: no compacted copies needed.
  // Each address list parsed once, for Network and for the Resources.
  const endpoints: Endpoints = {
    sourceIps: parseIpList(getField(fields, 'src') ?? ''),
    sourceMacs: parseMacList(getField(fields, 'smac') ?? ''),
    destinationIps: parseIpList(getField(fields, 'dst') ?? ''),
    destinationMacs: parseMacList(getField(fields, 'dmac') ?? ''),
  };
  const network = toAsffNetwork({
    direction: toDirection(getField(fields, 'deviceDirection')),
    protocol: getField(fields, 'proto'),
    sourceIp: endpoints.sourceIps[0],
    sourcePort: toPort(getField(fields, 'spt')),
    sourceMac: endpoints.sourceMacs[0],
    destinationIp: endpoints.destinationIps[0],
    destinationPort: toPort(getField(fields, 'dpt')),
  });

  const finding = createBaseFinding(context, {
    id: createFindingId(
      externalId === undefined
        ? { vendor, sensor, content: formatCef(record) }
        : { vendor, sensor, eventId: externalId },
    ),
    generatorId: `${vendor}/${product}/${eventClass}`,
    title,
    description,
    severity: { normalized: severity?.normalized ?? 0, original },
    types: [context.options.findingType],
    createdAt: observedAt,
    firstObservedAt: observedAt,
    resources: collectResources(record, vendor, sensor, fields, endpoints),
    companyName: vendor,
    productName: context.options.productName,
    productFields,
    network,
  });
  return { outcome: 'finding' as const, finding, diagnostics };
}

function resolveEventTime(
  record: CefRecord,
  fields: ReadonlyMap<string, string>,
  context: ParserContext<GenericCefParserOptions>,
  diagnostics: Diagnostic[],
): Date {
  const timeOptions =
    context.defaultTimeZone === undefined
      ? { reference: context.now }
      : { reference: context.now, defaultTimeZone: context.defaultTimeZone };
  // The candidates in order, without a list of them per record.
  for (const key of EVENT_TIME_KEYS) {
    const date = readTime(key, nonBlank(fields.get(key)), timeOptions, diagnostics);
    if (date !== undefined) return date;
  }
  const sent = readTime('syslog timestamp', nonBlank(record.prefix?.timestamp), timeOptions, diagnostics);
  return sent ?? context.now;
}

/** The time a source gives, or `undefined` (with a warning when it holds something that is not a time). */
function readTime(
  source: string,
  value: string | undefined,
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[],
): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = parseCefTimestamp(value, options);
  if (parsed.ok && !Number.isNaN(parsed.date.getTime())) return parsed.date;
  diagnostics.push(
    createDiagnostic(
      GENERIC_CEF_DIAGNOSTIC_CODES.invalidTimestamp,
      'warning',
      `The ${source} value ${JSON.stringify(value.slice(0, 64))} is not a timestamp; the next time source was used.`,
    ),
  );
  return undefined;
}

// ProductFields keys of the header fields and of every dictionary key, built once: a record's dictionary
// keys then cost one lookup each. Keys outside the dictionary and labels (names from input) get theirs
// from bounded caches, built once per name rather than concatenated (and hashed as a new string) each time.
// The prefixer's keys are interned strings, which ProductFields templates compare by pointer.
const MAX_CACHED_KEYS = 4096;
const dictionaryKey = createKeyPrefixer('otbridge/cef/', MAX_CACHED_KEYS);
const DEVICE_VENDOR_FIELD = dictionaryKey('deviceVendor');
const DEVICE_PRODUCT_FIELD = dictionaryKey('deviceProduct');
const DEVICE_VERSION_FIELD = dictionaryKey('deviceVersion');
const DEVICE_EVENT_CLASS_ID_FIELD = dictionaryKey('deviceEventClassId');
const SYSLOG_HOST_FIELD = dictionaryKey('syslogHost');
const DICTIONARY_FIELDS: ReadonlyMap<string, string> = new Map(
  [...CEF_DICTIONARY].map(([key, fullName]) => [key, dictionaryKey(fullName)]),
);
const labelKey = createKeyPrefixer('otbridge/cef/label/', MAX_CACHED_KEYS);
const extensionKey = createKeyPrefixer('otbridge/cef/ext/', MAX_CACHED_KEYS);

/**
 * The ProductFields pairs of a record as one flat key/value list (no array per pair), in order: header
 * fields, dictionary keys, labelled custom fields, then the other keys (the budget drops the tail). Each key
 * occurs once: the extensions come from a Map, and the four groups have distinct prefixes.
 */
function collectProductFields(record: CefRecord, fields: ReadonlyMap<string, string>): string[] {
  const entries: string[] = [];
  putField(entries, DEVICE_VENDOR_FIELD, record.deviceVendor);
  putField(entries, DEVICE_PRODUCT_FIELD, record.deviceProduct);
  putField(entries, DEVICE_VERSION_FIELD, record.deviceVersion);
  putField(entries, DEVICE_EVENT_CLASS_ID_FIELD, record.deviceEventClassId);
  putField(entries, SYSLOG_HOST_FIELD, record.prefix?.hostname);
  const labels = resolveCustomLabels(record);
  // The value and label keys of the labelled slots (usually none or a few: a Set only when there are any).
  let folded: Set<string> | undefined;
  if (labels.size > 0) {
    folded = new Set<string>();
    for (const { key } of labels.values()) {
      folded.add(key);
      folded.add(`${key}Label`);
    }
  }
  const unknown: string[] = [];
  for (const [key, value] of fields) {
    if (folded?.has(key)) continue;
    const fieldKey = DICTIONARY_FIELDS.get(key);
    if (fieldKey === undefined) unknown.push(key, value);
    else putField(entries, fieldKey, value);
  }
  for (const [label, { value }] of labels) putField(entries, labelKey(label), value);
  for (let i = 0; i < unknown.length; i += 2)
    putField(entries, extensionKey(unknown[i] as string), unknown[i + 1]);
  return entries;
}

/** The parsed address lists of a record's source and destination. */
interface Endpoints {
  readonly sourceIps: readonly string[];
  readonly sourceMacs: readonly string[];
  readonly destinationIps: readonly string[];
  readonly destinationMacs: readonly string[];
}

function collectResources(
  record: CefRecord,
  vendor: string,
  sensor: string,
  fields: ReadonlyMap<string, string>,
  endpoints: Endpoints,
): Resource[] {
  const resources: Resource[] = [];
  const site = sensor;
  addAsset(resources, {
    name: getField(fields, 'shost'),
    ips: endpoints.sourceIps,
    macs: endpoints.sourceMacs,
    vendor,
    site,
    role: 'actor',
  });
  addAsset(resources, {
    name: getField(fields, 'dhost'),
    ips: endpoints.destinationIps,
    macs: endpoints.destinationMacs,
    vendor,
    site,
    role: 'target',
  });
  if (resources.length === 0) {
    // No asset named: the sensor that reported the event stands in, so Resources is never empty.
    resources.push(
      toOtAssetResource({
        id: sensor,
        name: getField(fields, 'dvchost') ?? nonBlank(record.prefix?.hostname),
        ips: parseIpList(getField(fields, 'dvc') ?? ''),
        macs: parseMacList(getField(fields, 'dvcmac') ?? ''),
        vendor,
        type: 'sensor',
      }),
    );
  }
  return resources.slice(0, 32);
}

/** Adds the asset unless it has no name, IP or MAC. */
function addAsset(resources: Resource[], asset: OtAsset): void {
  if (asset.name === undefined && (asset.ips?.length ?? 0) === 0 && (asset.macs?.length ?? 0) === 0) return;
  resources.push(toOtAssetResource(asset));
}

/** A non-blank extension value, trimmed. */
function getField(fields: ReadonlyMap<string, string>, key: string): string | undefined {
  return nonBlank(fields.get(key));
}

/** Adds a ProductFields pair when the value is not blank. */
function putField(entries: string[], key: string, value: string | undefined): void {
  const text = nonBlank(value);
  if (text !== undefined) entries.push(key, text);
}

function toDirection(value: string | undefined): 'IN' | 'OUT' | undefined {
  if (value === '0' || value?.toLowerCase() === 'inbound') return 'IN';
  if (value === '1' || value?.toLowerCase() === 'outbound') return 'OUT';
  return undefined;
}

function toPort(value: string | undefined): number | undefined {
  const port = value === undefined ? undefined : parseCefInteger(value);
  return port !== undefined && port >= 0 && port <= 65535 ? port : undefined;
}

function nonBlank(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function clip(field: string, value: string, max: number, diagnostics: Diagnostic[]): string {
  const result = truncateUtf16(value, max);
  if (result.truncated) {
    diagnostics.push(
      createDiagnostic(
        GENERIC_CEF_DIAGNOSTIC_CODES.truncated,
        'warning',
        `${field} was cut to ${max} characters.`,
      ),
    );
  }
  return result.value;
}
