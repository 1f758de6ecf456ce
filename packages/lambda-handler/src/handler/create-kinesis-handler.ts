import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { createParserRegistry, genericCefParser, type RegisteredParser } from '@otbridge/core';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import {
  type AwsStaticCredentials,
  createS3Client,
  createSecurityHubClient,
} from '../aws/create-aws-clients.js';
import { ConfigurationError } from '../config/configuration-error.js';
import { CONFIG_VARIABLES, type HandlerConfig, parseHandlerConfig } from '../config/handler-config.js';
import { createFindingsImporter, type FindingsImporter } from '../import/findings-importer.js';
import { createRateLimiter } from '../import/rate-limiter.js';
import { DEFAULT_METRICS_NAMESPACE, METRIC_NAMES, METRIC_VENDOR_DIMENSION } from '../metrics/metric-names.js';
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
   * The Security Hub client (create it with `maxAttempts: 1`: the importer retries). Default: built on the
   * first invocation by `createSecurityHubClient` from the configuration (keep-alive `NodeHttpHandler`).
   */
  readonly securityHubClient?: SecurityHubClient;
  /**
   * Static credentials for the default clients (loopback servers, tests). Default: the SDK's credential
   * chain (in Lambda, the role's variables `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`).
   */
  readonly credentials?: AwsStaticCredentials;
  /** The quarantine's S3 client. Default: built on the first invocation by `createS3Client`. */
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
  readonly s3: S3Client;
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
      // Built once per instance and reused: keep-alive sockets, SDK retries off, endpoints for local servers.
      const clientSettings = {
        region: config.region,
        requestTimeoutMs: config.requestTimeoutMs,
        ...(config.securityHubEndpoint === undefined
          ? {}
          : { securityHubEndpoint: config.securityHubEndpoint }),
        ...(config.s3Endpoint === undefined ? {} : { s3Endpoint: config.s3Endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      };
      const importer = createFindingsImporter({
        client: options.securityHubClient ?? createSecurityHubClient(clientSettings),
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
      runtime = { config, importer, s3: options.s3Client ?? createS3Client(clientSettings) };
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
    const { config, importer, s3 } = getRuntime();
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
      { config, registry, importer, s3, awsAccountId, decode: decodeKinesisRecord },
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
  metrics.addMetric(METRIC_NAMES.linesImported, MetricUnit.Count, summary.linesImported);
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
