import { type App, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { FluentdInstall } from '../collector/render-collector-user-data.js';
import type { SyslogFrameType, SyslogListener, SyslogTransport } from '../fluentd/render-fluentd-config.js';
import {
  OtIdsSecurityHubPipeline,
  type OtIdsSecurityHubPipelineProps,
} from '../pipeline/ot-ids-security-hub-pipeline.js';

/** The app's context parameters (`-c name=value` or cdk.json `context`), already parsed. */
export interface PipelineAppContext {
  readonly stackName: string;
  readonly allowedCidrs: readonly string[];
  readonly transports: readonly SyslogTransport[];
  readonly tlsPort: number;
  readonly tcpPort: number;
  readonly udpPort: number;
  /** Framing of the TLS and TCP listeners. */
  readonly frameType: SyslogFrameType;
  readonly fluentdInstall: FluentdInstall;
  readonly tlsCertificateParameter: string;
  readonly tlsPrivateKeyParameter: string;
  readonly internetFacing: boolean;
  readonly collectorCapacity: number;
  readonly collectorInstanceType: string;
  readonly streamMode: 'on-demand' | 'provisioned';
  readonly shardCount: number;
  readonly parallelizationFactor: number;
  readonly retentionDays: number;
  readonly maxRecordAgeHours: number;
  readonly batchSize: number;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly securityHubRatePerSecond: number;
  readonly securityHubBurst: number;
  readonly alarmEmail?: string;
  readonly handlerBundle?: string;
}

/** Context defaults: an internal collector for private sensor networks, TLS only. */
export const PIPELINE_CONTEXT_DEFAULTS = {
  stackName: 'OtbridgePipeline',
  allowedCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  transports: ['tls'],
  tlsPort: 6514,
  tcpPort: 5140,
  udpPort: 5140,
  frameType: 'traditional',
  fluentdInstall: { method: 'gem' },
  tlsCertificateParameter: '/otbridge/collector/tls-certificate',
  tlsPrivateKeyParameter: '/otbridge/collector/tls-private-key',
  internetFacing: false,
  collectorCapacity: 2,
  collectorInstanceType: 't4g.small',
  streamMode: 'on-demand',
  shardCount: 1,
  parallelizationFactor: 2,
  retentionDays: 7,
  maxRecordAgeHours: 24,
  batchSize: 500,
  memorySize: 1024,
  timeoutSeconds: 120,
  securityHubRatePerSecond: 10,
  securityHubBurst: 30,
} as const satisfies Omit<PipelineAppContext, 'alarmEmail' | 'handlerBundle'>;

type ContextReader = (key: string) => unknown;

function text(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Error(`Context '${key}' must be a string, number or boolean.`);
  }
  return String(value).trim();
}

function list(read: ContextReader, key: string, fallback: readonly string[]): string[] {
  const value = read(key);
  if (Array.isArray(value)) return value.map(String);
  const raw = text(read, key);
  return raw === undefined
    ? [...fallback]
    : raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
}

function number(read: ContextReader, key: string, fallback: number): number {
  const raw = text(read, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`Context '${key}' must be a number, got '${raw}'.`);
  return value;
}

function flag(read: ContextReader, key: string, fallback: boolean): boolean {
  const raw = text(read, key);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false')
    throw new Error(`Context '${key}' must be true or false, got '${raw}'.`);
  return raw === 'true';
}

/** `fluentdInstall=gem` (default) or `fluent-package` with the user's repository and key URLs. */
function readFluentdInstall(read: ContextReader): FluentdInstall {
  const method = text(read, 'fluentdInstall') ?? 'gem';
  if (method === 'gem') return { method };
  if (method !== 'fluent-package') {
    throw new Error(`Context 'fluentdInstall' must be gem or fluent-package, got '${method}'.`);
  }
  const repositoryUrl = text(read, 'fluentPackageRepositoryUrl');
  const gpgKeyUrls = list(read, 'fluentPackageGpgKeyUrls', []);
  if (repositoryUrl === undefined || gpgKeyUrls.length === 0) {
    throw new Error(
      "Context 'fluentdInstall=fluent-package' needs 'fluentPackageRepositoryUrl' and 'fluentPackageGpgKeyUrls' " +
        "(the yum baseurl and GPG key URLs from Fluentd's installation docs for Amazon Linux 2023).",
    );
  }
  return { method, repositoryUrl, gpgKeyUrls };
}

/** Reads and checks the app's context parameters (README: Parameters). */
export function readPipelineContext(read: ContextReader): PipelineAppContext {
  const d = PIPELINE_CONTEXT_DEFAULTS;
  const transports = list(read, 'transports', d.transports);
  for (const transport of transports) {
    if (transport !== 'tls' && transport !== 'tcp' && transport !== 'udp') {
      throw new Error(`Context 'transports' takes tls, tcp and udp, got '${transport}'.`);
    }
  }
  const streamMode = text(read, 'streamMode') ?? d.streamMode;
  if (streamMode !== 'on-demand' && streamMode !== 'provisioned') {
    throw new Error(`Context 'streamMode' must be on-demand or provisioned, got '${streamMode}'.`);
  }
  const frameType = text(read, 'frameType') ?? d.frameType;
  if (frameType !== 'traditional' && frameType !== 'octet_count') {
    throw new Error(`Context 'frameType' must be traditional or octet_count, got '${frameType}'.`);
  }
  const alarmEmail = text(read, 'alarmEmail');
  const handlerBundle = text(read, 'handlerBundle');
  return {
    stackName: text(read, 'stackName') ?? d.stackName,
    allowedCidrs: list(read, 'allowedCidrs', d.allowedCidrs),
    transports: transports as SyslogTransport[],
    tlsPort: number(read, 'tlsPort', d.tlsPort),
    tcpPort: number(read, 'tcpPort', d.tcpPort),
    udpPort: number(read, 'udpPort', d.udpPort),
    frameType,
    fluentdInstall: readFluentdInstall(read),
    tlsCertificateParameter: text(read, 'tlsCertificateParameter') ?? d.tlsCertificateParameter,
    tlsPrivateKeyParameter: text(read, 'tlsPrivateKeyParameter') ?? d.tlsPrivateKeyParameter,
    internetFacing: flag(read, 'internetFacing', d.internetFacing),
    collectorCapacity: number(read, 'collectorCapacity', d.collectorCapacity),
    collectorInstanceType: text(read, 'collectorInstanceType') ?? d.collectorInstanceType,
    streamMode,
    shardCount: number(read, 'shardCount', d.shardCount),
    parallelizationFactor: number(read, 'parallelizationFactor', d.parallelizationFactor),
    retentionDays: number(read, 'retentionDays', d.retentionDays),
    maxRecordAgeHours: number(read, 'maxRecordAgeHours', d.maxRecordAgeHours),
    batchSize: number(read, 'batchSize', d.batchSize),
    memorySize: number(read, 'memorySize', d.memorySize),
    timeoutSeconds: number(read, 'timeoutSeconds', d.timeoutSeconds),
    securityHubRatePerSecond: number(read, 'securityHubRatePerSecond', d.securityHubRatePerSecond),
    securityHubBurst: number(read, 'securityHubBurst', d.securityHubBurst),
    ...(alarmEmail !== undefined ? { alarmEmail } : {}),
    ...(handlerBundle !== undefined ? { handlerBundle } : {}),
  };
}

/** The app's stack factory: one environment-agnostic stack holding `OtIdsSecurityHubPipeline`. */
export function createPipelineStack(
  app: App,
  context: PipelineAppContext = readPipelineContext((key) => app.node.tryGetContext(key)),
): Stack {
  const stack = new Stack(app, context.stackName, {
    description: 'otbridge: OT IDS syslog (Dragos, Claroty, Nozomi) to AWS Security Hub',
  });
  Tags.of(stack).add('otbridge:component', 'pipeline');
  const ports: Record<SyslogTransport, number> = {
    tls: context.tlsPort,
    tcp: context.tcpPort,
    udp: context.udpPort,
  };
  const listeners: SyslogListener[] = context.transports.map((transport) =>
    transport === 'udp'
      ? { transport, port: ports[transport] }
      : { transport, port: ports[transport], frameType: context.frameType },
  );
  const alarmTopic =
    context.alarmEmail === undefined ? undefined : new sns.Topic(stack, 'AlarmTopic', { enforceSSL: true });
  if (alarmTopic !== undefined && context.alarmEmail !== undefined) {
    alarmTopic.addSubscription(new subscriptions.EmailSubscription(context.alarmEmail));
  }
  const props: OtIdsSecurityHubPipelineProps = {
    allowedCidrs: context.allowedCidrs,
    listeners,
    tls: {
      certificateParameterName: context.tlsCertificateParameter,
      privateKeyParameterName: context.tlsPrivateKeyParameter,
    },
    internetFacing: context.internetFacing,
    fluentdInstall: context.fluentdInstall,
    collectorCapacity: context.collectorCapacity,
    collectorInstanceType: new ec2.InstanceType(context.collectorInstanceType),
    streamMode: context.streamMode,
    shardCount: context.shardCount,
    parallelizationFactor: context.parallelizationFactor,
    streamRetention: Duration.days(context.retentionDays),
    maxRecordAge: Duration.hours(context.maxRecordAgeHours),
    batchSize: context.batchSize,
    memorySize: context.memorySize,
    timeout: Duration.seconds(context.timeoutSeconds),
    securityHubQuota: { ratePerSecond: context.securityHubRatePerSecond, burst: context.securityHubBurst },
    ...(alarmTopic !== undefined ? { alarmTopic } : {}),
    ...(context.handlerBundle !== undefined ? { handlerBundle: context.handlerBundle } : {}),
  };
  new OtIdsSecurityHubPipeline(stack, 'Pipeline', props);
  return stack;
}
