import { describe, expect, it } from 'vitest';
import {
  CollectorInstallError,
  type CollectorUserDataOptions,
  renderCollectorUserData,
} from '../src/collector/render-collector-user-data.js';

const CONFIG = '<system>\n  log_level info\n</system>';
const TLS = { certificateParameterName: '/ot/cert', privateKeyParameterName: '/ot/key' };
const REPOSITORY = {
  method: 'fluent-package',
  repositoryUrl: 'https://repo.example.com/lts/5/amazon/2023/$basearch',
  gpgKeyUrls: ['https://repo.example.com/key-1', 'https://repo.example.com/key-2'],
} as const;

const render = (options: Partial<CollectorUserDataOptions> = {}) =>
  renderCollectorUserData({ fluentdConfig: CONFIG, region: 'eu-central-1', ...options });

/** The lines from the first one equal to `first` through the next one equal to `last`. */
function between(lines: readonly string[], first: string, last: string): string[] {
  const start = lines.indexOf(first);
  expect(start, first).toBeGreaterThanOrEqual(0);
  return lines.slice(start, lines.indexOf(last, start) + 1);
}

describe('renderCollectorUserData', () => {
  it('installs pinned gems on distro Ruby by default, with its own systemd unit and service user', () => {
    const lines = render({ tls: TLS });
    expect(lines.slice(0, 5)).toEqual([
      'set -euo pipefail',
      'dnf install -y ruby ruby-devel gcc gcc-c++ make',
      'gem install --no-document --conservative --bindir /usr/local/bin fluentd -v 1.18.0',
      'gem install --no-document --conservative --bindir /usr/local/bin fluent-plugin-kinesis -v 3.6.1',
      'id -u fluentd >/dev/null 2>&1 || useradd --system --home-dir /var/lib/fluent --shell /sbin/nologin fluentd',
    ]);
    expect(
      between(lines, "cat > /etc/systemd/system/fluentd.service <<'OTBRIDGE_UNIT'", 'OTBRIDGE_UNIT'),
    ).toEqual([
      "cat > /etc/systemd/system/fluentd.service <<'OTBRIDGE_UNIT'",
      '[Unit]',
      'Description=Fluentd (otbridge syslog collector)',
      'Wants=network-online.target',
      'After=network-online.target',
      '[Service]',
      'User=fluentd',
      'Group=fluentd',
      'ExecStart=/usr/local/bin/fluentd -c /etc/fluent/fluentd.conf',
      'ExecReload=/bin/kill -USR2 $MAINPID',
      'Restart=always',
      'RestartSec=5',
      'LimitNOFILE=65536',
      'TimeoutStopSec=120',
      '[Install]',
      'WantedBy=multi-user.target',
      'OTBRIDGE_UNIT',
    ]);
    expect(lines.slice(lines.indexOf('OTBRIDGE_UNIT') + 1)).toEqual([
      'systemctl daemon-reload',
      'install -d -o root -g fluentd -m 0750 /etc/fluent',
      'install -d -o fluentd -g fluentd -m 0750 /var/lib/fluent/buffer/kinesis',
      'install -d -o root -g fluentd -m 0750 /etc/fluent/tls',
      "aws ssm get-parameter --region eu-central-1 --name '/ot/cert' --query Parameter.Value --output text > /etc/fluent/tls/collector.crt",
      "(umask 0077 && aws ssm get-parameter --region eu-central-1 --name '/ot/key' --with-decryption --query Parameter.Value --output text > /etc/fluent/tls/collector.key)",
      'chgrp fluentd /etc/fluent/tls/collector.crt /etc/fluent/tls/collector.key',
      'chmod 0640 /etc/fluent/tls/collector.crt /etc/fluent/tls/collector.key',
      "cat > /etc/fluent/fluentd.conf <<'OTBRIDGE_FLUENTD_CONF'",
      '<system>',
      '  log_level info',
      '</system>',
      'OTBRIDGE_FLUENTD_CONF',
      'chgrp fluentd /etc/fluent/fluentd.conf',
      'chmod 0640 /etc/fluent/fluentd.conf',
      'runuser -u fluentd -- /usr/local/bin/fluentd --dry-run -c /etc/fluent/fluentd.conf',
      'systemctl enable fluentd',
      'systemctl restart fluentd',
    ]);
    expect(lines.join('\n')).not.toMatch(/https?:\/\/|yum\.repos\.d/);
  });

  it('takes pinned gem versions', () => {
    const lines = render({
      install: { method: 'gem', fluentdVersion: '1.16.9', kinesisPluginVersion: '3.5.0' },
    });
    expect(lines).toContain(
      'gem install --no-document --conservative --bindir /usr/local/bin fluentd -v 1.16.9',
    );
    expect(lines).toContain(
      'gem install --no-document --conservative --bindir /usr/local/bin fluent-plugin-kinesis -v 3.5.0',
    );
  });

  it('installs fluent-package from the repository and keys the user supplies, GPG-checked', () => {
    const lines = render({ install: REPOSITORY });
    expect(lines.slice(0, 13)).toEqual([
      'set -euo pipefail',
      "cat > /etc/yum.repos.d/fluent-package.repo <<'OTBRIDGE_REPO'",
      '[fluent-package]',
      'name=Fluentd Project (fluent-package)',
      'baseurl=https://repo.example.com/lts/5/amazon/2023/$basearch',
      'enabled=1',
      'gpgcheck=1',
      'repo_gpgcheck=0',
      'gpgkey=https://repo.example.com/key-1 https://repo.example.com/key-2',
      'OTBRIDGE_REPO',
      'dnf install -y fluent-package',
      '/usr/sbin/fluent-gem install --no-document --conservative fluent-plugin-kinesis -v 3.6.1',
      'install -d -o root -g _fluentd -m 0750 /etc/fluent',
    ]);
    // The package ships its own unit; ours is not written.
    expect(lines.some((line) => line.includes('fluentd.service'))).toBe(false);
    expect(lines).toContain('runuser -u _fluentd -- /usr/sbin/fluentd --dry-run -c /etc/fluent/fluentd.conf');
    expect(lines.some((line) => line.startsWith('aws ssm'))).toBe(false);
  });

  it('refuses install settings that would break or inject into the boot script', () => {
    const refuse = (options: Partial<CollectorUserDataOptions>) =>
      expect(() => render(options)).toThrow(CollectorInstallError);
    refuse({ install: { ...REPOSITORY, repositoryUrl: 'http://repo.example.com/x' } });
    refuse({ install: { ...REPOSITORY, repositoryUrl: 'https://repo.example.com/x\nOTBRIDGE_REPO' } });
    refuse({ install: { ...REPOSITORY, gpgKeyUrls: [] } });
    refuse({ install: { ...REPOSITORY, gpgKeyUrls: ["https://repo.example.com/k'; reboot"] } });
    refuse({ install: { method: 'gem', fluentdVersion: '>= 1' } });
    refuse({ install: { method: 'gem', kinesisPluginVersion: 'latest' } });
    refuse({ fluentdConfig: 'a\nOTBRIDGE_FLUENTD_CONF\nb' });
  });
});
