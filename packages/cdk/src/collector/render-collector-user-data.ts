/** Inputs of the collector's boot script. */
export interface CollectorUserDataOptions {
  /** The rendered Fluentd configuration (`renderFluentdConfig`). */
  readonly fluentdConfig: string;
  readonly region: string;
  /** fluent-plugin-kinesis version, pinned. */
  readonly kinesisPluginVersion: string;
  /** Base URL of the fluent-package LTS yum repository for this OS (signed packages, GPG-checked). */
  readonly fluentPackageRepository: string;
  readonly fluentPackageGpgKeys: readonly string[];
  readonly bufferPath: string;
  /** SSM parameter names of the PEM certificate chain and (SecureString) private key; absent: no TLS. */
  readonly tls?: {
    readonly certificateParameterName: string;
    readonly privateKeyParameterName: string;
    readonly certPath: string;
    readonly privateKeyPath: string;
  };
}

/** Paths and pins of the collector host (fluent-package v5 layout). */
export const COLLECTOR_HOST = {
  configPath: '/etc/fluent/fluentd.conf',
  tlsDirectory: '/etc/fluent/tls',
  certPath: '/etc/fluent/tls/collector.crt',
  privateKeyPath: '/etc/fluent/tls/collector.key',
  bufferPath: '/var/lib/fluent/buffer/kinesis',
  fluentUser: '_fluentd',
  kinesisPluginVersion: '3.6.1',
  fluentPackageRepository: 'https://fluent-package.example.com/lts/5/amazon/2023/$basearch',
  fluentPackageGpgKeys: [
    'https://fluent-package.example.com/GPG-KEY-td-agent',
    'https://fluent-package.example.com/GPG-KEY-fluent-package',
  ],
} as const;

const CONFIG_DELIMITER = 'OTBRIDGE_FLUENTD_CONF';

/**
 * The collector's user data lines (bash, Amazon Linux 2023): install fluent-package and the Kinesis
 * plugin, fetch the TLS material from SSM, write the Fluentd configuration, validate it, start Fluentd.
 */
export function renderCollectorUserData(options: CollectorUserDataOptions): string[] {
  if (options.fluentdConfig.split('\n').includes(CONFIG_DELIMITER)) {
    throw new Error(`the Fluentd configuration contains the heredoc delimiter ${CONFIG_DELIMITER}.`);
  }
  const user = COLLECTOR_HOST.fluentUser;
  const lines = [
    'set -euo pipefail',
    "cat > /etc/yum.repos.d/fluent-package-lts.repo <<'OTBRIDGE_REPO'",
    '[fluent-package-v5-lts]',
    'name=Fluentd Project (fluent-package v5 LTS)',
    `baseurl=${options.fluentPackageRepository}`,
    'enabled=1',
    'gpgcheck=1',
    `gpgkey=${options.fluentPackageGpgKeys.join(' ')}`,
    'OTBRIDGE_REPO',
    'dnf install -y fluent-package',
    `/usr/sbin/fluent-gem install --no-document fluent-plugin-kinesis -v ${options.kinesisPluginVersion}`,
    `install -d -o ${user} -g ${user} -m 0750 ${options.bufferPath}`,
  ];
  if (options.tls !== undefined) {
    const tls = options.tls;
    const get = (name: string, decrypt: boolean) =>
      `aws ssm get-parameter --region ${options.region} --name '${name}'${decrypt ? ' --with-decryption' : ''} --query Parameter.Value --output text`;
    lines.push(
      `install -d -o root -g ${user} -m 0750 ${COLLECTOR_HOST.tlsDirectory}`,
      `${get(tls.certificateParameterName, false)} > ${tls.certPath}`,
      `(umask 0077 && ${get(tls.privateKeyParameterName, true)} > ${tls.privateKeyPath})`,
      `chgrp ${user} ${tls.certPath} ${tls.privateKeyPath}`,
      `chmod 0640 ${tls.certPath} ${tls.privateKeyPath}`,
    );
  }
  lines.push(
    `cat > ${COLLECTOR_HOST.configPath} <<'${CONFIG_DELIMITER}'`,
    ...options.fluentdConfig.split('\n'),
    CONFIG_DELIMITER,
    `/usr/sbin/fluentd --dry-run -c ${COLLECTOR_HOST.configPath}`,
    'systemctl enable fluentd',
    'systemctl restart fluentd',
  );
  return lines;
}
