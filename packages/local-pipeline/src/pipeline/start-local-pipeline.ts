import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  DEFAULT_QUOTA_LIMIT,
  type SecurityHubLocal,
  startSecurityHubLocal,
} from '@otbridge/securityhub-local';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type EmbeddedS3, startEmbeddedS3 } from '../destinations/embedded-s3.js';
import { createHandlerInvoker, type HandlerInvoker } from '../handler/handler-invoker.js';
import { createKinesisClient, LOCAL_CREDENTIALS } from '../kinesis/create-kinesis-client.js';
import { type EmbeddedKinesis, ensureStream, startEmbeddedKinesis } from '../kinesis/embedded-kinesis.js';
import { createKinesisWriter, type KinesisWriter } from '../kinesis/kinesis-writer.js';
import { CheckpointStore } from '../poller/checkpoint-store.js';
import { type KinesisPoller, startKinesisPoller } from '../poller/kinesis-poller.js';
import { addHandlerMetrics, createPipelineStats, type PipelineStats } from '../stats/pipeline-stats.js';
import { type SyslogListener, startSyslogListener } from '../syslog/syslog-listener.js';
import { toFluentdRecord } from '../syslog/to-fluentd-record.js';
import {
  LOCAL_PIPELINE_DEFAULTS,
  type LocalPipelineOptions,
  type PipelineTarget,
} from './local-pipeline-options.js';

/** A running pipeline. */
export interface LocalPipeline {
  readonly target: PipelineTarget;
  readonly syslog: { readonly host: string; readonly udpPort: number; readonly tcpPort: number };
  /** Undefined when the target is the real service. */
  readonly kinesisEndpoint: string | undefined;
  readonly securityHubEndpoint: string | undefined;
  readonly s3Endpoint: string | undefined;
  readonly streamName: string;
  readonly streamArn: string;
  readonly region: string;
  readonly quarantineBucket: string;
  readonly bundle: string;
  readonly dataDir: string | undefined;
  readonly stats: PipelineStats;
  /** The embedded Security Hub (local target). */
  readonly securityHub: SecurityHubLocal | undefined;
  /** A client for the destination (GetFindings). */
  readonly securityHubClient: SecurityHubClient;
  readonly kinesisClient: KinesisClient;
  /** Resolves once every line received so far is in the stream and checkpointed by the poller. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** Stops accepting, writes what was accepted, finishes the invocation in flight, closes everything. */
  stop(): Promise<void>;
}

const HANDLER_INHERITED = /^(AWS_|OTBRIDGE_|POWERTOOLS_)/;

function readTarget(value: string | undefined): PipelineTarget {
  if (value === undefined || value === '' || value === 'local') return 'local';
  if (value === 'aws') return 'aws';
  throw new Error(`Unknown target '${value}': expected local or aws.`);
}

function toRateLimitEnvironment(quota: LocalPipelineOptions['securityHubQuota']): Record<string, string> {
  if (quota === false) return { OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: '0' };
  const limit = { ...DEFAULT_QUOTA_LIMIT, ...quota };
  return {
    OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: String(limit.rate),
    OTBRIDGE_RATE_LIMIT_BURST: String(limit.burst),
  };
}

/** Starts every part, wires them together and returns their addresses and live counters. */
export async function startLocalPipeline(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const target = options.target ?? readTarget(process.env.OTBRIDGE_TARGET);
  const defaults = LOCAL_PIPELINE_DEFAULTS;
  const host = options.host ?? defaults.host;
  const region =
    options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? defaults.region;
  const dataDir = options.dataDir === false ? undefined : resolve(options.dataDir ?? defaults.dataDir);
  const scratch = dataDir === undefined ? mkdtempSync(join(tmpdir(), 'otbridge-local-')) : undefined;
  const stateDir = dataDir ?? (scratch as string);
  const stats = createPipelineStats();
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  };

  try {
    let kinesis: EmbeddedKinesis | undefined;
    let securityHub: SecurityHubLocal | undefined;
    let s3: EmbeddedS3 | undefined;
    let streamName = options.streamName ?? defaults.streamName;
    let quarantineBucket = options.quarantineBucket ?? defaults.quarantineBucket;
    if (target === 'aws') {
      if (options.streamName === undefined)
        throw new Error('--target aws needs --stream <name> (a Kinesis stream).');
      streamName = options.streamName;
      const bucket = options.quarantineBucket ?? process.env.OTBRIDGE_QUARANTINE_BUCKET;
      if (bucket === undefined) {
        throw new Error('--target aws needs --quarantine-bucket <name> or OTBRIDGE_QUARANTINE_BUCKET.');
      }
      quarantineBucket = bucket;
    } else {
      kinesis = await startEmbeddedKinesis({
        host,
        port: options.kinesisPort ?? 0,
        ...(dataDir === undefined ? {} : { path: join(dataDir, 'kinesalite') }),
      });
      closers.push(() => (kinesis as EmbeddedKinesis).close());
      securityHub = await startSecurityHubLocal({
        host,
        port: options.securityHubPort ?? 0,
        accountId: options.accountId ?? defaults.accountId,
        ...(options.securityHubQuota === undefined ? {} : { quota: options.securityHubQuota }),
        ...(dataDir === undefined ? {} : { dataFile: join(dataDir, 'securityhub-findings.json') }),
      });
      closers.push(() => (securityHub as SecurityHubLocal).close());
      s3 = await startEmbeddedS3({
        directory: join(stateDir, 's3'),
        bucket: quarantineBucket,
        host,
        port: options.s3Port ?? 0,
      });
      closers.push(() => (s3 as EmbeddedS3).close());
    }

    const kinesisClient = createKinesisClient({
      region,
      ...(kinesis === undefined ? {} : { endpoint: kinesis.endpoint }),
    });
    closers.push(async () => kinesisClient.destroy());
    const streamArn = await ensureStream(kinesisClient, streamName, {
      shardCount: options.shardCount ?? 1,
      create: target === 'local',
    });
    const accountId =
      target === 'aws' ? (streamArn.split(':')[4] ?? '') : (options.accountId ?? defaults.accountId);
    const securityHubClient = new SecurityHubClient({
      region,
      requestHandler: new NodeHttpHandler(),
      ...(securityHub === undefined ? {} : { endpoint: securityHub.url, credentials: LOCAL_CREDENTIALS }),
    });
    closers.push(async () => securityHubClient.destroy());

    // The function's configuration: its environment, set before the bundle's first invocation.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined && (target === 'aws' || !HANDLER_INHERITED.test(entry[0])),
      ),
    );
    const environment: Record<string, string> = {
      ...inherited,
      AWS_REGION: region,
      AWS_LAMBDA_FUNCTION_NAME: defaults.functionName,
      POWERTOOLS_SERVICE_NAME: 'otbridge',
      OTBRIDGE_AWS_ACCOUNT_ID: accountId,
      OTBRIDGE_QUARANTINE_BUCKET: quarantineBucket,
      ...(securityHub === undefined ? {} : { OTBRIDGE_SECURITYHUB_ENDPOINT: securityHub.url }),
      ...(s3 === undefined ? {} : { OTBRIDGE_S3_ENDPOINT: s3.endpoint }),
      ...(target === 'local'
        ? {
            AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
            // The client-side bucket mirrors the destination's quota (the service allows a burst of 30), so
            // the seconds an invocation spends parsing before its first import are made up afterwards.
            ...toRateLimitEnvironment(options.securityHubQuota),
          }
        : {}),
      ...options.handlerEnvironment,
    };
    const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${defaults.functionName}`;
    const invoker: HandlerInvoker = createHandlerInvoker({
      ...(options.bundle === undefined ? {} : { bundle: options.bundle }),
      environment,
      functionArn,
      ...(options.functionTimeoutMs === undefined ? {} : { timeoutMs: options.functionTimeoutMs }),
      logFile: join(stateDir, 'handler.log'),
    });
    closers.push(() => invoker.close());

    const checkpoints = new CheckpointStore(
      dataDir === undefined ? undefined : join(dataDir, `checkpoint-${streamName}.json`),
      streamName,
    );
    const poller: KinesisPoller = await startKinesisPoller({
      client: kinesisClient,
      streamName,
      streamArn,
      region,
      checkpoints,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      invoke: async (event) => {
        const result = await invoker.invoke(event);
        stats.invocations++;
        addHandlerMetrics(stats, result.metrics);
        if (!result.ok) stats.invocationErrors++;
        options.onInvocation?.({
          records: event.Records.length,
          ok: result.ok,
          durationMs: result.durationMs,
          metrics: result.metrics,
        });
        return result;
      },
      onBatch: (report) => {
        stats.recordsCheckpointed += report.checkpointed;
        if (report.result === 'partial') stats.partialBatchResponses++;
      },
    });
    closers.push(() => poller.stop());

    const writer: KinesisWriter = createKinesisWriter({
      client: kinesisClient,
      streamName,
      ...(options.aggregate === undefined ? {} : { aggregate: options.aggregate }),
      ...(options.flushIntervalMs === undefined ? {} : { flushIntervalMs: options.flushIntervalMs }),
      onWritten: (written) => {
        stats.recordsWritten += written.records;
        stats.linesWritten += written.lines;
      },
      onDropped: () => stats.linesDropped++,
      onRetry: () => stats.putRetries++,
    });
    closers.push(() => writer.close());

    const syslog: SyslogListener = await startSyslogListener({
      host,
      udpPort: options.udpPort ?? defaults.syslogPort,
      tcpPort: options.tcpPort ?? defaults.syslogPort,
      onMessage: (message) => {
        stats.linesIn++;
        const record = toFluentdRecord(message.bytes, message.sourceAddress);
        if (record === undefined) stats.linesDropped++;
        else writer.write(record);
      },
    });
    closers.push(() => syslog.close());

    let stopping: Promise<void> | undefined;
    return {
      target,
      syslog: { host: syslog.host, udpPort: syslog.udpPort, tcpPort: syslog.tcpPort },
      kinesisEndpoint: kinesis?.endpoint,
      securityHubEndpoint: securityHub?.url,
      s3Endpoint: s3?.endpoint,
      streamName,
      streamArn,
      region,
      quarantineBucket,
      bundle: invoker.bundle,
      dataDir,
      stats,
      securityHub,
      securityHubClient,
      kinesisClient,
      async drain({ timeoutMs = 60_000 } = {}) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          await writer.flush();
          const behind = [...writer.lastSequenceNumbers()].some(([shardId, sequenceNumber]) => {
            const checkpoint = checkpoints.get(shardId);
            return checkpoint === undefined || BigInt(checkpoint) < BigInt(sequenceNumber);
          });
          if (!behind && writer.pendingLines === 0) return;
          if (Date.now() > deadline) {
            throw new Error(
              `The pipeline did not drain within ${timeoutMs} ms (${writer.pendingLines} lines unwritten).`,
            );
          }
          await new Promise((done) => setTimeout(done, 25));
        }
      },
      stop() {
        stopping ??= closeAll();
        return stopping;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
