import type { AwsSecurityFinding, RelatedFinding, Resource } from '@aws-sdk/client-securityhub';
import {
  type CefRecord,
  type CommonParserOptions,
  createBaseFinding,
  createDiagnostic,
  createFindingId,
  type Diagnostic,
  defineParser,
  type ParserContext,
  type ParserOutcome,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  toAsffNetwork,
  toOtAssetResource,
} from '@otbridge/core';
import { detectNozomiDialect, type NozomiDialect } from './detect-nozomi-dialect.js';
import { mapNozomiAssets } from './map-nozomi-assets.js';
import { mapNozomiAttack } from './map-nozomi-attack.js';
import { mapNozomiDetail } from './map-nozomi-detail.js';
import { type NozomiFields, readNozomiFields } from './map-nozomi-fields.js';
import { mapNozomiMalwareName } from './map-nozomi-malware.js';
import { mapNozomiParents } from './map-nozomi-parents.js';
import { addProductField, mapNozomiProductFields } from './map-nozomi-product-fields.js';
import { mapNozomiRisk } from './map-nozomi-risk.js';
import { mapNozomiTimes } from './map-nozomi-times.js';
import { mapNozomiTypes } from './map-nozomi-types.js';
import { NOZOMI_PARSER_VERSION } from './version.js';

/** Options of the Nozomi Networks parser. */
export interface NozomiParserOptions extends CommonParserOptions {
  /** Skip alerts that N2OS marks `IsSecurity=false` (operational alerts) instead of importing them (default false). */
  readonly skipNonSecurityAlerts?: boolean;
}

/** Every diagnostic code the Nozomi parser emits. */
export const NOZOMI_DIAGNOSTIC_CODES = [
  'nozomi/missing-type-id',
  'nozomi/invalid-severity',
  'nozomi/invalid-risk',
  'nozomi/invalid-start',
  'nozomi/invalid-syslog-time',
  'nozomi/missing-event-time',
  'nozomi/invalid-parents',
  'nozomi/too-many-parents',
  'nozomi/unknown-type-family',
  'nozomi/missing-sensor',
  'nozomi/product-fields-dropped',
] as const;

/** Parser id, the first segment of every Nozomi finding's Id and GeneratorId. */
export const NOZOMI_PARSER_ID = 'nozomi';

/** Nozomi Networks Guardian / CMC (N2OS) CEF events → ASFF findings. */
export const nozomiParser = defineParser<NozomiParserOptions>({
  id: NOZOMI_PARSER_ID,
  packageName: '@otbridge/parser-nozomi',
  version: NOZOMI_PARSER_VERSION,
  vendor: 'Nozomi Networks',
  docsUrl: 'https://github.com/otbridge/otbridge/tree/main/packages/parser-nozomi#readme',
  claims: [{ deviceVendor: 'Nozomi Networks', deviceProduct: 'N2OS' }],
  defaultOptions: { includeHealthAndAudit: false, skipNonSecurityAlerts: false },
  diagnosticCodes: NOZOMI_DIAGNOSTIC_CODES,
  normalize: normalizeNozomiRecord,
});

function normalizeNozomiRecord(
  record: CefRecord,
  context: ParserContext<NozomiParserOptions>,
): ParserOutcome {
  const dialect = detectNozomiDialect(record);
  if (dialect.typeId === '') {
    return reject(
      createDiagnostic(
        'nozomi/missing-type-id',
        'error',
        'The CEF Signature ID (the N2OS Type ID, e.g. SIGN:MALWARE-DETECTED) is empty; N2OS events are keyed on it.',
      ),
    );
  }
  const fields = readNozomiFields(record);
  if (dialect.eventClass !== 'alert' && context.options.includeHealthAndAudit !== true) {
    return {
      outcome: 'skipped',
      reason: `N2OS ${dialect.eventClass} event ${dialect.typeId}: health and audit events are skipped unless includeHealthAndAudit is set.`,
      diagnostics: [],
    };
  }
  if (
    dialect.eventClass === 'alert' &&
    context.options.skipNonSecurityAlerts === true &&
    fields.isSecurity?.trim().toLowerCase() === 'false'
  ) {
    return {
      outcome: 'skipped',
      reason: `N2OS alert ${dialect.typeId} has IsSecurity=false and skipNonSecurityAlerts is set.`,
      diagnostics: [],
    };
  }
  return buildFinding(record, dialect, fields, context);
}

function buildFinding(
  record: CefRecord,
  dialect: NozomiDialect,
  fields: NozomiFields,
  context: ParserContext<NozomiParserOptions>,
): ParserOutcome {
  const diagnostics: Diagnostic[] = [];
  const ext = fields.extensions;
  const isAlert = dialect.eventClass === 'alert';
  const risk = isAlert
    ? mapNozomiRisk(fields.risk, record.severity)
    : ({
        ok: true,
        normalized: 0,
        original: record.severity.trim(),
        source: 'header',
        diagnostics: [],
      } as const);
  diagnostics.push(...risk.diagnostics);
  if (!risk.ok) return { outcome: 'rejected', diagnostics };
  if (dialect.family === 'other') {
    diagnostics.push(
      createDiagnostic(
        'nozomi/unknown-type-family',
        'warning',
        `Type ID "${dialect.typeId.slice(0, 60)}" has no known N2OS prefix (SIGN:, VI:, INCIDENT:, NET:, PROC:); it is mapped as a generic alert.`,
      ),
    );
  }

  const sensor = pickSensor(record, ext);
  if (sensor === undefined) {
    diagnostics.push(
      createDiagnostic(
        'nozomi/missing-sensor',
        'warning',
        'No dvchost, syslog host or dvc names the sensor; the Id uses "unknown".',
      ),
    );
  }
  const sensorId = sensor ?? 'unknown';
  const times = mapNozomiTimes(record, ext.get('start'), context);
  diagnostics.push(...times.diagnostics);
  const attack = mapNozomiAttack(fields.techniques, fields.tactics);
  const { types, assetDiscovery } = mapNozomiTypes(dialect.typeId, dialect.family, attack);
  const detail = mapNozomiDetail(fields.detail);
  const parents = mapNozomiParents(fields.parents);
  diagnostics.push(...parents.diagnostics);
  const protocol = clean(ext.get('app'));
  const assets = mapNozomiAssets(ext, protocol, sensorId);
  const message = clean(ext.get('msg'));
  const alertId = clean(fields.alertId);

  const id = createFindingId(
    alertId !== undefined
      ? { vendor: NOZOMI_PARSER_ID, sensor: sensorId, eventId: alertId }
      : { vendor: NOZOMI_PARSER_ID, sensor: sensorId, content: contentKey(dialect.typeId, sensorId, ext) },
  );

  const resources: Resource[] = [];
  if (assets.source !== undefined) resources.push(toOtAssetResource(assets.source));
  if (assets.destination !== undefined) resources.push(toOtAssetResource(assets.destination));
  if (resources.length === 0) {
    const dvc = clean(ext.get('dvc'));
    // The same members as the endpoint assets (one object shape for toOtAssetResource).
    resources.push(
      toOtAssetResource({
        id: sensorId,
        name: sensor !== undefined ? sensorId : undefined,
        ips: dvc !== undefined ? [dvc] : undefined,
        macs: undefined,
        zone: undefined,
        type: 'Nozomi Networks sensor',
        vendor: 'nozomi',
        details: undefined,
        site: undefined,
        role: undefined,
      }),
    );
  }

  const network = toAsffNetwork({
    protocol: ext.get('proto'),
    sourceIp: assets.source?.ips?.[0],
    sourcePort: ext.get('spt'),
    sourceMac: assets.source?.macs?.[0],
    destinationIp: assets.destination?.ips?.[0],
    destinationPort: ext.get('dpt'),
  });

  // Documented pairs, most useful first (blank values are left out), as one flat key/value list.
  const pairs: string[] = [];
  if (assetDiscovery) pairs.push(PRODUCT_FIELD_ASSET_DISCOVERY, 'true');
  addProductField(pairs, 'nozomi/type_id', dialect.typeId);
  addProductField(pairs, 'nozomi/event_class', dialect.eventClass);
  addProductField(pairs, 'nozomi/risk', fields.risk);
  addProductField(pairs, 'nozomi/severity', record.severity);
  addProductField(pairs, 'nozomi/is_security', fields.isSecurity);
  addProductField(pairs, 'nozomi/alert_id', alertId);
  addProductField(pairs, 'nozomi/trigger_type', detail.get('trigger_type'));
  addProductField(pairs, 'nozomi/trigger_id', detail.get('trigger_id'));
  addProductField(pairs, 'nozomi/detail', detail.size === 0 ? fields.detail : undefined);
  addProductField(pairs, 'nozomi/parents', fields.parents);
  addProductField(pairs, 'nozomi/mitre_attack_techniques', fields.techniques);
  addProductField(pairs, 'nozomi/mitre_attack_tactics', fields.tactics);
  addProductField(pairs, 'nozomi/name', fields.category);
  addProductField(pairs, 'nozomi/app', protocol);
  addProductField(pairs, 'nozomi/suser', ext.get('suser'));
  addProductField(pairs, 'nozomi/browser', fields.browser);
  addProductField(pairs, 'nozomi/n2os_schema', fields.schema);
  addProductField(pairs, 'nozomi/n2os_version', record.deviceVersion);
  addProductField(pairs, 'nozomi/dvchost', ext.get('dvchost'));
  addProductField(pairs, 'nozomi/dvc', ext.get('dvc'));
  addProductField(pairs, 'nozomi/syslog_host', record.prefix?.hostname);
  addProductField(pairs, 'nozomi/start', ext.get('start'));
  addProductField(pairs, 'nozomi/framing', dialect.framing);
  const productFields = mapNozomiProductFields(pairs, ext, fields.consumedKeys);
  diagnostics.push(...productFields.diagnostics);

  const malwareName =
    dialect.typeId === 'SIGN:MALWARE-DETECTED'
      ? mapNozomiMalwareName(message, detail.get('trigger_id'))
      : undefined;
  const base = createBaseFinding(context, {
    id,
    generatorId: `${NOZOMI_PARSER_ID}/${dialect.typeId}`,
    title: clean(record.name) ?? dialect.typeId,
    description: message,
    severity: { normalized: risk.normalized, original: risk.original },
    types,
    createdAt: times.observedAt,
    updatedAt: times.updatedAt,
    firstObservedAt: times.observedAt,
    lastObservedAt: times.updatedAt,
    resources,
    companyName: 'Nozomi Networks',
    productFields: productFields.fields,
    network,
  });
  // createBaseFinding has mirrored Severity and Types; RelatedFindings is mirrored here, as
  // withFindingProviderFields would do (each parent a separate object in both lists, built in one loop).
  // The base finding is ours: it is added to, not copied (a copy would have the same keys in the same order).
  const finding: AwsSecurityFinding = base;
  if (malwareName !== undefined) finding.Malware = [{ Name: malwareName }];
  if (parents.ids.length > 0) {
    const related: RelatedFinding[] = [];
    const mirrored: RelatedFinding[] = [];
    for (const parent of parents.ids) {
      const parentId = createFindingId({ vendor: NOZOMI_PARSER_ID, sensor: sensorId, eventId: parent });
      related.push({ ProductArn: base.ProductArn, Id: parentId });
      mirrored.push({ ProductArn: base.ProductArn, Id: parentId });
    }
    finding.RelatedFindings = related;
    finding.FindingProviderFields = { ...base.FindingProviderFields, RelatedFindings: mirrored };
  }
  return { outcome: 'finding', finding, diagnostics };
}

/** The sensor that names the finding: `dvchost`, else the syslog host, else `dvc`. */
function pickSensor(record: CefRecord, ext: ReadonlyMap<string, string>): string | undefined {
  return clean(ext.get('dvchost')) ?? clean(record.prefix?.hostname) ?? clean(ext.get('dvc'));
}

/** What identifies an event that has no alert id (`cs3`): Type ID, sensor, endpoints, time and message. */
function contentKey(typeId: string, sensor: string, ext: ReadonlyMap<string, string>): string {
  const parts = [typeId, sensor];
  for (const key of ['src', 'dst', 'smac', 'dmac', 'spt', 'dpt', 'start', 'suser', 'msg'])
    parts.push(ext.get(key) ?? '');
  return parts.join('\u0000');
}

function clean(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function reject(diagnostic: Diagnostic): ParserOutcome {
  return { outcome: 'rejected', diagnostics: [diagnostic] };
}
