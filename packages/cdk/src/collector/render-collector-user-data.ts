/**
 * How the collector installs Fluentd. No package host is named in this code: `gem` uses RubyGems' default
 * source; `fluent-package` uses the yum repository and GPG keys the user supplies (README: Collector).
 */
export type FluentdInstall =
  | {
      readonly method: 'gem';
      /** Pinned fluentd gem version. Default `COLLECTOR_HOST.fluentdVersion`. */
      readonly fluentdVersion?: string;
      /** Pinned fluent-plugin-kinesis version. Default `COLLECTOR_HOST.kinesisPluginVersion`. */
      readonly kinesisPluginVersion?: string;
    }
  | {
      readonly method: 'fluent-package';
      /** `baseurl` of the fluent-package yum repository for Amazon Linux 2023 (may hold `$basearch`). */
      readonly repositoryUrl: string;
      /** URLs of the repository's signing keys (`gpgcheck=1`). */
      readonly gpgKeyUrls: readonly string[];
      /** Pinned fluent-plugin-kinesis version. Default `COLLECTOR_HOST.kinesisPluginVersion`. */
      readonly kinesisPluginVersion?: string;
    };

/** Default install: distro Ruby and pinned gems from RubyGems' default source. */
export const DEFAULT_FLUENTD_INSTALL: FluentdInstall = { method: 'gem' };

/** Inputs of the collector's boot script. */
export interface CollectorUserDataOptions {
  /** The rendered Fluentd configuration (`renderFluentdConfig`). */
  readonly fluentdConfig: string;
  readonly region: string;
  /** Default `DEFAULT_FLUENTD_INSTALL`. */
  readonly install?: FluentdInstall;
  /** SSM parameter names of the PEM certificate chain and (SecureString) private key; absent: no TLS. */
  readonly tls?: {
    readonly certificateParameterName: string;
    readonly privateKeyParameterName: string;
  };
}

/** Paths and pins of the collector host, shared by both install methods. */
export const COLLECTOR_HOST = {
  configPath: '/etc/fluent/fluentd.conf',
  tlsDirectory: '/etc/fluent/tls',
  certPath: '/etc/fluent/tls/collector.crt',
  privateKeyPath: '/etc/fluent/tls/collector.key',
  bufferPath: '/var/lib/fluent/buffer/kinesis',
  fluentdVersion: '1.18.0',
  kinesisPluginVersion: '3.6.1',
} as const;

/** Per-method layout: the service user, the binaries and who provides the systemd unit. */
export const FLUENTD_HOST_LAYOUT = {
  gem: {
    user: 'fluentd',
    fluentdBinary: '/usr/local/bin/fluentd',
    unitPath: '/etc/systemd/system/fluentd.service',
  },
  'fluent-package': {
    user: '_fluentd',
    fluentdBinary: '/usr/sbin/fluentd',
    fluentGemBinary: '/usr/sbin/fluent-gem',
  },
} as const;

const CONFIG_DELIMITER = 'OTBRIDGE_FLUENTD_CONF';
// Written into a repo file and a shell line: one https URL, nothing that could end the line or quote.
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~%/$-]*)?$/;
const GEM_VERSION = /^\d+(?:\.\d+){1,3}$/;

/** Raised for install settings the boot script cannot use (a configuration error). */
export class CollectorInstallError extends Error {
  override readonly name = 'CollectorInstallError';
}

function assertVersion(value: string, what: string): string {
  if (!GEM_VERSION.test(value)) {
    throw new CollectorInstallError(`${what} must be an exact version such as 1.18.0, got '${value}'.`);
  }
  return value;
}

function assertUrl(value: string, what: string): string {
  if (!HTTPS_URL.test(value)) {
    throw new CollectorInstallError(
      `${what} must be one https:// URL (from Fluentd's installation docs for Amazon Linux 2023), got '${value}'.`,
    );
  }
  return value;
}

function renderGemInstall(install: Extract<FluentdInstall, { method: 'gem' }>): string[] {
  const layout = FLUENTD_HOST_LAYOUT.gem;
  const fluentd = assertVersion(install.fluentdVersion ?? COLLECTOR_HOST.fluentdVersion, 'fluentdVersion');
  const plugin = assertVersion(
    install.kinesisPluginVersion ?? COLLECTOR_HOST.kinesisPluginVersion,
    'kinesisPluginVersion',
  );
  const gem = 'gem install --no-document --conservative --bindir /usr/local/bin';
  return [
    // Native extensions (msgpack, cool.io, yajl) build against the distro Ruby.
    'dnf install -y ruby ruby-devel gcc gcc-c++ make',
    `${gem} fluentd -v ${fluentd}`,
    `${gem} fluent-plugin-kinesis -v ${plugin}`,
    `id -u ${layout.user} >/dev/null 2>&1 || useradd --system --home-dir /var/lib/fluent --shell /sbin/nologin ${layout.user}`,
    `cat > ${layout.unitPath} <<'OTBRIDGE_UNIT'`,
    '[Unit]',
    'Description=Fluentd (otbridge syslog collector)',
    'Wants=network-online.target',
    'After=network-online.target',
    '[Service]',
    `User=${layout.user}`,
    `Group=${layout.user}`,
    `ExecStart=${layout.fluentdBinary} -c ${COLLECTOR_HOST.configPath}`,
    'ExecReload=/bin/kill -USR2 $MAINPID',
    'Restart=always',
    'RestartSec=5',
    'LimitNOFILE=65536',
    // SIGTERM makes Fluentd flush the file buffer (flush_at_shutdown); give it time.
    'TimeoutStopSec=120',
    '[Install]',
    'WantedBy=multi-user.target',
    'OTBRIDGE_UNIT',
    'systemctl daemon-reload',
  ];
}

function renderFluentPackageInstall(
  install: Extract<FluentdInstall, { method: 'fluent-package' }>,
): string[] {
  const layout = FLUENTD_HOST_LAYOUT['fluent-package'];
  const repository = assertUrl(install.repositoryUrl, 'fluentdInstall.repositoryUrl');
  if (install.gpgKeyUrls.length === 0) {
    throw new CollectorInstallError('fluentdInstall.gpgKeyUrls is empty: the packages must be GPG-checked.');
  }
  const keys = install.gpgKeyUrls.map((url) => assertUrl(url, 'fluentdInstall.gpgKeyUrls'));
  const plugin = assertVersion(
    install.kinesisPluginVersion ?? COLLECTOR_HOST.kinesisPluginVersion,
    'kinesisPluginVersion',
  );
  return [
    "cat > /etc/yum.repos.d/fluent-package.repo <<'OTBRIDGE_REPO'",
    '[fluent-package]',
    'name=Fluentd Project (fluent-package)',
    `baseurl=${repository}`,
    'enabled=1',
    'gpgcheck=1',
    'repo_gpgcheck=0',
    `gpgkey=${keys.join(' ')}`,
    'OTBRIDGE_REPO',
    'dnf install -y fluent-package',
    `${layout.fluentGemBinary} install --no-document --conservative fluent-plugin-kinesis -v ${plugin}`,
  ];
}

/**
 * The collector's user data lines (bash, Amazon Linux 2023): install Fluentd and the Kinesis plugin, fetch
 * the TLS material from SSM, write the Fluentd configuration, validate it, start Fluentd.
 */
export function renderCollectorUserData(options: CollectorUserDataOptions): string[] {
  if (options.fluentdConfig.split('\n').includes(CONFIG_DELIMITER)) {
    throw new CollectorInstallError(
      `the Fluentd configuration contains the heredoc delimiter ${CONFIG_DELIMITER}.`,
    );
  }
  const install = options.install ?? DEFAULT_FLUENTD_INSTALL;
  const layout = FLUENTD_HOST_LAYOUT[install.method];
  const user = layout.user;
  const lines = [
    'set -euo pipefail',
    ...(install.method === 'gem' ? renderGemInstall(install) : renderFluentPackageInstall(install)),
    `install -d -o root -g ${user} -m 0750 /etc/fluent`,
    `install -d -o ${user} -g ${user} -m 0750 ${COLLECTOR_HOST.bufferPath}`,
  ];
  if (options.tls !== undefined) {
    const tls = options.tls;
    const get = (name: string, decrypt: boolean) =>
      `aws ssm get-parameter --region ${options.region} --name '${name}'${decrypt ? ' --with-decryption' : ''} --query Parameter.Value --output text`;
    lines.push(
      `install -d -o root -g ${user} -m 0750 ${COLLECTOR_HOST.tlsDirectory}`,
      `${get(tls.certificateParameterName, false)} > ${COLLECTOR_HOST.certPath}`,
      `(umask 0077 && ${get(tls.privateKeyParameterName, true)} > ${COLLECTOR_HOST.privateKeyPath})`,
      `chgrp ${user} ${COLLECTOR_HOST.certPath} ${COLLECTOR_HOST.privateKeyPath}`,
      `chmod 0640 ${COLLECTOR_HOST.certPath} ${COLLECTOR_HOST.privateKeyPath}`,
    );
  }
  lines.push(
    `cat > ${COLLECTOR_HOST.configPath} <<'${CONFIG_DELIMITER}'`,
    ...options.fluentdConfig.split('\n'),
    CONFIG_DELIMITER,
    `chgrp ${user} ${COLLECTOR_HOST.configPath}`,
    `chmod 0640 ${COLLECTOR_HOST.configPath}`,
    // As the service user, so unreadable key files or buffer paths fail here, not after start.
    `runuser -u ${user} -- ${layout.fluentdBinary} --dry-run -c ${COLLECTOR_HOST.configPath}`,
    'systemctl enable fluentd',
    'systemctl restart fluentd',
  );
  return lines;
}
