import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AwsSecurityFinding,
  createDiagnostic,
  type Diagnostic,
  type NormalizeContext,
  type NormalizeLineResult,
  normalizeLine,
  normalizeRecord,
  type ParserRegistry,
  tokenizeCef,
} from '@otbridge/core';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { HandlerConfig } from '../config/handler-config.js';
import { findSensorSettings, type SensorSettings } from '../config/sensor-settings.js';
import type { FindingsImporter } from '../import/findings-importer.js';
import { collapseDuplicateFindings } from '../import/pack-findings.js';
import {
  QUARANTINE_SCHEMA_VERSION,
  type QuarantineEntry,
  toKinesisCoordinates,
  toQuarantineObjectKey,
} from '../quarantine/quarantine-object.js';
import { writeQuarantineObject } from '../quarantine/write-quarantine-object.js';
import type { BatchSummary, LineOutcome } from './line-outcome.js';

type LineStatus = 'pending' | 'imported' | 'skipped' | 'quarantined';

interface LineState {
  readonly recordIndex: number;
  readonly subSequenceNumber?: number;
  readonly lineIndex?: number;
  readonly bytes: Uint8Array;
  status: LineStatus;
  parserId?: string;
  parserVersion?: string;
  findingId?: string;
  finding?: AwsSecurityFinding;
  reason?: string;
  diagnostics: readonly Diagnostic[];
  quarantine?: QuarantineEntry;
}

/** Everything one invocation needs, built once per cold start. */
export interface BatchProcessorDependencies {
  readonly config: HandlerConfig;
  readonly registry: ParserRegistry;
  readonly importer: FindingsImporter;
  readonly s3: S3Client;
  readonly awsAccountId: string;
  readonly decode: typeof import('../record/decode-kinesis-record.js').decodeKinesisRecord;
}

/** One invocation's inputs beside the event. */
export interface BatchInvocation {
  /** Epoch ms by which imports must stop. */
  readonly importDeadline: number;
  /** Epoch ms by which the quarantine write must finish. */
  readonly quarantineDeadline: number;
  readonly functionArn?: string;
  readonly requestId?: string;
}

function defaultZone(zone: string | undefined): { defaultTimeZone?: string } {
  return zone === undefined ? {} : { defaultTimeZone: zone };
}

function normalizeWithSensor(
  line: { text: string; diagnostics: Diagnostic[] },
  hostname: string | undefined,
  baseContext: NormalizeContext,
  { config, registry }: BatchProcessorDependencies,
  cache: Map<SensorSettings | undefined, Record<string, object>>,
): NormalizeLineResult {
  const tokenized = tokenizeCef(line, { strict: config.strict });
  if (!tokenized.ok) return { outcome: 'rejected', diagnostics: tokenized.diagnostics };
  const sensor = findSensorSettings(config.sensors, { hostname, record: tokenized.record });
  let parserOptions = cache.get(sensor);
  if (parserOptions === undefined) {
    parserOptions = mergeParserOptions(config, sensor);
    cache.set(sensor, parserOptions);
  }
  const context = { ...baseContext, ...defaultZone(sensor?.defaultTimeZone ?? config.defaultTimeZone) };
  const route = registry.route(tokenized.record);
  const diagnostics = [...tokenized.diagnostics, ...route.diagnostics];
  if (route.parser === undefined) return { outcome: 'rejected', diagnostics };
  return normalizeRecord(tokenized.record, route.parser, context, { diagnostics, parserOptions });
}

function mergeParserOptions(
  config: HandlerConfig,
  sensor: SensorSettings | undefined,
): Record<string, object> {
  if (sensor?.parserOptions === undefined) return config.parserOptions as Record<string, object>;
  const merged: Record<string, object> = { ...config.parserOptions };
  for (const [id, options] of Object.entries(sensor.parserOptions))
    merged[id] = { ...merged[id], ...options };
  return merged;
}

/** Decodes, normalises, imports and checkpoints one Kinesis batch (the handler's processing core). */
export async function processKinesisBatch(
  event: KinesisStreamEvent,
  dependencies: BatchProcessorDependencies,
  invocation: BatchInvocation,
): Promise<{ response: KinesisStreamBatchResponse; summary: BatchSummary; outcomes: LineOutcome[] }> {
  const { config, registry } = dependencies;
  const records: readonly KinesisStreamRecord[] = Array.isArray(event?.Records) ? event.Records : [];
  const summary: BatchSummary = {
    records: records.length,
    lines: 0,
    findings: 0,
    findingsImported: 0,
    linesImported: 0,
    linesSkipped: 0,
    linesQuarantined: 0,
    findingsRetryable: 0,
    findingsRetried: 0,
    throttledCalls: 0,
    importCalls: 0,
  };
  const lines: LineState[] = [];
  const sensorOptions = new Map<SensorSettings | undefined, Record<string, object>>();
  const baseContext = {
    awsAccountId: dependencies.awsAccountId,
    region: config.region,
    partition: config.partition,
    ...(config.productArn === undefined ? {} : { productArn: config.productArn }),
  };

  for (const [recordIndex, record] of records.entries()) {
    const payload = record.kinesis;
    const decoded = dependencies.decode(payload, {
      envelope: config.envelope,
      ...(config.envelopeKey === undefined ? {} : { envelopeKey: config.envelopeKey }),
    });
    const arrival = Number(payload?.approximateArrivalTimestamp);
    // Time comes from the record, so a replayed batch yields byte-identical findings (a no-op upsert).
    const now = new Date(Number.isFinite(arrival) ? arrival * 1000 : 0);
    if (!decoded.ok) {
      lines.push({
        recordIndex,
        bytes: Buffer.from(String(payload?.data ?? ''), 'base64'),
        status: 'quarantined',
        reason: 'undecodable-record',
        diagnostics: decoded.diagnostics,
      });
      continue;
    }
    for (const decodedLine of decoded.lines) {
      const state: LineState = {
        recordIndex,
        subSequenceNumber: decodedLine.subSequenceNumber,
        lineIndex: decodedLine.lineIndex,
        bytes: decodedLine.bytes,
        status: 'pending',
        diagnostics: decodedLine.line.diagnostics,
      };
      lines.push(state);
      if (!decodedLine.line.ok) {
        state.status = 'quarantined';
        state.reason = 'invalid-envelope';
        continue;
      }
      const { text, hostname } = decodedLine.line;
      const decodedText = { text, diagnostics: [...decodedLine.line.diagnostics] };
      let result: NormalizeLineResult;
      if (config.sensors.length === 0) {
        const context: NormalizeContext = { ...baseContext, now, ...defaultZone(config.defaultTimeZone) };
        result = normalizeLine(decodedText, registry, context, {
          strict: config.strict,
          parserOptions: config.parserOptions,
        });
      } else {
        // Per-sensor settings need the syslog host and CEF device fields first: tokenize once, then route.
        try {
          result = normalizeWithSensor(
            decodedText,
            hostname,
            { ...baseContext, now },
            dependencies,
            sensorOptions,
          );
        } catch (error) {
          const diagnostic = createDiagnostic(
            'lambda/internal-error',
            'error',
            `Routing failed unexpectedly: ${String(error)}`,
          );
          result = { outcome: 'rejected', diagnostics: [diagnostic] };
        }
      }
      state.diagnostics = result.diagnostics;
      if (result.parser !== undefined) {
        state.parserId = result.parser.id;
        state.parserVersion = result.parser.version;
      }
      if (result.outcome === 'finding') {
        state.finding = result.finding;
        state.findingId = result.finding.Id ?? '';
      } else if (result.outcome === 'skipped') {
        state.status = 'skipped';
        state.reason = result.reason;
      } else {
        state.status = 'quarantined';
        state.reason = 'rejected';
      }
    }
  }
  summary.lines = lines.filter((line) => line.lineIndex !== undefined).length;

  // Lines carrying the same alert share one finding; the newest version is sent.
  const withFindings = lines.filter((line) => line.finding !== undefined);
  const byId = collapseDuplicateFindings(withFindings, (line) => line.finding as AwsSecurityFinding);
  summary.findings = byId.size;
  if (byId.size > 0) {
    const result = await dependencies.importer.importFindings(
      [...byId.values()].map((entry) => entry.newest.finding as AwsSecurityFinding),
      { deadline: invocation.importDeadline },
    );
    summary.findingsImported = result.accepted.length;
    summary.findingsRetryable = result.retryable.length;
    summary.findingsRetried = result.retriedFindings;
    summary.throttledCalls = result.throttledCalls;
    summary.importCalls = result.calls;
    for (const id of result.accepted) for (const line of byId.get(id)?.all ?? []) line.status = 'imported';
    for (const failure of result.permanent) {
      for (const line of byId.get(failure.id)?.all ?? []) {
        line.status = 'quarantined';
        line.reason = 'finding-rejected';
        line.quarantine = toEntry(records, line, {
          errorCode: failure.errorCode,
          errorMessage: failure.errorMessage,
        });
      }
    }
  }

  // Kinesis checkpoint semantics: report the earliest record that is not finished; everything before it is done.
  let checkpointIndex: number | undefined;
  for (const line of lines) {
    if (line.status === 'pending' && (checkpointIndex === undefined || line.recordIndex < checkpointIndex)) {
      checkpointIndex = line.recordIndex;
    }
  }
  const done = (line: LineState): boolean =>
    checkpointIndex === undefined || line.recordIndex < checkpointIndex;

  // Only checkpointed records are quarantined: later ones are redelivered and decided again then.
  const entries: QuarantineEntry[] = [];
  let firstQuarantinedRecord: number | undefined;
  for (const line of lines) {
    if (line.status !== 'quarantined' || !done(line)) continue;
    line.quarantine ??= toEntry(records, line, {});
    entries.push(line.quarantine);
    firstQuarantinedRecord ??= line.recordIndex;
  }
  const first = records[0];
  if (entries.length > 0 && first !== undefined) {
    const { streamName, shardId } = toKinesisCoordinates(
      String(first.eventSourceARN ?? ''),
      String(first.eventID ?? ''),
    );
    const lastIndex = (checkpointIndex ?? records.length) - 1;
    const key = toQuarantineObjectKey({
      prefix: config.quarantinePrefix,
      streamName,
      shardId,
      firstSequenceNumber: first.kinesis.sequenceNumber,
    });
    try {
      await writeQuarantineObject(dependencies.s3, {
        bucket: config.quarantineBucket,
        key,
        deadline: invocation.quarantineDeadline,
        object: {
          schemaVersion: QUARANTINE_SCHEMA_VERSION,
          eventSourceArn: String(first.eventSourceARN ?? ''),
          streamName,
          shardId,
          firstSequenceNumber: first.kinesis.sequenceNumber,
          lastSequenceNumber: records[lastIndex]?.kinesis.sequenceNumber ?? first.kinesis.sequenceNumber,
          writtenAt: new Date().toISOString(),
          ...(invocation.functionArn === undefined ? {} : { functionArn: invocation.functionArn }),
          ...(invocation.requestId === undefined ? {} : { requestId: invocation.requestId }),
          entries,
        },
      });
      summary.quarantineKey = key;
    } catch (error) {
      // Never drop a poison record: without its quarantine copy it stays unfinished and is redelivered.
      checkpointIndex = firstQuarantinedRecord;
      (summary as { quarantineError?: unknown }).quarantineError = error;
    }
  }
  if (checkpointIndex !== undefined) summary.checkpointIndex = checkpointIndex;

  const outcomes: LineOutcome[] = [];
  for (const line of lines) {
    if (!done(line) || line.status === 'pending') continue;
    const record = records[line.recordIndex];
    const outcome: LineOutcome = {
      sequenceNumber: record?.kinesis.sequenceNumber ?? '',
      outcome: line.status,
      ...(line.subSequenceNumber === undefined ? {} : { subSequenceNumber: line.subSequenceNumber }),
      ...(line.lineIndex === undefined ? {} : { lineIndex: line.lineIndex }),
      ...(line.findingId === undefined ? {} : { findingId: line.findingId }),
      ...(line.parserId === undefined ? {} : { parserId: line.parserId }),
      ...(line.reason === undefined ? {} : { reason: line.reason }),
    };
    outcomes.push(outcome);
    if (line.status === 'imported') summary.linesImported++;
    else if (line.status === 'skipped') summary.linesSkipped++;
    else summary.linesQuarantined++;
  }
  const failed = checkpointIndex === undefined ? undefined : records[checkpointIndex];
  return {
    response: {
      batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed.kinesis.sequenceNumber }],
    },
    summary,
    outcomes,
  };
}

function toEntry(
  records: readonly KinesisStreamRecord[],
  line: LineState,
  extra: { errorCode?: string; errorMessage?: string },
): QuarantineEntry {
  const payload = records[line.recordIndex]?.kinesis;
  return {
    reason: (line.reason ?? 'rejected') as QuarantineEntry['reason'],
    sequenceNumber: payload?.sequenceNumber ?? '',
    ...(line.subSequenceNumber === undefined ? {} : { subSequenceNumber: line.subSequenceNumber }),
    ...(line.lineIndex === undefined ? {} : { lineIndex: line.lineIndex }),
    partitionKey: String(payload?.partitionKey ?? ''),
    approximateArrivalTimestamp: Number(payload?.approximateArrivalTimestamp ?? 0),
    data: Buffer.from(line.bytes).toString('base64'),
    diagnostics: line.diagnostics,
    ...(line.parserId === undefined
      ? {}
      : { parser: { id: line.parserId, version: line.parserVersion ?? '' } }),
    ...(line.findingId === undefined ? {} : { findingId: line.findingId }),
    ...(extra.errorCode === undefined ? {} : { errorCode: extra.errorCode }),
    ...(extra.errorMessage === undefined ? {} : { errorMessage: extra.errorMessage }),
  };
}
