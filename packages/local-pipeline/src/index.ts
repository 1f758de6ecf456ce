// The only public barrel of @otbridge/local-pipeline.

export type { CommandIo } from './command/run-local-pipeline-command.js';
export {
  parseLocalPipelineArguments,
  runLocalPipelineCommand,
} from './command/run-local-pipeline-command.js';
export type { EmbeddedS3 } from './destinations/embedded-s3.js';
export { startEmbeddedS3 } from './destinations/embedded-s3.js';
export type { HandlerMetrics } from './handler/emf-metrics.js';
export { createHandlerMetrics, readEmfOutput } from './handler/emf-metrics.js';
export type { HandlerInvoker, HandlerInvokerOptions, InvocationResult } from './handler/handler-invoker.js';
export { createHandlerInvoker, resolveDefaultBundle } from './handler/handler-invoker.js';
export { createKinesisClient, LOCAL_CREDENTIALS } from './kinesis/create-kinesis-client.js';
export type { EmbeddedKinesis } from './kinesis/embedded-kinesis.js';
export { ensureStream, startEmbeddedKinesis } from './kinesis/embedded-kinesis.js';
export type { KinesisWriter, KinesisWriterOptions } from './kinesis/kinesis-writer.js';
export { createKinesisWriter, MAX_EVENT_BYTES } from './kinesis/kinesis-writer.js';
export type { EncodedKinesisRecord } from './kinesis/kpl-aggregator.js';
export { aggregateRecords, createRandomPartitionKey } from './kinesis/kpl-aggregator.js';
export type { StreamLine } from './kinesis/read-stream-lines.js';
export { readStreamLines } from './kinesis/read-stream-lines.js';
export type {
  InvocationReport,
  LocalPipelineOptions,
  PipelineTarget,
} from './pipeline/local-pipeline-options.js';
export { LOCAL_PIPELINE_DEFAULTS } from './pipeline/local-pipeline-options.js';
export { sendSyslogOverTcp, sendSyslogOverUdp } from './pipeline/send-syslog-lines.js';
export type { LocalPipeline } from './pipeline/start-local-pipeline.js';
export { startLocalPipeline } from './pipeline/start-local-pipeline.js';
export { CHECKPOINT_FILE_VERSION, CheckpointStore } from './poller/checkpoint-store.js';
export type {
  InvocationOutcome,
  KinesisPoller,
  KinesisPollerOptions,
  PollerBatchReport,
} from './poller/kinesis-poller.js';
export { MAX_INVOCATION_PAYLOAD_BYTES, startKinesisPoller } from './poller/kinesis-poller.js';
export type {
  BatchResponseDecision,
  LambdaKinesisEvent,
  LambdaKinesisRecord,
} from './poller/lambda-event.js';
export { readBatchResponse } from './poller/lambda-event.js';
export type { FindingsByVendor } from './stats/findings-table.js';
export {
  collectFindings,
  formatFindingsTable,
  SEVERITY_LABELS,
  toFindingVendor,
} from './stats/findings-table.js';
export type { PipelineStats } from './stats/pipeline-stats.js';
export { createPipelineStats, formatStatsLine } from './stats/pipeline-stats.js';
export type { FramerSink } from './syslog/octet-counting-framer.js';
export {
  OctetCountingFramer,
  SYSLOG_MAX_LENGTH_DIGITS,
  SYSLOG_MAX_MESSAGE_BYTES,
} from './syslog/octet-counting-framer.js';
export type { SyslogListener, SyslogListenerOptions, SyslogMessage } from './syslog/syslog-listener.js';
export { DEFAULT_SYSLOG_PORT, startSyslogListener } from './syslog/syslog-listener.js';
export { SYSLOG_MAX_PRIORITY, toFluentdRecord } from './syslog/to-fluentd-record.js';
