import {
  type CefRecord,
  type CommonParserOptions,
  createBaseFinding,
  createDiagnostic,
  createFindingId,
  defineParser,
  getCefExtension,
  getCustomField,
  mapCefSeverity,
  type ParserContext,
  type ParserOutcome,
  parseCefTimestamp,
  parseIpList,
  toFindingType,
  toOtAssetResource,
  toProductFields,
} from '@otbridge/core';

/** Options of the Acme Sentry parser. */
export interface AcmeParserOptions extends CommonParserOptions {
  /** Health events become INFORMATIONAL findings instead of skips. */
  readonly includeHealthAndAudit: boolean;
  /** The ASFF category for alerts. */
  readonly alertCategory: string;
}

/** Diagnostic codes are API: list every one in `diagnosticCodes`. */
export const ACME_CODES = {
  missingAlertId: 'acme/missing-alert-id',
  unknownSeverity: 'acme/unknown-severity',
} as const;

/** Acme Industrial Sentry: alerts (`alert:<kind>`) and health pings (`health:<kind>`) over CEF. */
export const acmeParser = defineParser<AcmeParserOptions>({
  id: 'acme',
  packageName: '@example/otbridge-parser-acme',
  version: '1.0.0',
  vendor: 'Acme Industrial',
  docsUrl: 'https://example.com/docs/sentry/cef',
  claims: [{ deviceVendor: 'Acme Industrial', deviceProduct: 'Sentry' }],
  defaultOptions: { includeHealthAndAudit: false, alertCategory: 'Network Flow' },
  diagnosticCodes: Object.values(ACME_CODES),
  // Cheap: look at the header only. A `false` sends the record to the generic parser with a warning.
  matches: (record) => /^(alert|health):/.test(record.deviceEventClassId),
  normalize: normalizeAcme,
});

function normalizeAcme(record: CefRecord, context: ParserContext<AcmeParserOptions>): ParserOutcome {
  const isHealth = record.deviceEventClassId.startsWith('health:');
  if (isHealth && !context.options.includeHealthAndAudit) {
    return { outcome: 'skipped', reason: `health event ${record.deviceEventClassId}`, diagnostics: [] };
  }
  const alertId = getCefExtension(record, 'externalId');
  if (!isHealth && (alertId === undefined || alertId.trim() === '')) {
    const diagnostic = createDiagnostic(
      ACME_CODES.missingAlertId,
      'error',
      'Alert has no externalId; enable "send alert ids" on the sensor.',
    );
    return { outcome: 'rejected', diagnostics: [diagnostic] };
  }
  const severity = isHealth ? { normalized: 0, original: record.severity } : mapCefSeverity(record.severity);
  if (severity === undefined) {
    const diagnostic = createDiagnostic(
      ACME_CODES.unknownSeverity,
      'error',
      `Severity "${record.severity}" is not 0-10.`,
    );
    return { outcome: 'rejected', diagnostics: [diagnostic] };
  }

  const sensor = getCefExtension(record, 'dvchost') ?? record.prefix?.hostname ?? 'unknown-sensor';
  const rt = getCefExtension(record, 'rt');
  const time =
    rt === undefined ? undefined : parseCefTimestamp(rt, { reference: context.now, ...timeZone(context) });
  const observedAt = time?.ok === true ? time.date : context.now;
  const zone = getCustomField(record, 'Zone');
  const { fields } = toProductFields([
    ['acme/sentry/eventClass', record.deviceEventClassId],
    ...(zone === undefined ? [] : ([['acme/sentry/zone', zone]] as const)),
  ]);
  const assets = [
    { ips: parseIpList(getCefExtension(record, 'src') ?? ''), role: 'actor' as const },
    { ips: parseIpList(getCefExtension(record, 'dst') ?? ''), role: 'target' as const },
  ].filter((asset) => asset.ips.length > 0);
  const resources =
    assets.length > 0
      ? assets.map((asset) => toOtAssetResource({ ...asset, vendor: 'acme', site: sensor }))
      : [toOtAssetResource({ name: sensor, type: 'sensor', vendor: 'acme' })];

  const finding = createBaseFinding(context, {
    id: createFindingId({
      vendor: 'acme',
      sensor,
      eventId: alertId ?? `${record.deviceEventClassId}@${rt ?? ''}`,
    }),
    generatorId: `acme/sentry/${record.deviceEventClassId}`,
    title: record.name,
    description: getCefExtension(record, 'msg'),
    severity,
    types: [
      toFindingType('Unusual Behaviors', isHealth ? 'Application' : context.options.alertCategory) ??
        'Unusual Behaviors',
    ],
    createdAt: observedAt,
    firstObservedAt: observedAt,
    resources,
    companyName: 'Acme Industrial',
    productFields: fields,
  });
  // A bad time is not worth losing the alert over: keep its diagnostics as warnings.
  const warnings =
    time?.ok === false ? time.diagnostics.map((d) => createDiagnostic(d.code, 'warning', d.message)) : [];
  return { outcome: 'finding', finding, diagnostics: warnings };
}

function timeZone(context: ParserContext<AcmeParserOptions>): { defaultTimeZone?: string } {
  return context.defaultTimeZone === undefined ? {} : { defaultTimeZone: context.defaultTimeZone };
}
