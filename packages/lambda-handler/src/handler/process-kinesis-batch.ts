import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AwsSecurityFinding,
  createDiagnostic,
  type Diagnostic,
  defaultProductArn,
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
import { EncodedImportItem, encodeFinding } from '../import/encoded-import-item.js';
import {
  type FindingSettlement,
  type FindingsImporter,
  type ImportSession,
  toOversizedFailure,
} from '../import/findings-importer.js';
import { MAX_FINDING_BYTES, MAX_FINDINGS_PER_CALL, MAX_REQUEST_BYTES } from '../import/pack-findings.js';
import {
  QUARANTINE_SCHEMA_VERSION,
  type QuarantineEntry,
  toKinesisCoordinates,
  toQuarantineObjectKey,
} from '../quarantine/quarantine-object.js';
import { writeQuarantineObject } from '../quarantine/write-quarantine-object.js';
import type { BatchSummary, LineOutcome } from './line-outcome.js';

type LineStatus = 'pending' | 'imported' | 'skipped' | 'quarantined';

// Kept for every line until the checkpoint is known: indices and a status, not the finding or the bytes
// (only lines quarantined while parsing keep their bytes; `finding-rejected` lines re-decode theirs).
interface LineState {
  readonly recordIndex: number;
  readonly subSequenceNumber?: number;
  readonly lineIndex?: number;
  status: LineStatus;
  bytes?: Uint8Array;
  parserId?: string;
  parserVersion?: string;
  findingId?: string;
  reason?: string;
  diagnostics: readonly Diagnostic[];
  errorCode?: string;
  errorMessage?: string;
}

/** One version of a finding Id: the lines it stands for, and its fate once its call is answered. */
interface FindingEntry {
  readonly id: string;
  updatedAt: number;
  readonly lines: LineState[];
  /**
   * The newest version while its call is still open: encoded when its Id first comes (the object is let go
   * at once), or kept as an object when a newer version replaced it (encoded when the call is flushed, so a
   * burst of updates to one Id is serialised once).
   */
  finding?: AwsSecurityFinding | undefined;
  utf8?: Buffer | undefined;
  sent: boolean;
  settlement?: FindingSettlement;
}

// A sent finding travels in its call's item as UTF-8 JSON, serialised once: for its size and as its part of
// the request body.
class EntryItem extends EncodedImportItem {
  readonly entry: FindingEntry;

  constructor(entry: FindingEntry, utf8: Uint8Array) {
    super(entry.id, utf8);
    this.entry = entry;
  }
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
  /** Called once per checkpointed line, in input order. */
  readonly onLineOutcome?: (outcome: LineOutcome) => void;
}

/** Per parser id: distinct Ids imported, lines skipped, lines quarantined (`unknown`: no parser). */
export type VendorCounts = Map<string, { imported: Set<string>; skipped: number; quarantined: number }>;

function normalizeWithSensor(
  line: string | { text: string; diagnostics: Diagnostic[] },
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
  const zone = sensor?.defaultTimeZone ?? config.defaultTimeZone;
  const context = zone === undefined ? baseContext : { ...baseContext, defaultTimeZone: zone };
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

function settleLine(line: LineState, settlement: FindingSettlement): void {
  if (settlement.status === 'accepted') {
    line.status = 'imported';
  } else if (settlement.status === 'permanent') {
    line.status = 'quarantined';
    line.reason = 'finding-rejected';
    line.errorCode = settlement.errorCode;
    line.errorMessage = settlement.errorMessage;
  }
  // retryable: the line stays pending and its record is redelivered.
}

/**
 * Packs findings into calls as lines are normalised and hands each full call to the import session at
 * once, so importing overlaps parsing. Duplicate Ids collapse to the newest `UpdatedAt` (the later on a tie)
 * while their call is open; a newer version after that is sent again in a later call, an older or equal
 * one shares the fate of the version already sent (Security Hub ignores an update that is not newer).
 */
class FindingsPipeline {
  readonly #session: ImportSession<EntryItem>;
  readonly #byId = new Map<string, FindingEntry>();
  #open: FindingEntry[] = [];

  constructor(importer: FindingsImporter, deadline: number) {
    this.#session = importer.openSession<EntryItem>({
      deadline,
      // One full call waiting beside those in flight keeps every slot busy; more would only hold memory.
      maxQueuedCalls: 1,
      onSettled: (item, settlement) => {
        const entry = item.entry;
        entry.settlement = settlement;
        for (const line of entry.lines) settleLine(line, settlement);
      },
    });
  }

  /** Distinct finding Ids seen. */
  get size(): number {
    return this.#byId.size;
  }

  /** Adds a line's finding; resolves when it is safe to go on parsing (back-pressure). */
  add(line: LineState, finding: AwsSecurityFinding): Promise<void> | undefined {
    const id = finding.Id ?? '';
    line.findingId = id;
    const updatedAt = Date.parse(finding.UpdatedAt ?? '');
    const known = this.#byId.get(id);
    if (known !== undefined) {
      if (!known.sent) {
        known.lines.push(line);
        if (!(updatedAt < known.updatedAt)) {
          known.finding = finding;
          known.utf8 = undefined;
          known.updatedAt = updatedAt;
        }
        return undefined;
      }
      if (!(updatedAt > known.updatedAt)) {
        known.lines.push(line);
        if (known.settlement !== undefined) settleLine(line, known.settlement);
        return undefined;
      }
    }
    const flushed = this.#open.length === MAX_FINDINGS_PER_CALL ? this.flush() : undefined;
    const entry: FindingEntry = {
      id,
      updatedAt,
      lines: [line],
      finding: undefined,
      utf8: encodeFinding(finding),
      sent: false,
    };
    this.#byId.set(id, entry);
    this.#open.push(entry);
    return flushed;
  }

  /**
   * Packs the open call (each finding serialised once: when its Id came, or now for a version that replaced
   * it), sets aside findings over 240 KB, splits it where 6 MB would be passed, and submits it; then lets the
   * event loop run so the request goes out while parsing goes on.
   */
  async flush(): Promise<void> {
    if (this.#open.length === 0) return;
    const open = this.#open;
    this.#open = [];
    let call: EntryItem[] = [];
    let callBytes = 0;
    const calls: EntryItem[][] = [];
    for (const entry of open) {
      entry.sent = true;
      const item = new EntryItem(entry, entry.utf8 ?? encodeFinding(entry.finding as AwsSecurityFinding));
      entry.finding = undefined;
      entry.utf8 = undefined;
      if (item.bytes > MAX_FINDING_BYTES) {
        const failure = toOversizedFailure(item);
        this.#session.reject(item, failure.errorCode, failure.errorMessage);
        continue;
      }
      if (call.length > 0 && callBytes + item.bytes + 1 > MAX_REQUEST_BYTES) {
        calls.push(call);
        call = [];
        callBytes = 0;
      }
      call.push(item);
      callBytes += item.bytes + 1;
    }
    if (call.length > 0) calls.push(call);
    for (const full of calls) await this.#session.submit(full);
    await yieldToEventLoop();
  }

  async finish(): ReturnType<ImportSession['finish']> {
    await this.flush();
    return this.#session.finish();
  }
}

/** Decodes, normalises, imports and checkpoints one Kinesis batch (the handler's processing core). */
export async function processKinesisBatch(
  event: KinesisStreamEvent,
  dependencies: BatchProcessorDependencies,
  invocation: BatchInvocation,
): Promise<{ response: KinesisStreamBatchResponse; summary: BatchSummary; vendors: VendorCounts }> {
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
  // Built once: normalizeRecord would otherwise derive the default product ARN for every line.
  const productArn =
    config.productArn ??
    defaultProductArn({
      partition: config.partition,
      region: config.region,
      awsAccountId: dependencies.awsAccountId,
    });
  const decodeOptions =
    config.envelopeKey === undefined
      ? { envelope: config.envelope }
      : { envelope: config.envelope, envelopeKey: config.envelopeKey };
  const normalizeOptions = { strict: config.strict, parserOptions: config.parserOptions };
  const pipeline = new FindingsPipeline(dependencies.importer, invocation.importDeadline);

  // Records not reached before the import deadline stay unfinished (redelivered, decided again then). The
  // first record is always processed, so a poison record at the head is quarantined even when time is short.
  let parsedRecords = 0;
  for (; parsedRecords < records.length; parsedRecords++) {
    if (parsedRecords > 0 && Date.now() >= invocation.importDeadline) break;
    const recordIndex = parsedRecords;
    const payload = (records[recordIndex] as KinesisStreamRecord).kinesis;
    const decoded = dependencies.decode(payload, decodeOptions);
    if (!decoded.ok) {
      lines.push({
        recordIndex,
        status: 'quarantined',
        reason: 'undecodable-record',
        diagnostics: decoded.diagnostics,
      });
      continue;
    }
    const arrival = Number(payload?.approximateArrivalTimestamp);
    // Time comes from the record, so a replayed batch yields byte-identical findings (a no-op upsert).
    const now = new Date(Number.isFinite(arrival) ? arrival * 1000 : 0);
    const sensorContext: NormalizeContext = {
      awsAccountId: dependencies.awsAccountId,
      region: config.region,
      partition: config.partition,
      productArn,
      now,
    };
    // Per-sensor zones are applied per line; otherwise the configured zone is part of the record's context.
    const context: NormalizeContext =
      config.defaultTimeZone === undefined || config.sensors.length > 0
        ? sensorContext
        : { ...sensorContext, defaultTimeZone: config.defaultTimeZone };
    for (const decodedLine of decoded.lines) {
      summary.lines++;
      const state: LineState = {
        recordIndex,
        subSequenceNumber: decodedLine.subSequenceNumber,
        lineIndex: decodedLine.lineIndex,
        status: 'pending',
        diagnostics: decodedLine.line.diagnostics,
      };
      lines.push(state);
      const unwrapped = decodedLine.line;
      if (!unwrapped.ok) {
        state.status = 'quarantined';
        state.reason = 'invalid-envelope';
        state.bytes = decodedLine.bytes;
        continue;
      }
      const input =
        unwrapped.diagnostics.length === 0
          ? unwrapped.text
          : { text: unwrapped.text, diagnostics: [...unwrapped.diagnostics] };
      let result: NormalizeLineResult;
      if (config.sensors.length === 0) {
        result = normalizeLine(input, registry, context, normalizeOptions);
      } else {
        // Per-sensor settings need the syslog host and CEF device fields first: tokenize once, then route.
        try {
          result = normalizeWithSensor(input, unwrapped.hostname, sensorContext, dependencies, sensorOptions);
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
        const backPressure = pipeline.add(state, result.finding);
        if (backPressure !== undefined) await backPressure;
      } else if (result.outcome === 'skipped') {
        state.status = 'skipped';
        state.reason = result.reason;
      } else {
        state.status = 'quarantined';
        state.reason = 'rejected';
        state.bytes = decodedLine.bytes;
      }
    }
  }

  const result = await pipeline.finish();
  summary.findings = pipeline.size;
  summary.findingsImported = result.accepted.length;
  summary.findingsRetryable = result.retryable.length;
  summary.findingsRetried = result.retriedFindings;
  summary.throttledCalls = result.throttledCalls;
  summary.importCalls = result.calls;

  // Kinesis checkpoint semantics: report the earliest record that is not finished; everything before it is done.
  let checkpointIndex: number | undefined = parsedRecords < records.length ? parsedRecords : undefined;
  for (const line of lines) {
    if (line.status === 'pending') {
      if (checkpointIndex === undefined || line.recordIndex < checkpointIndex)
        checkpointIndex = line.recordIndex;
      break; // lines are in record order: the first pending one is the earliest
    }
  }
  const done = (line: LineState): boolean =>
    checkpointIndex === undefined || line.recordIndex < checkpointIndex;

  // Only checkpointed records are quarantined: later ones are redelivered and decided again then.
  const entries: QuarantineEntry[] = [];
  let firstQuarantinedRecord: number | undefined;
  const redecoded = new Map<number, ReturnType<BatchProcessorDependencies['decode']>>();
  for (const line of lines) {
    if (line.status !== 'quarantined' || !done(line)) continue;
    entries.push(
      toEntry(records, line, () => lineBytes(records, line, dependencies, decodeOptions, redecoded)),
    );
    firstQuarantinedRecord ??= line.recordIndex;
  }
  redecoded.clear();
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

  const vendors: VendorCounts = new Map();
  const onLineOutcome = invocation.onLineOutcome;
  for (const line of lines) {
    if (!done(line) || line.status === 'pending') continue;
    if (line.status === 'imported') summary.linesImported++;
    else if (line.status === 'skipped') summary.linesSkipped++;
    else summary.linesQuarantined++;
    const vendor = line.parserId ?? 'unknown';
    let counts = vendors.get(vendor);
    if (counts === undefined) {
      counts = { imported: new Set(), skipped: 0, quarantined: 0 };
      vendors.set(vendor, counts);
    }
    if (line.status === 'imported' && line.findingId !== undefined) counts.imported.add(line.findingId);
    else if (line.status === 'skipped') counts.skipped++;
    else if (line.status === 'quarantined') counts.quarantined++;
    if (onLineOutcome === undefined) continue;
    onLineOutcome({
      sequenceNumber: records[line.recordIndex]?.kinesis.sequenceNumber ?? '',
      outcome: line.status,
      ...(line.subSequenceNumber === undefined ? {} : { subSequenceNumber: line.subSequenceNumber }),
      ...(line.lineIndex === undefined ? {} : { lineIndex: line.lineIndex }),
      ...(line.findingId === undefined ? {} : { findingId: line.findingId }),
      ...(line.parserId === undefined ? {} : { parserId: line.parserId }),
      ...(line.reason === undefined ? {} : { reason: line.reason }),
    });
  }
  const failed = checkpointIndex === undefined ? undefined : records[checkpointIndex];
  return {
    response: {
      batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed.kinesis.sequenceNumber }],
    },
    summary,
    vendors,
  };
}

/** The raw bytes of a quarantined line: kept while parsing, or decoded again (decoding is deterministic). */
function lineBytes(
  records: readonly KinesisStreamRecord[],
  line: LineState,
  dependencies: BatchProcessorDependencies,
  decodeOptions: Parameters<BatchProcessorDependencies['decode']>[1],
  cache: Map<number, ReturnType<BatchProcessorDependencies['decode']>>,
): Uint8Array {
  const payload = records[line.recordIndex]?.kinesis;
  if (line.bytes !== undefined) return line.bytes;
  if (line.lineIndex === undefined) return Buffer.from(String(payload?.data ?? ''), 'base64');
  let decoded = cache.get(line.recordIndex);
  if (decoded === undefined && payload !== undefined) {
    decoded = dependencies.decode(payload, decodeOptions);
    cache.set(line.recordIndex, decoded);
  }
  const match = decoded?.ok
    ? decoded.lines.find(
        (candidate) =>
          candidate.subSequenceNumber === line.subSequenceNumber && candidate.lineIndex === line.lineIndex,
      )
    : undefined;
  return match?.bytes ?? new Uint8Array(0);
}

function toEntry(
  records: readonly KinesisStreamRecord[],
  line: LineState,
  bytes: () => Uint8Array,
): QuarantineEntry {
  const payload = records[line.recordIndex]?.kinesis;
  const data = bytes();
  return {
    reason: (line.reason ?? 'rejected') as QuarantineEntry['reason'],
    sequenceNumber: payload?.sequenceNumber ?? '',
    ...(line.subSequenceNumber === undefined ? {} : { subSequenceNumber: line.subSequenceNumber }),
    ...(line.lineIndex === undefined ? {} : { lineIndex: line.lineIndex }),
    partitionKey: String(payload?.partitionKey ?? ''),
    approximateArrivalTimestamp: Number(payload?.approximateArrivalTimestamp ?? 0),
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
    diagnostics: line.diagnostics,
    ...(line.parserId === undefined
      ? {}
      : { parser: { id: line.parserId, version: line.parserVersion ?? '' } }),
    ...(line.findingId === undefined ? {} : { findingId: line.findingId }),
    ...(line.errorCode === undefined ? {} : { errorCode: line.errorCode }),
    ...(line.errorMessage === undefined ? {} : { errorMessage: line.errorMessage }),
  };
}
