import { FLUENTD_RECORD_KEYS, renderFluentdSourceConfig } from '@otbridge/lambda-handler';
import { describe, expect, it } from 'vitest';
import {
  FluentdConfigError,
  renderFluentdConfig,
  toAllowListPattern,
} from '../src/fluentd/render-fluentd-config.js';

const base = {
  streamName: 'otbridge-stream',
  region: 'eu-central-1',
  listeners: [{ transport: 'tls', port: 6514 }] as const,
  tls: { certPath: '/etc/fluent/tls/collector.crt', privateKeyPath: '/etc/fluent/tls/collector.key' },
  allowedCidrs: ['192.0.2.0/24', '10.16.0.0/12'],
  bufferPath: '/var/lib/fluent/buffer/kinesis',
};

/** The lines of the section that starts at the first line equal to `open`, through its closing tag. */
function section(config: string, open: string): string[] {
  const lines = config.split('\n');
  const start = lines.indexOf(open);
  expect(start, `section ${open}`).toBeGreaterThanOrEqual(0);
  const indent = open.length - open.trimStart().length;
  const close = `${' '.repeat(indent)}</${open.trimStart().slice(1).split(/[\s>]/)[0]}>`;
  const end = lines.indexOf(close, start);
  return lines.slice(start, end + 1);
}

describe('renderFluentdConfig', () => {
  const config = renderFluentdConfig(base);

  it('renders the syslog source in the handler envelope, with bind and TLS certificate paths', () => {
    expect(section(config, '<source>')).toEqual([
      '<source>',
      '  @type syslog',
      '  port 6514',
      '  bind 0.0.0.0',
      '  tag otbridge.syslog',
      '  frame_type traditional',
      `  severity_key ${FLUENTD_RECORD_KEYS.severity}`,
      `  facility_key ${FLUENTD_RECORD_KEYS.facility}`,
      `  source_address_key ${FLUENTD_RECORD_KEYS.sourceAddress}`,
      '  emit_unmatched_lines true',
      '  <transport tls>',
      '    cert_path /etc/fluent/tls/collector.crt',
      '    private_key_path /etc/fluent/tls/collector.key',
      '    min_version TLS1_2',
      '  </transport>',
      '  <parse>',
      '    @type regexp',
      `    expression /^(?<${FLUENTD_RECORD_KEYS.message}>.*)$/`,
      '  </parse>',
      '</source>',
    ]);
  });

  it('keeps every line of the handler-defined source section, in order', () => {
    // The handler's minimal section (no bind, framing or TLS files): each of its lines must be ours too.
    const handlerLines = renderFluentdSourceConfig({ port: 6514, tag: 'otbridge.syslog' })
      .split('\n')
      .map((line) => line.replace('<transport tcp>', '<transport tls>'));
    const ours = section(config, '<source>');
    expect(ours.filter((line) => handlerLines.includes(line))).toEqual(handlerLines);
    // And the whole section is exactly what the handler renders from the collector's options.
    expect(ours).toEqual(
      renderFluentdSourceConfig({
        port: 6514,
        tag: 'otbridge.syslog',
        transport: 'tls',
        bind: '0.0.0.0',
        tls: base.tls,
        frameType: 'traditional',
      }).split('\n'),
    );
  });

  it('accepts RFC 6587 octet counting on TCP/TLS listeners and refuses framing on UDP', () => {
    const octet = renderFluentdConfig({
      ...base,
      listeners: [
        { transport: 'tls', port: 6514, frameType: 'octet_count' },
        { transport: 'tcp', port: 5140, frameType: 'octet_count' },
        { transport: 'udp', port: 5140 },
      ],
    });
    expect(octet.split('\n').filter((line) => line.includes('frame_type'))).toEqual([
      '  frame_type octet_count',
      '  frame_type octet_count',
    ]);
    expect(() =>
      renderFluentdConfig({
        ...base,
        listeners: [{ transport: 'udp', port: 5140, frameType: 'octet_count' }],
      }),
    ).toThrow(/UDP has no framing/);
  });

  it('raises TLS 1.3 as the floor when asked', () => {
    const config13 = renderFluentdConfig({ ...base, tls: { ...base.tls, minVersion: 'TLS1_3' } });
    expect(config13).toContain('    min_version TLS1_3\n  </transport>');
  });

  it('drops sources outside the allow-list with a grep filter on the source address', () => {
    expect(section(config, '<filter otbridge.syslog.**>')).toEqual([
      '<filter otbridge.syslog.**>',
      '  @type grep',
      '  <regexp>',
      `    key ${FLUENTD_RECORD_KEYS.sourceAddress}`,
      `    pattern /${toAllowListPattern(base.allowedCidrs)}/`,
      '  </regexp>',
      '</filter>',
    ]);
    expect(toAllowListPattern(['192.0.2.0/24'])).toBe('\\A(?:192\\.0\\.2\\.\\d{1,3})\\z');
  });

  it('ships to kinesis_streams with the default JSON formatter and a file buffer that never drops', () => {
    const match = section(config, '<match otbridge.syslog.**>');
    expect(match.slice(0, 6)).toEqual([
      '<match otbridge.syslog.**>',
      '  @type kinesis_streams',
      '  stream_name otbridge-stream',
      '  region eu-central-1',
      '  retries_on_batch_request 8',
      '  drop_failed_records_after_batch_request_retries false',
    ]);
    // The handler decodes the default JSON formatter's output (record + LF): nothing may change it.
    for (const forbidden of ['data_key', 'chomp_record', '<format>', 'compression', 'aggregated']) {
      expect(
        match.some((line) => line.includes(forbidden)),
        forbidden,
      ).toBe(false);
    }
    expect(section(config, '  <buffer>')).toEqual([
      '  <buffer>',
      '    @type file',
      '    path /var/lib/fluent/buffer/kinesis',
      '    flush_mode interval',
      '    flush_interval 1s',
      '    flush_thread_count 4',
      '    chunk_limit_size 1m',
      '    total_limit_size 4g',
      '    overflow_action block',
      '    flush_at_shutdown true',
      '    retry_type exponential_backoff',
      '    retry_forever true',
      '    retry_max_interval 60s',
      '  </buffer>',
    ]);
  });

  it('exposes monitor_agent for the load balancer health check', () => {
    expect(config).toContain('<source>\n  @type monitor_agent\n  bind 0.0.0.0\n  port 24220\n</source>');
  });

  it('renders plain TCP and UDP listeners only when asked, without certificate paths', () => {
    const plain = renderFluentdConfig({
      ...base,
      listeners: [
        { transport: 'tcp', port: 5140 },
        { transport: 'udp', port: 5140 },
      ],
    });
    expect(plain).toContain('  port 5140\n  bind 0.0.0.0\n  tag otbridge.syslog\n  frame_type traditional\n');
    expect(plain).toContain('  port 5140\n  bind 0.0.0.0\n  tag otbridge.syslog\n  severity_key');
    expect(plain).toContain('  <transport tcp>\n  </transport>');
    expect(plain).toContain('  <transport udp>\n  </transport>');
    expect(plain).not.toContain('<transport tls>');
    expect(plain).not.toContain('cert_path');
    expect(config).not.toContain('<transport tcp>');
    expect(config).not.toContain('<transport udp>');
  });

  it('rejects configurations the collector cannot run with', () => {
    expect(() => renderFluentdConfig({ ...base, tls: undefined as never })).toThrow(FluentdConfigError);
    expect(() => renderFluentdConfig({ ...base, allowedCidrs: [] })).toThrow(/allowedCidrs is empty/);
    expect(() => renderFluentdConfig({ ...base, allowedCidrs: ['10.0.0.1/8'] })).toThrow(/zero host bits/);
    expect(() => renderFluentdConfig({ ...base, allowedCidrs: ['2001:db8::/32'] })).toThrow(
      FluentdConfigError,
    );
    expect(() => renderFluentdConfig({ ...base, listeners: [] })).toThrow(/at least one/);
    expect(() =>
      renderFluentdConfig({
        ...base,
        listeners: [
          { transport: 'tls', port: 6514 },
          { transport: 'tcp', port: 6514 },
        ],
      }),
    ).toThrow(/two listeners/);
    expect(() => renderFluentdConfig({ ...base, listeners: [{ transport: 'udp', port: 70_000 }] })).toThrow(
      /port/,
    );
    expect(() => renderFluentdConfig({ ...base, monitorPort: 6514 })).toThrow(/listener port/);
    expect(() =>
      renderFluentdConfig({ ...base, tls: { ...base.tls, certPath: '/etc/fluent/tls/my cert.pem' } }),
    ).toThrow(FluentdConfigError);
  });
});
