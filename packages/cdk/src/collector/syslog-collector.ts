import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import {
  FLUENTD_CONFIG_DEFAULTS,
  renderFluentdConfig,
  type SyslogListener,
} from '../fluentd/render-fluentd-config.js';
import {
  COLLECTOR_HOST,
  type FluentdInstall,
  renderCollectorUserData,
} from './render-collector-user-data.js';

/** The SSM Parameter Store names of the collector's TLS certificate chain and private key. */
export interface CollectorTlsParameters {
  /** String parameter holding the PEM certificate chain (leaf first). */
  readonly certificateParameterName: string;
  /** SecureString parameter (AWS managed key `aws/ssm`) holding the PEM private key. */
  readonly privateKeyParameterName: string;
}

/** Properties of `SyslogCollector`. */
export interface SyslogCollectorProps {
  readonly vpc: ec2.IVpc;
  readonly stream: kinesis.IStream;
  /** IPv4 CIDR blocks of the sensors; the only sources the load balancer and Fluentd accept. */
  readonly allowedCidrs: readonly string[];
  /** Default: one TLS listener on 6514 (RFC 5425). Plain `tcp`/`udp` only when listed here. */
  readonly listeners?: readonly SyslogListener[];
  /** Required when a listener uses TLS. */
  readonly tls?: CollectorTlsParameters;
  /** Default `t4g.small` (Graviton, arm64). */
  readonly instanceType?: ec2.InstanceType;
  /** Default 2 (one per AZ). */
  readonly minCapacity?: number;
  /** Default `minCapacity`. */
  readonly maxCapacity?: number;
  /** Load balancer reachable from the internet (still limited to `allowedCidrs`). Default false. */
  readonly internetFacing?: boolean;
  /** Size of the encrypted root volume that holds the file buffer, in GiB. Default 16. */
  readonly volumeSizeGiB?: number;
  /** How Fluentd is installed. Default `{ method: 'gem' }` (distro Ruby, pinned gems). */
  readonly fluentdInstall?: FluentdInstall;
}

/** Default listener: syslog over TLS. */
export const DEFAULT_SYSLOG_LISTENERS: readonly SyslogListener[] = [{ transport: 'tls', port: 6514 }];

/**
 * Fluentd (gems or fluent-package) with fluent-plugin-kinesis on an Auto Scaling group behind a Network Load
 * Balancer: IMDSv2 only, no SSH (Session Manager), TLS syslog, a file buffer, PutRecords on one stream.
 */
export class SyslogCollector extends Construct {
  readonly loadBalancer: elbv2.NetworkLoadBalancer;
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  readonly role: iam.Role;
  /** The rendered Fluentd configuration (with CloudFormation tokens for the stream name and region). */
  readonly fluentdConfig: string;
  readonly listeners: readonly SyslogListener[];

  constructor(scope: Construct, id: string, props: SyslogCollectorProps) {
    super(scope, id);
    const listeners = props.listeners ?? DEFAULT_SYSLOG_LISTENERS;
    this.listeners = listeners;
    const usesTls = listeners.some((listener) => listener.transport === 'tls');
    if (usesTls && props.tls === undefined) {
      throw new Error(
        'SyslogCollector: a TLS listener needs tls.certificateParameterName and privateKeyParameterName.',
      );
    }
    const minCapacity = props.minCapacity ?? 2;
    const monitorPort = FLUENTD_CONFIG_DEFAULTS.monitorPort;

    this.fluentdConfig = renderFluentdConfig({
      streamName: props.stream.streamName,
      region: Aws.REGION,
      listeners,
      ...(usesTls
        ? { tls: { certPath: COLLECTOR_HOST.certPath, privateKeyPath: COLLECTOR_HOST.privateKeyPath } }
        : {}),
      allowedCidrs: props.allowedCidrs,
      bufferPath: COLLECTOR_HOST.bufferPath,
      monitorPort,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'otbridge collector: PutRecords on one stream, Session Manager, its TLS parameters',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kinesis:PutRecords'],
        resources: [props.stream.streamArn],
      }),
    );
    if (props.stream.encryptionKey !== undefined) props.stream.encryptionKey.grantEncrypt(this.role);
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:UpdateInstanceInformation'],
        resources: [stack.formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' })],
      }),
    );
    // Session Manager's agent channel actions have no resource-level permissions, hence '*'.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
          'ec2messages:AcknowledgeMessage',
          'ec2messages:DeleteMessage',
          'ec2messages:FailMessage',
          'ec2messages:GetEndpoint',
          'ec2messages:GetMessages',
          'ec2messages:SendReply',
        ],
        resources: ['*'],
      }),
    );
    if (usesTls && props.tls !== undefined) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: [props.tls.certificateParameterName, props.tls.privateKeyParameterName].map((name) =>
            stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') }),
          ),
        }),
      );
    }

    const loadBalancerSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: 'otbridge collector load balancer: syslog from the allowed sensor networks only',
      allowAllOutbound: false,
    });
    const instanceSecurityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.vpc,
      description: 'otbridge collector instances: syslog and health checks from the load balancer only',
      allowAllOutbound: false,
    });
    // HTTPS out: AWS APIs (Kinesis, SSM) and the package repositories.
    instanceSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'AWS APIs and package downloads',
    );
    instanceSecurityGroup.addIngressRule(
      loadBalancerSecurityGroup,
      ec2.Port.tcp(monitorPort),
      'Health check (Fluentd monitor_agent)',
    );
    loadBalancerSecurityGroup.addEgressRule(instanceSecurityGroup, ec2.Port.tcp(monitorPort), 'Health check');

    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      ...renderCollectorUserData({
        fluentdConfig: this.fluentdConfig,
        region: Aws.REGION,
        ...(props.fluentdInstall !== undefined ? { install: props.fluentdInstall } : {}),
        ...(usesTls && props.tls !== undefined ? { tls: props.tls } : {}),
      }),
    );

    const instanceType =
      props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL);
    const cpuType =
      instanceType.architecture === ec2.InstanceArchitecture.ARM_64
        ? ec2.AmazonLinuxCpuType.ARM_64
        : ec2.AmazonLinuxCpuType.X86_64;
    // An explicit launch template (launch configurations are unavailable to new accounts).
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType,
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType }),
      role: this.role,
      securityGroup: instanceSecurityGroup,
      userData,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(props.volumeSizeGiB ?? 16, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
          }),
        },
      ],
    });
    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Instances', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity,
      maxCapacity: props.maxCapacity ?? minCapacity,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.minutes(10),
      }),
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate(),
    });

    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: props.internetFacing ?? false,
      securityGroups: [loadBalancerSecurityGroup],
      crossZoneEnabled: true,
    });
    for (const listener of listeners) {
      const port = listener.transport === 'udp' ? ec2.Port.udp(listener.port) : ec2.Port.tcp(listener.port);
      for (const cidr of props.allowedCidrs) {
        loadBalancerSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), port, `syslog ${listener.transport}`);
      }
      loadBalancerSecurityGroup.addEgressRule(instanceSecurityGroup, port, `syslog ${listener.transport}`);
      instanceSecurityGroup.addIngressRule(loadBalancerSecurityGroup, port, `syslog ${listener.transport}`);
      const protocol = listener.transport === 'udp' ? elbv2.Protocol.UDP : elbv2.Protocol.TCP;
      // TLS terminates in Fluentd (pass-through), so the sender's address and certificate check are end to end.
      this.loadBalancer
        .addListener(`Syslog${listener.transport.toUpperCase()}${listener.port}`, {
          port: listener.port,
          protocol,
        })
        .addTargets(`Collector${listener.transport.toUpperCase()}${listener.port}`, {
          port: listener.port,
          protocol,
          targets: [this.autoScalingGroup],
          preserveClientIp: true,
          deregistrationDelay: Duration.seconds(30),
          healthCheck: {
            protocol: elbv2.Protocol.HTTP,
            port: String(monitorPort),
            path: '/api/plugins.json',
          },
        });
    }
  }
}
