import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createParserRegistry, genericCefParser, type RegisteredParser } from '@otbridge/core';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { AwsCredentialsSource } from '../aws/send-signed-request.js';
import { ConfigurationError } from '../config/configuration-error.js';
import { CONFIG_VARIABLES, type HandlerConfig, parseHandlerConfig } from '../config/handler-config.js';
import { createFindingsImporter, type FindingsImporter } from '../import/findings-importer.js';
import { createRateLimiter } from '../import/rate-limiter.js';
import {
  createSecurityHubTransport,
  type SecurityHubTransport,
  toSecurityHubTransport,
} from '../import/security-hub-transport.js';
import { DEFAULT_METRICS_NAMESPACE, METRIC_NAMES, METRIC_VENDOR_DIMENSION } from '../metrics/metric-names.js';
import {
  createS3QuarantineStore,
  type QuarantineStore,
  toQuarantineStore,
} from '../quarantine/quarantine-store.js';
import { decodeKinesisRecord } from '../record/decode-kinesis-record.js';
import { type InvocationContext, toAccountIdFromArn } from './invocation-context.js';
import type { BatchSummary, LineOutcome } from './line-outcome.js';
import { processKinesisBatch, type VendorCounts } from './process-kinesis-batch.js';

type RegistryParsers = Parameters<typeof createParserRegistry>[0];

/** Options for `createKinesisHandler`. */
export interface KinesisHandlerOptions {
  /** Vendor parsers, registered statically; third-party parsers go beside ours. */
  readonly parsers: RegistryParsers;
  /** The parser for records no vendor parser claims; `false` rejects them. Default `genericCefParser`. */
  readonly fallback?: RegisteredParser | false;
  /** Environment to read configuration from (default `process.env`), validated on the first invocation. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Where findings go: a transport, or an SDK client whose Region, endpoint and credentials are used.
   * Default: signed keep-alive HTTPS to the configured endpoint with the environment's credentials.
   */
  readonly securityHubClient?: SecurityHubClient | SecurityHubTransport;
  /**
   * Credentials of the default transport and quarantine store (static or a provider). Default: the
   * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` variables Lambda sets for the role. For
   * profiles or SSO, pass SDK clients (`securityHubClient`, `s3Client`): their credential chain is used.
   */
  readonly credentials?: AwsCredentialsSource;
  /** Where quarantine objects go (default: signed S3 PUTs with the Security Hub client's credentials). */
  readonly quarantineStore?: QuarantineStore;
  /** An SDK S3 client whose Region, endpoint and credentials the quarantine writes use (`quarantineStore` wins). */
  readonly s3Client?: S3Client;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Called once per checkpointed line (local pipeline, tests). */
  readonly onLineOutcome?: (outcome: LineOutcome) => void;
  /** Called after each invocation with its counts. */
  readonly onSummary?: (summary: BatchSummary) => void;
}

/** A Kinesis-triggered Lambda handler returning a partial batch response. */
export type KinesisHandler = (
  event: KinesisStreamEvent,
  context: InvocationContext | Context,
) => Promise<KinesisStreamBatchResponse>;

interface Runtime {
  readonly config: HandlerConfig;
  readonly importer: FindingsImporter;
  readonly quarantine: QuarantineStore;
}

/**
 * Builds the handler. The parser registry is checked now (cold start: a conflict throws naming both
 * packages); configuration is validated on the first invocation, which fails with the variable's name.
 */
export function createKinesisHandler(options: KinesisHandlerOptions): KinesisHandler {
  const registry = createParserRegistry(options.parsers, { fallback: options.fallback ?? genericCefParser });
  const environment = options.environment ?? process.env;
  const logger =
    options.logger ?? new Logger({ serviceName: environment.POWERTOOLS_SERVICE_NAME ?? 'otbridge' });
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: environment.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
      serviceName: environment.POWERTOOLS_SERVICE_NAME ?? 'otbridge',
    });
  let runtime: Runtime | undefined;
  let configError: ConfigurationError | undefined;

  const getRuntime = (): Runtime => {
    if (runtime !== undefined) return runtime;
    if (configError !== undefined) throw configError;
    try {
      const config = parseHandlerConfig(environment);
      const securityHub =
        options.securityHubClient === undefined
          ? createSecurityHubTransport({
              region: config.region,
              ...(config.securityHubEndpoint === undefined ? {} : { endpoint: config.securityHubEndpoint }),
              ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
            })
          : toSecurityHubTransport(options.securityHubClient);
      const importer = createFindingsImporter({
        client: securityHub,
        rateLimiter: createRateLimiter({
          ratePerSecond: config.rateLimitCallsPerSecond,
          burst: config.rateLimitBurst,
        }),
        maxAttempts: config.maxAttempts,
        backoffBaseMs: config.backoffBaseMs,
        backoffMaxMs: config.backoffMaxMs,
        concurrency: config.importConcurrency,
        requestTimeoutMs: config.requestTimeoutMs,
      });
      const quarantine =
        options.quarantineStore ??
        (options.s3Client === undefined
          ? createS3QuarantineStore({
              region: config.region,
              ...(config.s3Endpoint === undefined ? {} : { endpoint: config.s3Endpoint }),
              ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
            })
          : toQuarantineStore(options.s3Client));
      runtime = { config, importer, quarantine };
      return runtime;
    } catch (error) {
      if (error instanceof ConfigurationError) {
        configError = error;
        logger.error('Invalid configuration', { variable: error.variable, error: error.message });
      }
      throw error;
    }
  };

  return async (event, context) => {
    const { config, importer, quarantine } = getRuntime();
    const awsAccountId = config.awsAccountId ?? toAccountIdFromArn(context.invokedFunctionArn);
    if (awsAccountId === undefined) {
      throw new ConfigurationError(
        CONFIG_VARIABLES.awsAccountId,
        'is required when the invoked function ARN carries no account id (local runs).',
      );
    }
    const start = Date.now();
    const remaining = context.getRemainingTimeInMillis();
    const margin = config.timeSafetyMarginMs;
    const onLineOutcome = options.onLineOutcome;
    // Per-line outcome objects are only built for a listener or for DEBUG logs of quarantined lines.
    const debug = logger.getLevelName() === 'DEBUG';
    const { response, summary, vendors } = await processKinesisBatch(
      event,
      { config, registry, importer, quarantine, awsAccountId, decode: decodeKinesisRecord },
      {
        importDeadline: start + remaining - margin,
        quarantineDeadline: start + remaining - Math.floor(margin / 4),
        functionArn: context.invokedFunctionArn,
        requestId: context.awsRequestId,
        ...(onLineOutcome === undefined && !debug
          ? {}
          : {
              onLineOutcome: (outcome: LineOutcome) => {
                if (debug && outcome.outcome === 'quarantined') {
                  logger.debug('Line quarantined', {
                    sequenceNumber: outcome.sequenceNumber,
                    reason: outcome.reason,
                  });
                }
                onLineOutcome?.(outcome);
              },
            }),
      },
    );
    publishMetrics(metrics, summary, vendors, event.Records?.length ?? 0);
    const { quarantineError, ...counts } = summary as BatchSummary & { quarantineError?: unknown };
    if (quarantineError !== undefined) {
      logger.error('Quarantine write failed; the affected records stay unfinished', {
        error: quarantineError as Error,
      });
    }
    logger.info('Batch processed', {
      ...counts,
      checkpointSequenceNumber: response.batchItemFailures[0]?.itemIdentifier,
    });
    options.onSummary?.(counts);
    return response;
  };
}

function publishMetrics(
  metrics: Metrics,
  summary: BatchSummary,
  perVendor: VendorCounts,
  records: number,
): void {
  metrics.addMetric(METRIC_NAMES.recordsIn, MetricUnit.Count, summary.records);
  metrics.addMetric(METRIC_NAMES.linesIn, MetricUnit.Count, summary.lines);
  metrics.addMetric(METRIC_NAMES.importCalls, MetricUnit.Count, summary.importCalls);
  metrics.addMetric(METRIC_NAMES.findingsImported, MetricUnit.Count, summary.findingsImported);
  metrics.addMetric(METRIC_NAMES.findingsRetried, MetricUnit.Count, summary.findingsRetried);
  metrics.addMetric(METRIC_NAMES.throttledCalls, MetricUnit.Count, summary.throttledCalls);
  metrics.addMetric(METRIC_NAMES.linesSkipped, MetricUnit.Count, summary.linesSkipped);
  metrics.addMetric(METRIC_NAMES.linesQuarantined, MetricUnit.Count, summary.linesQuarantined);
  if (summary.checkpointIndex !== undefined) {
    metrics.addMetric(METRIC_NAMES.partialBatchFailures, MetricUnit.Count, 1);
    metrics.addMetric(METRIC_NAMES.recordsRedelivered, MetricUnit.Count, records - summary.checkpointIndex);
  }
  if ((summary as { quarantineError?: unknown }).quarantineError !== undefined) {
    metrics.addMetric(METRIC_NAMES.quarantineWriteFailures, MetricUnit.Count, 1);
  }
  metrics.publishStoredMetrics();
  // Per-vendor series: one EMF document per vendor, dimension Vendor = parser id.
  for (const [vendor, counts] of perVendor) {
    const single = metrics.singleMetric();
    single.addDimension(METRIC_VENDOR_DIMENSION, vendor);
    single.addMetric(METRIC_NAMES.findingsImported, MetricUnit.Count, counts.imported.size);
    const skipped = metrics.singleMetric();
    skipped.addDimension(METRIC_VENDOR_DIMENSION, vendor);
    skipped.addMetric(METRIC_NAMES.linesSkipped, MetricUnit.Count, counts.skipped);
    const quarantined = metrics.singleMetric();
    quarantined.addDimension(METRIC_VENDOR_DIMENSION, vendor);
    quarantined.addMetric(METRIC_NAMES.linesQuarantined, MetricUnit.Count, counts.quarantined);
  }
}
