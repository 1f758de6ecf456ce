// The only public barrel of @otbridge/lambda-handler. The bundled Lambda entry is src/lambda.ts.

export type { AwsClientSettings, AwsStaticCredentials } from './aws/create-aws-clients.js';
export { createS3Client, createSecurityHubClient } from './aws/create-aws-clients.js';
export { ConfigurationError } from './config/configuration-error.js';
export type { HandlerConfig } from './config/handler-config.js';
export { CONFIG_VARIABLES, parseHandlerConfig } from './config/handler-config.js';
export type { SensorMatch, SensorSettings } from './config/sensor-settings.js';
export { findSensorSettings, parseSensorSettings } from './config/sensor-settings.js';
export type {
  FluentdRecordFields,
  FluentdSourceOptions,
  FluentdSourceTls,
} from './envelope/fluentd-envelope.js';
export {
  ENVELOPE_HOST_KEYS,
  ENVELOPE_MESSAGE_KEYS,
  encodeFluentdRecord,
  FLUENTD_RECORD_KEYS,
  FluentdSourceConfigError,
  renderFluentdSourceConfig,
  SYSLOG_FACILITY_NAMES,
  SYSLOG_SEVERITY_NAMES,
  toSyslogPriority,
} from './envelope/fluentd-envelope.js';
export type { EnvelopeMode, UnwrapEnvelopeOptions, UnwrappedLine } from './envelope/unwrap-envelope.js';
export { unwrapEnvelope } from './envelope/unwrap-envelope.js';
export type { KinesisHandler, KinesisHandlerOptions } from './handler/create-kinesis-handler.js';
export { createKinesisHandler } from './handler/create-kinesis-handler.js';
export type { InvocationContext } from './handler/invocation-context.js';
export { createInvocationContext, toAccountIdFromArn } from './handler/invocation-context.js';
export type { BatchSummary, LineOutcome } from './handler/line-outcome.js';
export { computeBackoffDelay } from './import/backoff.js';
export type { CallErrorClass } from './import/classify-error.js';
export {
  classifyCallError,
  isPermanentFindingError,
  PERMANENT_FINDING_ERROR_CODES,
} from './import/classify-error.js';
export type {
  FindingFailure,
  FindingSettlement,
  FindingsImporter,
  FindingsImporterOptions,
  ImportFindingsResult,
  ImportSession,
  ImportSessionOptions,
} from './import/findings-importer.js';
export { createFindingsImporter, toOversizedFailure } from './import/findings-importer.js';
export type { ImportItem, SizedFinding } from './import/pack-findings.js';
export {
  collapseDuplicateFindings,
  MAX_FINDING_BYTES,
  MAX_FINDINGS_PER_CALL,
  MAX_REQUEST_BYTES,
  packFindings,
  toBatchImportBody,
  toSizedFinding,
} from './import/pack-findings.js';
export { createBatchImportCommand, SERIALIZED_BODY_MIDDLEWARE } from './import/batch-import-command.js';
export type { RateLimiter, RateLimiterOptions } from './import/rate-limiter.js';
export { createRateLimiter } from './import/rate-limiter.js';
export {
  DEFAULT_METRICS_NAMESPACE,
  DEFAULT_SERVICE_NAME,
  METRIC_NAMES,
  METRIC_SERVICE_DIMENSION,
  METRIC_VENDOR_DIMENSION,
} from './metrics/metric-names.js';
export type {
  QuarantineEntry,
  QuarantineKeyInput,
  QuarantineObject,
  QuarantineReason,
} from './quarantine/quarantine-object.js';
export {
  QUARANTINE_SCHEMA_VERSION,
  toKinesisCoordinates,
  toQuarantineObjectKey,
} from './quarantine/quarantine-object.js';
export { QUARANTINE_WRITE_ATTEMPTS, writeQuarantineObject } from './quarantine/write-quarantine-object.js';
export type {
  DecodedRecordLine,
  DecodeKinesisRecordOptions,
  DecodeKinesisRecordResult,
} from './record/decode-kinesis-record.js';
export {
  decodeKinesisRecord,
  decompressRecordData,
  MAX_DECOMPRESSED_RECORD_BYTES,
} from './record/decode-kinesis-record.js';
export {
  LAMBDA_BUNDLE_EXTERNAL_PACKAGES,
  LAMBDA_BUNDLE_MAIN_FIELDS,
  LAMBDA_BUNDLE_REQUIRE_BANNER,
} from './bundle/lambda-bundle-options.js';
