import { describe, expect, it } from 'vitest';
import { FLUENTD_RECORD_KEYS, FluentdSourceConfigError, renderFluentdSourceConfig } from '../src/index.js';

const TLS = { certPath: '/etc/fluent/tls/collector.crt', privateKeyPath: '/etc/fluent/tls/collector.key' };
const keys = FLUENTD_RECORD_KEYS;

describe('renderFluentdSourceConfig', () => {
  it('renders a plain TCP source with Fluentd defaults for bind and framing', () => {
    expect(renderFluentdSourceConfig({ port: 5140, tag: 'ot' }).split('\n')).toEqual([
      '<source>',
      '  @type syslog',
      '  port 5140',
      '  tag ot',
      `  severity_key ${keys.severity}`,
      `  facility_key ${keys.facility}`,
      `  source_address_key ${keys.sourceAddress}`,
      '  emit_unmatched_lines true',
      '  <transport tcp>',
      '  </transport>',
      '  <parse>',
      '    @type regexp',
      `    expression /^(?<${keys.message}>.*)$/`,
      '  </parse>',
      '</source>',
    ]);
  });

  it('renders TLS with certificate paths, TLS 1.2 as the floor, bind and RFC 6587 octet counting', () => {
    const lines = renderFluentdSourceConfig({
      port: 6514,
      tag: 'otbridge.syslog',
      transport: 'tls',
      bind: '0.0.0.0',
      tls: TLS,
      frameType: 'octet_count',
    }).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '<source>',
      '  @type syslog',
      '  port 6514',
      '  bind 0.0.0.0',
      '  tag otbridge.syslog',
      '  frame_type octet_count',
    ]);
    const open = lines.indexOf('  <transport tls>');
    expect(lines.slice(open, open + 5)).toEqual([
      '  <transport tls>',
      '    cert_path /etc/fluent/tls/collector.crt',
      '    private_key_path /etc/fluent/tls/collector.key',
      '    min_version TLS1_2',
      '  </transport>',
    ]);
    const tls13 = renderFluentdSourceConfig({
      port: 6514,
      tag: 'ot',
      transport: 'tls',
      tls: { ...TLS, minVersion: 'TLS1_3' },
    });
    expect(tls13).toContain('    min_version TLS1_3\n');
    expect(tls13).not.toContain('frame_type');
    expect(tls13).not.toContain('bind');
  });

  it('renders traditional framing when asked and IPv6 bind addresses', () => {
    const config = renderFluentdSourceConfig({ port: 5140, tag: 'ot', bind: '::', frameType: 'traditional' });
    expect(config).toContain('  port 5140\n  bind ::\n  tag ot\n  frame_type traditional\n');
  });

  it('renders UDP without framing or TLS', () => {
    const config = renderFluentdSourceConfig({ port: 5140, tag: 'ot', transport: 'udp' });
    expect(config).toContain('  <transport udp>\n  </transport>');
  });

  it('refuses options Fluentd would reject or that would inject configuration lines', () => {
    const refuse = (options: Parameters<typeof renderFluentdSourceConfig>[0]) =>
      expect(() => renderFluentdSourceConfig(options)).toThrow(FluentdSourceConfigError);
    refuse({ port: 6514, tag: 'ot', transport: 'tls' });
    refuse({ port: 5140, tag: 'ot', transport: 'tcp', tls: TLS });
    refuse({ port: 5140, tag: 'ot', transport: 'udp', frameType: 'octet_count' });
    refuse({ port: 0, tag: 'ot' });
    refuse({ port: 70_000, tag: 'ot' });
    refuse({ port: 5140.5, tag: 'ot' });
    refuse({ port: 5140, tag: 'ot\n</source>' });
    refuse({ port: 5140, tag: 'ot', bind: '0.0.0.0\n  @type exec' });
    refuse({ port: 5140, tag: 'ot', bind: 'collector.example.com' });
    refuse({ port: 6514, tag: 'ot', transport: 'tls', tls: { ...TLS, certPath: '/etc/a b.crt' } });
    refuse({ port: 6514, tag: 'ot', transport: 'tls', tls: { ...TLS, privateKeyPath: '/k.key #x' } });
  });
});
