import { fileURLToPath } from 'node:url';
import {
  CONFIG_VARIABLES,
  DEFAULT_METRICS_NAMESPACE,
  FLUENTD_RECORD_KEYS,
  METRIC_NAMES,
  METRIC_SERVICE_DIMENSION,
} from '@otbridge/lambda-handler';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { renderCollectorUserData } from '../src/collector/render-collector-user-data.js';
import { renderFluentdConfig } from '../src/fluentd/render-fluentd-config.js';
import {
  OtIdsSecurityHubPipeline,
  type OtIdsSecurityHubPipelineProps,
} from '../src/pipeline/ot-ids-security-hub-pipeline.js';
import {
  actionsOf,
  flattenIntrinsics,
  onlyResource,
  policyStatements,
  resourcesOf,
} from './helpers/template.js';

const FIXTURE_BUNDLE = fileURLToPath(new URL('./fixtures/handler-bundle', import.meta.url));
const TLS = {
  certificateParameterName: '/otbridge/test/cert',
  privateKeyParameterName: '/otbridge/test/key',
};

function synth(props: Partial<OtIdsSecurityHubPipelineProps> = {}): {
  template: Template;
  pipeline: OtIdsSecurityHubPipeline;
} {
  const app = new App();
  const stack = new Stack(app, 'Test');
  const pipeline = new OtIdsSecurityHubPipeline(stack, 'Pipeline', {
    handlerBundle: FIXTURE_BUNDLE,
    allowedCidrs: ['192.0.2.0/24', '198.51.100.0/24'],
    tls: TLS,
    ...props,
  });
  return { template: Template.fromStack(stack), pipeline };
}

// Synthesized once per configuration, shared by the tests below.
const defaults = synth();
const provisioned = synth({
  streamMode: 'provisioned',
  shardCount: 4,
  parallelizationFactor: 5,
  streamRetention: Duration.days(3),
  maxRecordAge: Duration.hours(12),
  memorySize: 2048,
  timeout: Duration.seconds(300),
  listeners: [
    { transport: 'tcp', port: 5140 },
    { transport: 'udp', port: 5140 },
  ],
  internetFacing: true,
});

const handlerEnvironment = (template: Template) =>
  onlyResource(template, 'AWS::Lambda::Function').Properties.Environment as {
    Variables: Record<string, unknown>;
  };

describe('Kinesis stream', () => {
  it('is encrypted and on-demand by default, with 7 days of retention', () => {
    defaults.template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: 168,
    });
    expect(onlyResource(defaults.template, 'AWS::Kinesis::Stream').Properties.ShardCount).toBeUndefined();
  });

  it('is provisioned with the shard count parameter when asked', () => {
    provisioned.template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS' },
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      ShardCount: 4,
      RetentionPeriodHours: 72,
    });
  });

  it('refuses a retention that does not outlast the maximum record age by a day', () => {
    expect(() => synth({ streamRetention: Duration.days(1), maxRecordAge: Duration.hours(12) })).toThrow(
      /redrive/,
    );
    expect(() => synth({ parallelizationFactor: 11 })).toThrow(/parallelizationFactor/);
  });
});

describe('handler function', () => {
  it('runs the bundled handler on nodejs22.x, arm64, with the memory and timeout parameters', () => {
    defaults.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 120,
    });
    provisioned.template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 2048, Timeout: 300 });
  });

  it('passes its configuration as the environment variables the handler reads', () => {
    const variables = handlerEnvironment(defaults.template).Variables;
    expect(variables[CONFIG_VARIABLES.quarantineBucket]).toEqual({
      Ref: expect.stringMatching(/^PipelineQuarantineBucket/),
    });
    expect(variables[CONFIG_VARIABLES.quarantinePrefix]).toBe('quarantine/');
    expect(variables[CONFIG_VARIABLES.envelope]).toBe('json');
    expect(variables[CONFIG_VARIABLES.envelopeKey]).toBe(FLUENTD_RECORD_KEYS.message);
    expect(flattenIntrinsics(variables[CONFIG_VARIABLES.productArn])).toBe(
      'arn:{Ref AWS::Partition}:securityhub:{Ref AWS::Region}:{Ref AWS::AccountId}:product/{Ref AWS::AccountId}/default',
    );
    expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe(DEFAULT_METRICS_NAMESPACE);
    for (const name of Object.keys(variables)) {
      if (name.startsWith('OTBRIDGE_')) expect(Object.values(CONFIG_VARIABLES)).toContain(name);
    }
  });

  it('sets the per-instance rate limit to the Security Hub quota / (shards x parallelization)', () => {
    // On-demand: 4 shards assumed, parallelization 2 → 10 / 8 calls/s, burst 30 / 8.
    expect(handlerEnvironment(defaults.template).Variables[CONFIG_VARIABLES.rateLimitCallsPerSecond]).toBe(
      '1.25',
    );
    expect(handlerEnvironment(defaults.template).Variables[CONFIG_VARIABLES.rateLimitBurst]).toBe('3');
    // Provisioned: 4 shards x 5 → 0.5 calls/s, burst 1.
    expect(handlerEnvironment(provisioned.template).Variables[CONFIG_VARIABLES.rateLimitCallsPerSecond]).toBe(
      '0.5',
    );
    expect(handlerEnvironment(provisioned.template).Variables[CONFIG_VARIABLES.rateLimitBurst]).toBe('1');
    expect(provisioned.pipeline.rateLimit.concurrentInstances).toBe(20);
  });
});

describe('event source mapping', () => {
  it('reports batch item failures, bisects, retries finitely, bounds record age and batches', () => {
    const queue = Object.keys(defaults.template.findResources('AWS::SQS::Queue'))[0]!;
    defaults.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86_400,
      MaximumBatchingWindowInSeconds: 5,
      BatchSize: 500,
      ParallelizationFactor: 2,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    provisioned.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ParallelizationFactor: 5,
      MaximumRecordAgeInSeconds: 43_200,
    });
  });

  it('keeps stream retention longer than the record age (time to run otbridge redrive)', () => {
    for (const { template } of [defaults, provisioned]) {
      const retentionSeconds =
        (onlyResource(template, 'AWS::Kinesis::Stream').Properties.RetentionPeriodHours as number) * 3600;
      const maxAge = onlyResource(template, 'AWS::Lambda::EventSourceMapping').Properties
        .MaximumRecordAgeInSeconds as number;
      expect(retentionSeconds - maxAge).toBeGreaterThanOrEqual(86_400);
    }
  });

  it('sends failures to an encrypted, TLS-only SQS queue', () => {
    defaults.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    defaults.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('quarantine bucket', () => {
  it('is encrypted, blocks public access, denies plain HTTP and expires objects', () => {
    defaults.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    defaults.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    defaults.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });
});

describe('least-privilege IAM', () => {
  const statements = policyStatements(defaults.template);
  const handlerStatements = statements.filter(({ policy }) => policy.startsWith('PipelineHandlerRole'));
  const collectorStatements = statements.filter(({ policy }) => policy.startsWith('PipelineCollectorRole'));
  const find = (list: typeof statements, action: string) =>
    list.filter(({ statement }) => actionsOf(statement).includes(action)).map(({ statement }) => statement);

  it('attaches no managed policies to any role', () => {
    for (const role of Object.values(defaults.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('uses no wildcard actions, and * resources only for Session Manager channels', () => {
    for (const { statement } of statements) {
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
      if (resourcesOf(statement).includes('*')) {
        for (const action of actionsOf(statement)) expect(action).toMatch(/^(ssmmessages|ec2messages):/);
      }
    }
  });

  it('lets the handler import findings for its own product only', () => {
    const [statement, ...others] = find(handlerStatements, 'securityhub:BatchImportFindings');
    expect(others).toHaveLength(0);
    expect(actionsOf(statement!)).toEqual(['securityhub:BatchImportFindings']);
    expect(resourcesOf(statement!).map(flattenIntrinsics)).toEqual([
      'arn:{Ref AWS::Partition}:securityhub:{Ref AWS::Region}:{Ref AWS::AccountId}:product/{Ref AWS::AccountId}/default',
    ]);
    expect(
      handlerStatements.some(({ statement: s }) =>
        actionsOf(s).some((a) => a.startsWith('securityhub:') && a !== 'securityhub:BatchImportFindings'),
      ),
    ).toBe(false);
  });

  it('lets the handler put objects under the quarantine prefix of its bucket only', () => {
    const s3Statements = handlerStatements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('s3:')),
    );
    expect(s3Statements).toHaveLength(1);
    expect(actionsOf(s3Statements[0]!.statement)).toEqual(['s3:PutObject']);
    expect(resourcesOf(s3Statements[0]!.statement).map(flattenIntrinsics)).toEqual([
      expect.stringMatching(/^\{GetAtt PipelineQuarantineBucket\w+\.Arn\}\/quarantine\/\*$/),
    ]);
  });

  it('lets the handler read its stream only, and the collector PutRecords on it only', () => {
    const stream = Object.keys(defaults.template.findResources('AWS::Kinesis::Stream'))[0]!;
    for (const { statement } of [...handlerStatements, ...collectorStatements]) {
      if (actionsOf(statement).some((a) => a.startsWith('kinesis:'))) {
        expect(resourcesOf(statement)).toEqual([{ 'Fn::GetAtt': [stream, 'Arn'] }]);
      }
    }
    expect(find(handlerStatements, 'kinesis:GetRecords')).toHaveLength(1);
    expect(find(handlerStatements, 'kinesis:PutRecords')).toHaveLength(0);
    const collectorKinesis = collectorStatements.flatMap(({ statement }) =>
      actionsOf(statement).filter((a) => a.startsWith('kinesis:')),
    );
    expect(collectorKinesis).toEqual(['kinesis:PutRecords']);
  });

  it('lets the collector read its two TLS parameters only', () => {
    const [statement] = find(collectorStatements, 'ssm:GetParameter');
    expect(resourcesOf(statement!).map(flattenIntrinsics)).toEqual([
      'arn:{Ref AWS::Partition}:ssm:{Ref AWS::Region}:{Ref AWS::AccountId}:parameter/otbridge/test/cert',
      'arn:{Ref AWS::Partition}:ssm:{Ref AWS::Region}:{Ref AWS::AccountId}:parameter/otbridge/test/key',
    ]);
    expect(find(policyStatements(provisioned.template), 'ssm:GetParameter')).toHaveLength(0);
  });
});

describe('collector', () => {
  const userData = (template: Template) =>
    flattenIntrinsics(
      (
        onlyResource(template, 'AWS::EC2::LaunchTemplate').Properties.LaunchTemplateData as Record<
          string,
          unknown
        >
      ).UserData,
    );

  it('requires IMDSv2, has no SSH key and no public address, and runs in an Auto Scaling group', () => {
    const data = onlyResource(defaults.template, 'AWS::EC2::LaunchTemplate').Properties
      .LaunchTemplateData as Record<string, unknown>;
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(data.KeyName).toBeUndefined();
    expect(data.NetworkInterfaces).toBeUndefined();
    expect(data.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 16, VolumeType: 'gp3' } },
    ]);
    defaults.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '2',
      MaxSize: '2',
      HealthCheckType: 'ELB',
    });
    for (const group of Object.values(defaults.template.findResources('AWS::EC2::SecurityGroup'))) {
      for (const rule of (group.Properties.SecurityGroupIngress ?? []) as Array<Record<string, unknown>>) {
        expect(rule.FromPort).not.toBe(22);
      }
    }
  });

  it('writes the rendered Fluentd configuration (TLS by default) into the user data', () => {
    const script = userData(defaults.template);
    const stream = Object.keys(defaults.template.findResources('AWS::Kinesis::Stream'))[0]!;
    const expected = renderFluentdConfig({
      streamName: `{Ref ${stream}}`,
      region: '{Ref AWS::Region}',
      listeners: [{ transport: 'tls', port: 6514 }],
      tls: { certPath: '/etc/fluent/tls/collector.crt', privateKeyPath: '/etc/fluent/tls/collector.key' },
      allowedCidrs: ['192.0.2.0/24', '198.51.100.0/24'],
      bufferPath: '/var/lib/fluent/buffer/kinesis',
    });
    expect(script).toContain(
      `cat > /etc/fluent/fluentd.conf <<'OTBRIDGE_FLUENTD_CONF'\n${expected}\nOTBRIDGE_FLUENTD_CONF\n`,
    );
    expect(script).toContain(
      `\n${renderCollectorUserData({
        fluentdConfig: expected,
        region: '{Ref AWS::Region}',
        tls: TLS,
      }).join('\n')}`,
    );
    // Default install: distro Ruby and pinned gems from RubyGems' default source, no repository file.
    expect(script).toContain(
      'gem install --no-document --conservative --bindir /usr/local/bin fluentd -v 1.18.0',
    );
    expect(script).not.toContain('yum.repos.d');
    expect(script).not.toMatch(/https?:\/\//);
  });

  it('installs fluent-package from the repository the user names, GPG-checked', () => {
    const { template } = synth({
      fluentdInstall: {
        method: 'fluent-package',
        repositoryUrl: 'https://repo.example.com/lts/5/amazon/2023/$basearch',
        gpgKeyUrls: ['https://repo.example.com/GPG-KEY-fluent-package'],
      },
    });
    const script = userData(template);
    expect(script).toContain(
      'baseurl=https://repo.example.com/lts/5/amazon/2023/$basearch\nenabled=1\ngpgcheck=1',
    );
    expect(script).toContain('gpgkey=https://repo.example.com/GPG-KEY-fluent-package\n');
    expect(script).toContain(
      'runuser -u _fluentd -- /usr/sbin/fluentd --dry-run -c /etc/fluent/fluentd.conf',
    );
    expect(script).not.toContain('gem install --no-document --conservative --bindir');
  });

  it('uses plain TCP/UDP only when asked, and then fetches no certificate', () => {
    const script = userData(provisioned.template);
    expect(script).toContain('<transport tcp>');
    expect(script).toContain('<transport udp>');
    expect(script).not.toContain('<transport tls>');
    expect(script).not.toContain('ssm get-parameter');
    expect(userData(defaults.template)).not.toContain('<transport tcp>');
  });

  it('refuses a TLS listener without certificate parameters', () => {
    expect(() => synth({ tls: undefined as never })).toThrow(/TLS listener needs/);
  });

  it('admits syslog from the allow-listed CIDRs only, through the load balancer', () => {
    const groups = defaults.template.findResources('AWS::EC2::SecurityGroup');
    const loadBalancerGroup = Object.entries(groups).find(([id]) =>
      id.includes('LoadBalancerSecurityGroup'),
    )!;
    expect(loadBalancerGroup[1].Properties.SecurityGroupIngress).toEqual([
      { CidrIp: '192.0.2.0/24', Description: 'syslog tls', FromPort: 6514, IpProtocol: 'tcp', ToPort: 6514 },
      {
        CidrIp: '198.51.100.0/24',
        Description: 'syslog tls',
        FromPort: 6514,
        IpProtocol: 'tcp',
        ToPort: 6514,
      },
    ]);
    const instanceGroup = Object.entries(groups).find(([id]) => id.includes('InstanceSecurityGroup'))!;
    expect(instanceGroup[1].Properties.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(defaults.template.findResources('AWS::EC2::SecurityGroupIngress'));
    for (const rule of ingress) {
      expect(rule.Properties.SourceSecurityGroupId).toEqual({
        'Fn::GetAtt': [loadBalancerGroup[0], 'GroupId'],
      });
      expect(rule.Properties.CidrIp).toBeUndefined();
    }
    expect(ingress.map((rule) => rule.Properties.FromPort).sort()).toEqual([24220, 6514]);
    defaults.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Type: 'network',
    });
    defaults.template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    defaults.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 6514,
      Protocol: 'TCP',
      HealthCheckPort: '24220',
      TargetGroupAttributes: Match.arrayWith([{ Key: 'preserve_client_ip.enabled', Value: 'true' }]),
    });
    provisioned.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
    });
    provisioned.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 5140,
      Protocol: 'UDP',
    });
    provisioned.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 5140,
      Protocol: 'TCP',
    });
  });

  it('accepts an existing VPC and creates none', () => {
    const app = new App();
    const stack = new Stack(app, 'Existing');
    const vpc = new ec2.Vpc(stack, 'Shared', { maxAzs: 2, natGateways: 1 });
    new OtIdsSecurityHubPipeline(stack, 'Pipeline', {
      handlerBundle: FIXTURE_BUNDLE,
      allowedCidrs: ['192.0.2.0/24'],
      tls: TLS,
      vpc: vpc as unknown as ec2.IVpc,
    });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPC', 1);
  });
});

describe('alarms and outputs', () => {
  const alarms = Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm')).map(
    (alarm) => alarm.Properties as Record<string, unknown>,
  );
  const byMetric = (name: string) => alarms.find((alarm) => alarm.MetricName === name);

  it("alarms on the handler's exported metric names in its namespace and service dimension", () => {
    for (const name of [
      METRIC_NAMES.throttledCalls,
      METRIC_NAMES.linesQuarantined,
      METRIC_NAMES.quarantineWriteFailures,
    ]) {
      const alarm = byMetric(name);
      expect(alarm, name).toBeDefined();
      expect(alarm!.Namespace).toBe(DEFAULT_METRICS_NAMESPACE);
      expect(alarm!.Dimensions).toEqual([{ Name: METRIC_SERVICE_DIMENSION, Value: 'Test' }]);
      expect(alarm!.Statistic).toBe('Sum');
    }
    const variables = handlerEnvironment(defaults.template).Variables;
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('Test');
  });

  it('alarms on iterator age, handler errors and DLQ depth', () => {
    expect(byMetric('IteratorAge')).toMatchObject({
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Threshold: 600_000,
    });
    expect(byMetric('Errors')).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1 });
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) expect(alarm.TreatMissingData).toBe('notBreaching');
  });

  it('outputs the stream name, the collector address and the quarantine bucket', () => {
    const outputs = defaults.template.findOutputs('*');
    const values = Object.entries(outputs).map(([id, output]) => [
      id.replace(/[0-9A-F]{8}$/, ''),
      output.Value,
    ]);
    expect(Object.fromEntries(values)).toMatchObject({
      PipelineStreamName: { Ref: expect.stringMatching(/^PipelineStream/) },
      PipelineCollectorAddress: {
        'Fn::GetAtt': [expect.stringMatching(/^PipelineCollectorLoadBalancer/), 'DNSName'],
      },
      PipelineQuarantineBucketName: { Ref: expect.stringMatching(/^PipelineQuarantineBucket/) },
    });
  });
});
