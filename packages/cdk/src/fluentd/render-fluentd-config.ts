import {
  FLUENTD_RECORD_KEYS,
  FluentdSourceConfigError,
  type FluentdSourceTls,
  renderFluentdSourceConfig,
} from '@otbridge/lambda-handler';
import { parseIpv4Cidr, toIpv4CidrPattern } from './ipv4-cidr-pattern.js';

/** A syslog transport the collector listens on. */
export type SyslogTransport = 'tls' | 'tcp' | 'udp';

/** Syslog framing over TCP/TLS: LF-delimited (`traditional`) or RFC 6587 octet counting. */
export type SyslogFrameType = 'traditional' | 'octet_count';

/** One syslog listener: transport, port and (TCP/TLS) framing. */
export interface SyslogListener {
  readonly transport: SyslogTransport;
  readonly port: number;
  /** TCP/TLS only. Default `traditional` (LF-delimited); `octet_count` for RFC 5425 / RFC 6587 senders. */
  readonly frameType?: SyslogFrameType;
}

/** Where the TLS certificate chain and private key live on the collector host (and the TLS floor). */
export type FluentdTlsFiles = FluentdSourceTls;

/** Options for `renderFluentdConfig`. */
export interface FluentdConfigOptions {
  /** Kinesis stream name (a CDK token is fine: it is resolved by CloudFormation in the user data). */
  readonly streamName: string;
  readonly region: string;
  readonly listeners: readonly SyslogListener[];
  /** Required when a listener uses `tls`. */
  readonly tls?: FluentdTlsFiles;
  /** IPv4 CIDR blocks allowed to send; records from any other source address are dropped. */
  readonly allowedCidrs: readonly string[];
  /** Directory of the file buffer (must survive a restart). */
  readonly bufferPath: string;
  /** Upper bound of the file buffer, Fluentd size syntax. Default `4g`. */
  readonly bufferTotalLimitSize?: string;
  /** PutRecords partial-failure retries before the chunk is re-queued. Default 8. */
  readonly retriesOnBatchRequest?: number;
  /** Port of Fluentd's monitor_agent, used by the load balancer health check. Default 24220. */
  readonly monitorPort?: number;
  /** Tag prefix of syslog events. Default `otbridge.syslog`. */
  readonly tag?: string;
}

/** Defaults of the rendered configuration. */
export const FLUENTD_CONFIG_DEFAULTS = {
  tag: 'otbridge.syslog',
  bufferTotalLimitSize: '4g',
  retriesOnBatchRequest: 8,
  monitorPort: 24220,
} as const;

/** Raised for options the collector cannot run with (a programmer or configuration error). */
export class FluentdConfigError extends Error {
  override readonly name = 'FluentdConfigError';
}

function assertPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new FluentdConfigError(`${what} must be an integer port from 1 to 65535, got ${port}.`);
  }
}

/** `\A(?:a|b)\z` over the allowed blocks; Ruby anchors, because `^`/`$` match at line breaks there. */
export function toAllowListPattern(allowedCidrs: readonly string[]): string {
  if (allowedCidrs.length === 0) {
    throw new FluentdConfigError('allowedCidrs is empty: name the sensor networks allowed to send syslog.');
  }
  const patterns = allowedCidrs.map((cidr) => {
    const parsed = parseIpv4Cidr(cidr);
    if (parsed === undefined) {
      throw new FluentdConfigError(
        `'${cidr}' is not an IPv4 CIDR block with zero host bits (e.g. 10.0.0.0/8).`,
      );
    }
    return toIpv4CidrPattern(parsed);
  });
  return `\\A(?:${patterns.join('|')})\\z`;
}

/** The `<source>` of one listener, rendered by the handler's envelope module (the single definition). */
function renderListener(listener: SyslogListener, tag: string, tls: FluentdTlsFiles | undefined): string[] {
  if (listener.transport === 'tls' && tls === undefined) {
    throw new FluentdConfigError('a tls listener needs the tls certificate files.');
  }
  if (listener.transport === 'udp' && listener.frameType !== undefined) {
    throw new FluentdConfigError('frameType applies to tcp and tls listeners; UDP has no framing.');
  }
  try {
    return renderFluentdSourceConfig({
      port: listener.port,
      tag,
      transport: listener.transport,
      bind: '0.0.0.0',
      ...(listener.transport === 'tls' && tls !== undefined ? { tls } : {}),
      // Explicit on the collector, so the framing a sensor must use is visible in the configuration.
      ...(listener.transport === 'udp' ? {} : { frameType: listener.frameType ?? 'traditional' }),
    }).split('\n');
  } catch (error) {
    if (error instanceof FluentdSourceConfigError) {
      throw new FluentdConfigError(`the ${listener.transport} listener: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Renders the collector's whole Fluentd configuration (pure): syslog sources in the handler's envelope,
 * a source-address allow-list, and `kinesis_streams` with a file buffer that never drops records.
 */
export function renderFluentdConfig(options: FluentdConfigOptions): string {
  const tag = options.tag ?? FLUENTD_CONFIG_DEFAULTS.tag;
  const monitorPort = options.monitorPort ?? FLUENTD_CONFIG_DEFAULTS.monitorPort;
  const retries = options.retriesOnBatchRequest ?? FLUENTD_CONFIG_DEFAULTS.retriesOnBatchRequest;
  if (options.listeners.length === 0) throw new FluentdConfigError('at least one syslog listener is needed.');
  const seen = new Set<string>();
  for (const listener of options.listeners) {
    assertPort(listener.port, `the ${listener.transport} listener port`);
    // TCP and TLS share the TCP port space; UDP has its own.
    const key = `${listener.transport === 'udp' ? 'udp' : 'tcp'}:${listener.port}`;
    if (seen.has(key)) throw new FluentdConfigError(`two listeners use ${key}.`);
    seen.add(key);
  }
  assertPort(monitorPort, 'monitorPort');
  if (seen.has(`tcp:${monitorPort}`))
    throw new FluentdConfigError(`monitorPort ${monitorPort} is a listener port.`);
  if (!Number.isInteger(retries) || retries < 0) {
    throw new FluentdConfigError(`retriesOnBatchRequest must be a non-negative integer, got ${retries}.`);
  }
  const allowList = toAllowListPattern(options.allowedCidrs);
  const tagPattern = `${tag}.**`;
  return [
    '# Written by @otbridge/cdk (renderFluentdConfig). Changes on the host are lost on replacement.',
    '<system>',
    '  log_level info',
    '</system>',
    '',
    ...options.listeners.flatMap((listener) => [...renderListener(listener, tag, options.tls), '']),
    '# Health check target of the load balancer.',
    '<source>',
    '  @type monitor_agent',
    '  bind 0.0.0.0',
    `  port ${monitorPort}`,
    '</source>',
    '',
    '# Defence in depth behind the security groups: only the allowed sensor networks.',
    `<filter ${tagPattern}>`,
    '  @type grep',
    '  <regexp>',
    `    key ${FLUENTD_RECORD_KEYS.sourceAddress}`,
    `    pattern /${allowList}/`,
    '  </regexp>',
    '</filter>',
    '',
    // Default JSON formatter (record + LF): the envelope the handler decodes.
    `<match ${tagPattern}>`,
    '  @type kinesis_streams',
    `  stream_name ${options.streamName}`,
    `  region ${options.region}`,
    `  retries_on_batch_request ${retries}`,
    '  drop_failed_records_after_batch_request_retries false',
    '  <buffer>',
    '    @type file',
    `    path ${options.bufferPath}`,
    '    flush_mode interval',
    '    flush_interval 1s',
    '    flush_thread_count 4',
    '    chunk_limit_size 1m',
    `    total_limit_size ${options.bufferTotalLimitSize ?? FLUENTD_CONFIG_DEFAULTS.bufferTotalLimitSize}`,
    '    overflow_action block',
    '    flush_at_shutdown true',
    '    retry_type exponential_backoff',
    '    retry_forever true',
    '    retry_max_interval 60s',
    '  </buffer>',
    '</match>',
    '',
  ].join('\n');
}
