/**
 * CloudWatch metric names the handler emits (EMF, namespace `POWERTOOLS_METRICS_NAMESPACE`, default
 * `otbridge`). Vendor-level series carry the dimension `Vendor` (parser id). The deploy package's alarms
 * import these, so a rename here is a breaking change.
 */
export const METRIC_NAMES = {
  /** Kinesis records received. */
  recordsIn: 'RecordsIn',
  /** Syslog lines found in them. */
  linesIn: 'LinesIn',
  /** Findings Security Hub accepted (per vendor). */
  findingsImported: 'FindingsImported',
  /**
   * Lines whose finding Security Hub accepted. It is at least FindingsImported: lines carrying the same
   * vendor alert share one finding.
   */
  linesImported: 'LinesImported',
  /** Lines deliberately skipped by a parser (per vendor). */
  linesSkipped: 'LinesSkipped',
  /** Lines and records written to the quarantine (per vendor; `unknown` when no parser claimed it). */
  linesQuarantined: 'LinesQuarantined',
  /** Findings sent again after a failed attempt. */
  findingsRetried: 'FindingsRetried',
  /** BatchImportFindings calls answered with throttling. */
  throttledCalls: 'ThrottledCalls',
  /** BatchImportFindings calls made. */
  importCalls: 'ImportCalls',
  /** Invocations that reported a partial batch failure (records left for redelivery). */
  partialBatchFailures: 'PartialBatchFailures',
  /** Kinesis records left for redelivery (from the reported sequence number to the end of the batch). */
  recordsRedelivered: 'RecordsRedelivered',
  /** Quarantine writes that failed (the records stay unfinished). */
  quarantineWriteFailures: 'QuarantineWriteFailures',
} as const;

/** The dimension name of vendor-level series (value: the parser id). */
export const METRIC_VENDOR_DIMENSION = 'Vendor';

/** The dimension Powertools Metrics adds to every series (value: `POWERTOOLS_SERVICE_NAME`). */
export const METRIC_SERVICE_DIMENSION = 'service';

/** Default EMF namespace when `POWERTOOLS_METRICS_NAMESPACE` is unset. */
export const DEFAULT_METRICS_NAMESPACE = 'otbridge';

/** Default Powertools service name (the `service` value) when `POWERTOOLS_SERVICE_NAME` is unset. */
export const DEFAULT_SERVICE_NAME = 'otbridge';
