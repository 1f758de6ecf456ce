import { CONFIG_VARIABLES, DEFAULT_METRICS_NAMESPACE, FLUENTD_RECORD_KEYS } from '@otbridge/lambda-handler';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HANDLER_ENTRY_FILE, resolveHandlerBundle } from '../bundle/resolve-handler-bundle.js';
import type { FluentdInstall } from '../collector/render-collector-user-data.js';
import { type CollectorTlsParameters, SyslogCollector } from '../collector/syslog-collector.js';
import type { SyslogListener } from '../fluentd/render-fluentd-config.js';
import { computeRateLimit, type RateLimit, SECURITY_HUB_IMPORT_QUOTA } from './compute-rate-limit.js';
import { createPipelineAlarms, type PipelineAlarmThresholds } from './create-pipeline-alarms.js';

/** Properties of `OtIdsSecurityHubPipeline`; every one has a production default except `allowedCidrs`. */
export interface OtIdsSecurityHubPipelineProps {
  /** Directory holding `index.mjs`, or a `.zip`. Default: @otbridge/lambda-handler's `dist`. */
  readonly handlerBundle?: string;
  /** Default: a new VPC (2 AZs, public + private subnets, one NAT gateway). */
  readonly vpc?: ec2.IVpc;

  /** Default `on-demand`. */
  readonly streamMode?: 'on-demand' | 'provisioned';
  /** Provisioned shard count. Default 1. */
  readonly shardCount?: number;
  /** Shards assumed for the rate limit of an on-demand stream (it starts with 4). Default 4. */
  readonly onDemandShardEstimate?: number;
  /** Must outlast `maxRecordAge` by at least a day, the time to notice a DLQ message and redrive. Default 7 days. */
  readonly streamRetention?: Duration;

  /** Default 1024 MiB. */
  readonly memorySize?: number;
  /** Default 2 minutes. */
  readonly timeout?: Duration;
  /** Records per batch (1-10000). Default 500. */
  readonly batchSize?: number;
  /** Default 5 seconds. */
  readonly maxBatchingWindow?: Duration;
  /** Concurrent batches per shard (1-10). Default 2. */
  readonly parallelizationFactor?: number;
  /** Default 5. */
  readonly retryAttempts?: number;
  /** Default 1 day. */
  readonly maxRecordAge?: Duration;

  /** The account's BatchImportFindings quota. Default 10 calls/s, burst 30. */
  readonly securityHubQuota?: { readonly ratePerSecond: number; readonly burst: number };
  /** Handler settings passed as environment variables (see the handler README). */
  readonly handlerSettings?: {
    readonly strict?: boolean;
    readonly defaultTimeZone?: string;
    readonly parserOptions?: Readonly<Record<string, object>>;
    readonly sensors?: unknown;
  };

  /** Days before quarantined objects expire. Default 90. */
  readonly quarantineExpirationDays?: number;
  /** Default RETAIN (quarantined records are evidence). */
  readonly quarantineRemovalPolicy?: RemovalPolicy;

  /** IPv4 CIDR blocks of the OT IDS sensors allowed to send syslog. */
  readonly allowedCidrs: readonly string[];
  /** Default: TLS on 6514 only. */
  readonly listeners?: readonly SyslogListener[];
  /** Required with a TLS listener. */
  readonly tls?: CollectorTlsParameters;
  readonly collectorInstanceType?: ec2.InstanceType;
  /** Default 2. */
  readonly collectorCapacity?: number;
  /** Default false (sensors reach the collector over VPN / Direct Connect). */
  readonly internetFacing?: boolean;
  /** How the collector installs Fluentd. Default `{ method: 'gem' }` (distro Ruby, pinned gems). */
  readonly fluentdInstall?: FluentdInstall;

  readonly alarmThresholds?: Partial<PipelineAlarmThresholds>;
  /** Alarms notify this topic when given. */
  readonly alarmTopic?: sns.ITopic;
}

const QUARANTINE_PREFIX = 'quarantine/';
const DAY_SECONDS = 86_400;

function assertIntegerRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `OtIdsSecurityHubPipeline: ${name} must be an integer from ${min} to ${max}, got ${value}.`,
    );
  }
}

/**
 * The otbridge pipeline: collector (Fluentd on EC2) → Kinesis → the bundled handler → Security Hub, with a
 * quarantine bucket, an on-failure queue and alarms on the handler's metrics.
 */
export class OtIdsSecurityHubPipeline extends Construct {
  readonly stream: kinesis.Stream;
  readonly handler: lambda.Function;
  readonly quarantineBucket: s3.Bucket;
  readonly deadLetterQueue: sqs.Queue;
  readonly collector: SyslogCollector;
  readonly vpc: ec2.IVpc;
  readonly rateLimit: RateLimit;
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: OtIdsSecurityHubPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const streamMode = props.streamMode ?? 'on-demand';
    const shardCount = props.shardCount ?? 1;
    const parallelizationFactor = props.parallelizationFactor ?? 2;
    const retention = props.streamRetention ?? Duration.days(7);
    const maxRecordAge = props.maxRecordAge ?? Duration.days(1);
    const batchSize = props.batchSize ?? 500;
    const retryAttempts = props.retryAttempts ?? 5;
    assertIntegerRange('shardCount', shardCount, 1, 10_000);
    assertIntegerRange('parallelizationFactor', parallelizationFactor, 1, 10);
    assertIntegerRange('batchSize', batchSize, 1, 10_000);
    assertIntegerRange('retryAttempts', retryAttempts, 0, 10_000);
    assertIntegerRange('streamRetention (hours)', retention.toHours(), 24, 8760);
    assertIntegerRange('maxRecordAge (seconds)', maxRecordAge.toSeconds(), 60, 604_800);
    // The DLQ receives batch metadata only: the records must still be in the stream to be redriven.
    if (retention.toSeconds() - maxRecordAge.toSeconds() < DAY_SECONDS) {
      throw new RangeError(
        'OtIdsSecurityHubPipeline: streamRetention must exceed maxRecordAge by at least 1 day, so records ' +
          'named in an on-failure message can still be read back by `otbridge redrive`.',
      );
    }
    const bundle = resolveHandlerBundle(props.handlerBundle);

    this.vpc = props.vpc ?? this.createVpc();

    this.stream = new kinesis.Stream(this, 'Stream', {
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: retention,
      ...(streamMode === 'on-demand'
        ? { streamMode: kinesis.StreamMode.ON_DEMAND }
        : { streamMode: kinesis.StreamMode.PROVISIONED, shardCount }),
    });

    this.quarantineBucket = new s3.Bucket(this, 'QuarantineBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      lifecycleRules: [
        {
          id: 'expire-quarantine',
          expiration: Duration.days(props.quarantineExpirationDays ?? 90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.quarantineRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'OnFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const shards = streamMode === 'on-demand' ? (props.onDemandShardEstimate ?? 4) : shardCount;
    const quota = props.securityHubQuota ?? SECURITY_HUB_IMPORT_QUOTA;
    this.rateLimit = computeRateLimit({
      quotaPerSecond: quota.ratePerSecond,
      quotaBurst: quota.burst,
      shards,
      parallelizationFactor,
    });

    const productArn = stack.formatArn({
      service: 'securityhub',
      resource: 'product',
      resourceName: `${Aws.ACCOUNT_ID}/default`,
    });
    const serviceName = stack.stackName;
    const settings = props.handlerSettings ?? {};
    const v = CONFIG_VARIABLES;
    const environment: Record<string, string> = {
      [v.partition]: Aws.PARTITION,
      [v.awsAccountId]: Aws.ACCOUNT_ID,
      [v.productArn]: productArn,
      [v.quarantineBucket]: this.quarantineBucket.bucketName,
      [v.quarantinePrefix]: QUARANTINE_PREFIX,
      [v.envelope]: 'json',
      [v.envelopeKey]: FLUENTD_RECORD_KEYS.message,
      [v.strict]: String(settings.strict ?? false),
      [v.rateLimitCallsPerSecond]: String(this.rateLimit.callsPerSecond),
      [v.rateLimitBurst]: String(this.rateLimit.burst),
      POWERTOOLS_METRICS_NAMESPACE: DEFAULT_METRICS_NAMESPACE,
      POWERTOOLS_SERVICE_NAME: serviceName,
      NODE_OPTIONS: '--enable-source-maps',
    };
    if (settings.defaultTimeZone !== undefined) environment[v.defaultTimeZone] = settings.defaultTimeZone;
    if (settings.parserOptions !== undefined)
      environment[v.parserOptions] = JSON.stringify(settings.parserOptions);
    if (settings.sensors !== undefined) environment[v.sensors] = JSON.stringify(settings.sensors);

    const logGroup = new logs.LogGroup(this, 'HandlerLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role: no AWSLambdaBasicExecutionRole (logs:* on every log group).
    const role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description:
        'otbridge handler: read one stream, import findings for one product, quarantine to one bucket',
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['securityhub:BatchImportFindings'], resources: [productArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.quarantineBucket.arnForObjects(`${QUARANTINE_PREFIX}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code:
        bundle.kind === 'zip'
          ? lambda.Code.fromAsset(bundle.path)
          : lambda.Code.fromAsset(bundle.path, { exclude: ['*', `!${HANDLER_ENTRY_FILE}`] }),
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.minutes(2),
      role,
      logGroup,
      environment,
      description: 'otbridge: OT IDS syslog (CEF) from Kinesis to Security Hub findings',
    });

    this.handler.addEventSource(
      new KinesisEventSource(this.stream, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize,
        maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(5),
        parallelizationFactor,
        retryAttempts,
        maxRecordAge,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );

    this.collector = new SyslogCollector(this, 'Collector', {
      vpc: this.vpc,
      stream: this.stream,
      allowedCidrs: props.allowedCidrs,
      ...(props.listeners !== undefined ? { listeners: props.listeners } : {}),
      ...(props.tls !== undefined ? { tls: props.tls } : {}),
      ...(props.collectorInstanceType !== undefined ? { instanceType: props.collectorInstanceType } : {}),
      ...(props.collectorCapacity !== undefined ? { minCapacity: props.collectorCapacity } : {}),
      ...(props.internetFacing !== undefined ? { internetFacing: props.internetFacing } : {}),
      ...(props.fluentdInstall !== undefined ? { fluentdInstall: props.fluentdInstall } : {}),
    });

    this.alarms = createPipelineAlarms(this, {
      handler: this.handler,
      deadLetterQueue: this.deadLetterQueue,
      serviceName,
      namespace: DEFAULT_METRICS_NAMESPACE,
      thresholds: props.alarmThresholds ?? {},
      ...(props.alarmTopic !== undefined ? { topic: props.alarmTopic } : {}),
    });

    new CfnOutput(this, 'StreamName', { value: this.stream.streamName, description: 'Kinesis stream name' });
    new CfnOutput(this, 'CollectorAddress', {
      value: this.collector.loadBalancer.loadBalancerDnsName,
      description: `Syslog collector address (${this.collector.listeners
        .map((listener) => `${listener.transport}/${listener.port}`)
        .join(', ')})`,
    });
    new CfnOutput(this, 'QuarantineBucketName', {
      value: this.quarantineBucket.bucketName,
      description: 'Quarantine bucket (records that can never be imported)',
    });
    new CfnOutput(this, 'OnFailureQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: 'On-failure queue (batch metadata for otbridge redrive)',
    });
  }

  private createVpc(): ec2.IVpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'collector', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
    });
    // aws-cdk-lib declares Vpc's optional fields as `T | undefined` and IVpc's as `T?`; under
    // exactOptionalPropertyTypes the class is then not assignable to its own interface.
    return vpc as unknown as ec2.IVpc;
  }
}
