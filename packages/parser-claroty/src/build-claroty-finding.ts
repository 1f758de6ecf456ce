import type { AwsSecurityFinding, Network, Resource } from '@aws-sdk/client-securityhub';
import {
  type CefRecord,
  createBaseFinding,
  createDiagnostic,
  createFindingId,
  type Diagnostic,
  type NormalizeContext,
  type ParserOutcome,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  parseCefTimestamp,
  parseMacList,
  toAsffNetwork,
  toOtAssetResource,
  toProductFieldsFromLists,
} from '@otbridge/core';
import { CLAROTY_DIAGNOSTIC_CODES } from './claroty-diagnostic-codes.js';
import type { ClarotyEvent } from './claroty-event.js';

/** The parser id, also the Id's vendor segment and the GeneratorId prefix. */
export const CLAROTY_PARSER_ID = 'claroty';

/** Security Hub's max Vulnerabilities per finding is not documented tightly; keep a few. */
const MAX_VULNERABILITIES = 16;

/**
 * Turns a dialect-neutral `ClarotyEvent` into a finding: Id from the vendor id (content hash without
 * one), times from the vendor (`UpdatedAt` also from the syslog header, the later of the two, so a
 * resend that resolves an alert lands as an update), `RecordState: ARCHIVED` when the vendor resolved it.
 */
export function buildClarotyFinding(
  record: CefRecord,
  event: ClarotyEvent,
  context: NormalizeContext,
): ParserOutcome {
  const diagnostics: Diagnostic[] = [...event.diagnostics];
  const sensor = event.site ?? record.prefix?.hostname ?? 'unknown-site';

  if (event.eventId === undefined && event.kind === 'finding') {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.missingEventId,
        'warning',
        `The ${event.eventClass} carries no Claroty id; its finding Id is a content hash, so a later update of it (e.g. resolved) will not find it.`,
      ),
    );
  }
  if (!event.severity.known) {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.unknownSeverity,
        'warning',
        `Severity "${event.severity.original.slice(0, 64)}" is not a Claroty severity word or a 0-10 number; MEDIUM was used.`,
      ),
    );
  }

  const reference: { reference: Date; defaultTimeZone?: string } = { reference: context.now };
  if (context.defaultTimeZone !== undefined) reference.defaultTimeZone = context.defaultTimeZone;
  const eventTime = readTime(event.eventTime, reference, diagnostics);
  const sentTime = readTime(record.prefix?.timestamp, reference, undefined);
  if (eventTime === undefined && sentTime === undefined && event.eventTime === undefined) {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.missingEventTime,
        'warning',
        'The record has no vendor time and no syslog timestamp; the processing time was used.',
      ),
    );
  }
  const createdAt = eventTime ?? sentTime ?? context.now;
  const updatedAt = sentTime !== undefined && sentTime > createdAt ? sentTime : createdAt;

  const informational = event.kind !== 'finding';
  // Blank values are left out here (not reported as dropped), in one pass without a filtered copy; one flat
  // key/value list, no array per pair.
  const entries: string[] = [];
  if (event.assetDiscovery) entries.push(PRODUCT_FIELD_ASSET_DISCOVERY, 'true');
  pushNonBlank(entries, 'claroty/dialect', event.dialect);
  pushNonBlank(entries, 'claroty/event_class', event.eventClass);
  pushNonBlank(entries, 'claroty/device_product', record.deviceProduct);
  pushNonBlank(entries, 'claroty/device_version', record.deviceVersion);
  pushNonBlank(entries, 'claroty/signature_id', record.deviceEventClassId);
  if (event.resolved) entries.push('claroty/resolved', 'true');
  // The mappers' pairs hold present() values only (trimmed, never blank): read after these, not copied.
  const productFields = toProductFieldsFromLists([entries, ...event.productFields]);
  if (productFields.dropped.length > 0) {
    diagnostics.push(
      createDiagnostic(
        CLAROTY_DIAGNOSTIC_CODES.productFieldsDropped,
        'warning',
        `ProductFields budget reached; left out: ${productFields.dropped.join(', ').slice(0, 900)}.`,
      ),
    );
  }

  const resources: Resource[] = event.assets.map(toOtAssetResource);
  if (resources.length === 0) {
    resources.push(
      toOtAssetResource({
        id: `site/${sensor}`,
        name: sensor,
        type: 'Claroty site',
        vendor: CLAROTY_PARSER_ID,
      }),
    );
  }

  const base = createBaseFinding(context, {
    id: createFindingId(
      event.eventId !== undefined
        ? { vendor: CLAROTY_PARSER_ID, sensor, eventId: event.eventId }
        : { vendor: CLAROTY_PARSER_ID, sensor, content: contentOf(record) },
    ),
    generatorId: `${CLAROTY_PARSER_ID}/${event.generator}`,
    title: event.title,
    description: event.description,
    severity: {
      normalized: informational ? 0 : event.severity.normalized,
      original: event.severity.original,
    },
    types: event.types,
    createdAt,
    updatedAt,
    firstObservedAt: createdAt,
    resources,
    companyName: 'Claroty',
    productFields: productFields.fields,
    network: toNetwork(event),
    sourceUrl: event.sourceUrl,
    recordState: event.resolved ? 'ARCHIVED' : 'ACTIVE',
  });
  // The base finding is ours: add to it (same key order as a copy) rather than copy all of it.
  const finding: AwsSecurityFinding = base;
  finding.Workflow = { Status: event.resolved ? 'RESOLVED' : 'NEW' };
  if (event.vulnerabilityIds.length > 0) {
    finding.Vulnerabilities = event.vulnerabilityIds.slice(0, MAX_VULNERABILITIES).map((id) => ({ Id: id }));
  }
  return { outcome: 'finding', finding, diagnostics };
}

function pushNonBlank(entries: string[], key: string, value: string): void {
  if (value.trim() !== '') entries.push(key, value);
}

// The source MAC is normalised (`aa:bb:cc:dd:ee:ff`) first; a value that is no MAC is left out.
function toNetwork(event: ClarotyEvent): Network | undefined {
  const input = event.network;
  if (input === undefined) return undefined;
  const sourceMac = input.sourceMac === undefined ? undefined : parseMacList(input.sourceMac)[0];
  return toAsffNetwork(sourceMac === input.sourceMac ? input : { ...input, sourceMac });
}

function readTime(
  value: string | undefined,
  options: { reference: Date; defaultTimeZone?: string },
  diagnostics: Diagnostic[] | undefined,
): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = parseCefTimestamp(value, options);
  if (parsed.ok) return parsed.date;
  diagnostics?.push(
    createDiagnostic(
      CLAROTY_DIAGNOSTIC_CODES.invalidEventTime,
      'warning',
      `Event time "${value.slice(0, 64)}" is in no known form; the syslog or processing time was used.`,
    ),
  );
  return undefined;
}

// The hash fallback covers what identifies the event, not the syslog envelope (host/time of sending).
function contentOf(record: CefRecord): string {
  const header = [
    record.deviceVendor,
    record.deviceProduct,
    record.deviceEventClassId,
    record.name,
    record.severity,
  ];
  return JSON.stringify([header, record.extensions]);
}
