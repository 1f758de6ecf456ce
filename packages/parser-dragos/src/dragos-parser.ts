import {
  type CefRecord,
  type CommonParserOptions,
  createBaseFinding,
  createDiagnostic,
  createFindingId,
  type Diagnostic,
  defineParser,
  formatCef,
  getCefExtension,
  type ParserContext,
  type ParserOutcome,
} from '@otbridge/core';
import { detectDragosDialect } from './detect-dragos-dialect.js';
import { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';
import { mapDragosAssets } from './map-dragos-assets.js';
import {
  classifyDragosNotification,
  createAssetDiscoveryNameSet,
  type DragosEventClass,
  isKnownDragosQuadrant,
} from './map-dragos-event-class.js';
import { readDragosNotification } from './map-dragos-notification.js';
import { mapDragosProductFields } from './map-dragos-product-fields.js';
import { mapDragosSeverity } from './map-dragos-severity.js';
import { mapDragosTimes } from './map-dragos-times.js';
import { mapDragosTypes } from './map-dragos-types.js';

/** Options of the Dragos parser. */
export interface DragosParserOptions extends CommonParserOptions {
  /**
   * Extra notification summaries (CEF Name, compared case-insensitively) to mark as asset discovery, beside
   * the built-in `New IP Address as Source`/`as Destination`, `X509 Certificate Seen for First Time` and the
   * `Asset Characterization …` / `New MAC Address …` families. Dragos's detector catalogue is not public.
   */
  readonly assetDiscoveryNames?: readonly string[];
}

/** Used in the Id when neither the syslog header nor `dvchost` names the sensor. */
export const DRAGOS_UNKNOWN_SENSOR = 'unknown-sensor';

const PARSER_VERSION = '0.1.0';
const SKIP_REASONS: Partial<Record<DragosEventClass, string>> = {
  health:
    'Dragos health/test event (the Dragos Syslog App test message or a platform system event); ' +
    'set includeHealthAndAudit to import it as an INFORMATIONAL finding.',
  audit:
    'Dragos Platform audit event (user logon); set includeHealthAndAudit to import it as an INFORMATIONAL finding.',
};

// The built-in name set is reused while the option is unchanged (options objects are per call, names rarely).
let cachedNames:
  | { readonly extra: readonly string[] | undefined; readonly set: ReadonlySet<string> }
  | undefined;
function assetDiscoveryNameSet(extra: readonly string[] | undefined): ReadonlySet<string> {
  if (cachedNames === undefined || cachedNames.extra !== extra) {
    cachedNames = { extra, set: createAssetDiscoveryNameSet(extra) };
  }
  return cachedNames.set;
}

function resolveSensor(record: CefRecord): string | undefined {
  const hostname = record.prefix?.hostname?.trim();
  if (hostname !== undefined && hostname !== '' && hostname !== '-') return hostname;
  const dvchost = getCefExtension(record, 'dvchost')?.trim();
  return dvchost === undefined || dvchost === '' ? undefined : dvchost;
}

// The record without its syslog prefix: a re-sent notification (new receipt time) keeps its Id.
function hashableContent(record: CefRecord): string {
  return formatCef({
    version: record.version,
    deviceVendor: record.deviceVendor,
    deviceProduct: record.deviceProduct,
    deviceVersion: record.deviceVersion,
    deviceEventClassId: record.deviceEventClassId,
    name: record.name,
    severity: record.severity,
    extensions: record.extensions,
  });
}

// ` -- []` and ` - [].` close 2.x messages: an empty list of extra details, noise in a Description.
function cleanDescription(content: string): string {
  // The pattern ends in `[]` or `[].`: other messages skip the regex, which tries every start position.
  if (!content.endsWith('[]') && !content.endsWith('[].')) return content.trim();
  return content.replace(/\s+-{1,2}\s*\[\]\.?$/, '').trim();
}

function normalizeDragos(record: CefRecord, context: ParserContext<DragosParserOptions>): ParserOutcome {
  const dialect = detectDragosDialect(record);
  if (dialect === undefined) {
    return {
      outcome: 'rejected',
      diagnostics: [
        createDiagnostic(
          DRAGOS_DIAGNOSTIC_CODES.unrecognizedDialect,
          'error',
          'The record carries neither Dragos Platform 2.x keys (externalId, suid, cs3Label ...) nor 1.x keys ' +
            '(id, content, src_asset_ip ...); check the Dragos syslog output format.',
        ),
      ],
    };
  }
  const notification = readDragosNotification(record, dialect);
  const eventClass = classifyDragosNotification(
    notification,
    assetDiscoveryNameSet(context.options.assetDiscoveryNames),
  );
  const isHealthOrAudit = eventClass === 'health' || eventClass === 'audit';
  if (isHealthOrAudit && context.options.includeHealthAndAudit !== true) {
    return { outcome: 'skipped', reason: SKIP_REASONS[eventClass] ?? eventClass, diagnostics: [] };
  }
  const severity = mapDragosSeverity(record.severity, notification.originalSeverity);
  if (!severity.ok) return { outcome: 'rejected', diagnostics: severity.diagnostics };

  // mapDragosSeverity returns a fresh array: this record's diagnostics continue it.
  const diagnostics: Diagnostic[] = severity.diagnostics;
  if (!isKnownDragosQuadrant(notification.quadrant)) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.unknownDetectionQuadrant,
        'warning',
        `detection_quad=${JSON.stringify(notification.quadrant?.slice(0, 60))} is not Configuration, Indicator, ` +
          'Modeling or Threat Behavior; the finding is typed as unassigned.',
      ),
    );
  }
  const sensorName = resolveSensor(record);
  if (sensorName === undefined) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.missingSensor,
        'warning',
        `No syslog hostname or dvchost names the Dragos sensor; the finding Id uses "${DRAGOS_UNKNOWN_SENSOR}". ` +
          'Set "Source Hostname" in the Dragos syslog output.',
      ),
    );
  }
  const sensor = sensorName ?? DRAGOS_UNKNOWN_SENSOR;
  if (notification.eventId === undefined) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.missingEventId,
        'warning',
        `No notification id (${dialect === 'platform-2' ? 'externalId' : 'id'}); the finding Id is a hash of the record.`,
      ),
    );
  }
  const times = mapDragosTimes(notification, record, context);
  diagnostics.push(...times.diagnostics);
  const assets = mapDragosAssets(notification, sensor);
  diagnostics.push(...assets.diagnostics);
  const productFields = mapDragosProductFields({
    notification,
    eventClass,
    deviceVersion: record.deviceVersion,
    sensor: sensorName,
    prefix: record.prefix,
  });
  diagnostics.push(...productFields.diagnostics);

  const title = notification.summary === '' ? 'Dragos notification' : notification.summary;
  const generator =
    notification.detectorId !== undefined
      ? `dragos/detector/${notification.detectorId}`
      : `dragos/notification/${title}`;
  const finding = createBaseFinding(context, {
    id: createFindingId(
      notification.eventId === undefined
        ? { vendor: 'dragos', sensor, content: hashableContent(record) }
        : { vendor: 'dragos', sensor, eventId: notification.eventId },
    ),
    generatorId: generator,
    title,
    description: cleanDescription(notification.content ?? ''),
    severity: { normalized: isHealthOrAudit ? 0 : severity.normalized, original: severity.original },
    types: mapDragosTypes(eventClass, notification),
    createdAt: times.createdAt,
    firstObservedAt: times.observedAt,
    resources: assets.resources,
    companyName: 'Dragos',
    productFields: productFields.fields,
    network: assets.network,
  });
  return { outcome: 'finding', finding, diagnostics };
}

/** The Dragos Platform parser (CEF from Platform 1.x and 2.x syslog output). */
export const dragosParser = defineParser<DragosParserOptions>({
  id: 'dragos',
  packageName: '@otbridge/parser-dragos',
  version: PARSER_VERSION,
  vendor: 'Dragos',
  docsUrl: 'https://github.com/otbridge/otbridge/tree/main/packages/parser-dragos#readme',
  claims: [{ deviceVendor: 'Dragos', deviceProduct: 'Platform' }],
  defaultOptions: { includeHealthAndAudit: false },
  diagnosticCodes: Object.values(DRAGOS_DIAGNOSTIC_CODES),
  // No `matches`: every `Dragos`/`Platform` record is Dragos's to judge, so one without any 1.x or 2.x key
  // is rejected with `dragos/unrecognized-dialect` rather than passed to the generic fallback.
  normalize: normalizeDragos,
});
