import type { SecurityHubLocalOptions } from '@otbridge/securityhub-local';
import type { HandlerMetrics } from '../handler/emf-metrics.js';

/** `local`: embedded servers; `aws`: a real stream, Security Hub and S3 (default credential chain). */
export type PipelineTarget = 'local' | 'aws';

/** Options for `startLocalPipeline`; every one has an embedded default. */
export interface LocalPipelineOptions {
  /** Default `OTBRIDGE_TARGET` or `local`. */
  readonly target?: PipelineTarget;
  /** State directory (kinesalite, checkpoint, findings, quarantine, handler log); default `.otbridge/local`. `false`: in memory. */
  readonly dataDir?: string | false;
  /** Interface every server listens on; default `127.0.0.1`. */
  readonly host?: string;
  /** Syslog ports (UDP and TCP); default 5514 each, 0 for a free port. */
  readonly udpPort?: number;
  readonly tcpPort?: number;
  /** Ports of the embedded servers; default 0 (free ports). */
  readonly kinesisPort?: number;
  readonly securityHubPort?: number;
  readonly s3Port?: number;
  /** Stream name; default `otbridge-local` (required with `target: 'aws'`). */
  readonly streamName?: string;
  /** Shards of an embedded stream; default 1. */
  readonly shardCount?: number;
  /** Default `AWS_REGION`, `AWS_DEFAULT_REGION`, or `us-east-1`. */
  readonly region?: string;
  /** Account of the embedded Security Hub; default `123456789012` (aws: from the stream ARN). */
  readonly accountId?: string;
  /** Bundled handler path; default `@otbridge/lambda-handler` `dist/index.mjs` (an `otbridge bundle` output works). */
  readonly bundle?: string;
  /** Extra handler environment (e.g. `OTBRIDGE_SENSORS`); wins over the pipeline's values. */
  readonly handlerEnvironment?: Readonly<Record<string, string>>;
  /** Lambda settings: batch size (default 100) and timeout (default 60 s). */
  readonly batchSize?: number;
  readonly functionTimeoutMs?: number;
  /** Quarantine bucket; default `otbridge-quarantine` (aws: `OTBRIDGE_QUARANTINE_BUCKET`, required). */
  readonly quarantineBucket?: string;
  /** securityhub-local's quota; default the service's (10 calls/s, burst 30). */
  readonly securityHubQuota?: SecurityHubLocalOptions['quota'];
  /** KPL-aggregate bursts (default true); false writes one record per line (`kinesis_streams`). */
  readonly aggregate?: boolean;
  readonly flushIntervalMs?: number;
  readonly pollIntervalMs?: number;
  /** Called after every invocation (benchmarks, tracing). */
  readonly onInvocation?: (report: InvocationReport) => void;
}

/** One invocation as the poller saw it. */
export interface InvocationReport {
  readonly records: number;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly metrics: HandlerMetrics;
}

/** Defaults, documented in the README. */
export const LOCAL_PIPELINE_DEFAULTS = {
  dataDir: '.otbridge/local',
  host: '127.0.0.1',
  syslogPort: 5514,
  streamName: 'otbridge-local',
  region: 'us-east-1',
  accountId: '123456789012',
  quarantineBucket: 'otbridge-quarantine',
  functionName: 'otbridge-local',
} as const;
