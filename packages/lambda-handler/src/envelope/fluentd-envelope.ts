/**
 * The record envelope otbridge's Fluentd collector writes into Kinesis, defined once.
 *
 * The collector runs `in_syslog` with a pass-through parser that captures the whole line (after Fluentd
 * stripped `<PRI>`) into `message`, adds `severity_key`/`facility_key` (so the PRI can be rebuilt) and
 * `source_address_key`, and ships the record with `kinesis_streams` and the default JSON formatter, which
 * appends one LF. One Kinesis record = one JSON object + `\n`.
 */

/** The record keys the collector writes; the handler, the local pipeline and `otbridge send` share them. */
export const FLUENTD_RECORD_KEYS = {
  message: 'message',
  severity: 'severity',
  facility: 'facility',
  sourceAddress: 'source_address',
  sourceHostname: 'source_hostname',
} as const;

/** JSON keys tried for the syslog line when the envelope is detected automatically, in this order. */
export const ENVELOPE_MESSAGE_KEYS = ['message', 'data', 'log', 'unmatched_line'] as const;

/** JSON keys that may name the sending host (Fluentd syslog parser, source keys, Fluent Bit). */
export const ENVELOPE_HOST_KEYS = ['host', 'hostname', 'source_hostname', 'source_address'] as const;

/** Syslog severity names as Fluentd writes them for `severity_key` (index = severity number). */
export const SYSLOG_SEVERITY_NAMES = [
  'emerg',
  'alert',
  'crit',
  'err',
  'warn',
  'notice',
  'info',
  'debug',
] as const;

/** Syslog facility names as Fluentd writes them for `facility_key` (index = facility number). */
export const SYSLOG_FACILITY_NAMES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

/** TLS material of a `tls` listener, as paths on the collector host. */
export interface FluentdSourceTls {
  /** PEM certificate chain, leaf first. */
  readonly certPath: string;
  /** PEM private key of the leaf certificate. */
  readonly privateKeyPath: string;
  /** Lowest TLS version accepted. Default `TLS1_2`. */
  readonly minVersion?: 'TLS1_2' | 'TLS1_3';
}

/** Options of `renderFluentdSourceConfig`. */
export interface FluentdSourceOptions {
  readonly port: number;
  readonly tag: string;
  /** Default `tcp`. */
  readonly transport?: 'tcp' | 'udp' | 'tls';
  /** Listen address (`bind`); omitted: Fluentd's default, all IPv4 addresses. */
  readonly bind?: string;
  /** Required with `transport: 'tls'`, refused otherwise. */
  readonly tls?: FluentdSourceTls;
  /**
   * TCP/TLS framing: `traditional` (LF-delimited) or `octet_count` (RFC 6587 octet counting, as RFC 5425
   * senders use). Omitted: Fluentd's default, `traditional`. Refused for UDP (one message per datagram).
   */
  readonly frameType?: 'traditional' | 'octet_count';
}

/** Raised by `renderFluentdSourceConfig` for options Fluentd would refuse or misread (a programmer error). */
export class FluentdSourceConfigError extends Error {
  override readonly name = 'FluentdSourceConfigError';
}

// A value on one config line: no whitespace, no quotes, no `#`, no angle brackets (no second directive).
const CONFIG_TOKEN = /^[^\s"'#<>]+$/;
const BIND_ADDRESS = /^(?:[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;

function assertToken(value: string, what: string): void {
  if (!CONFIG_TOKEN.test(value)) {
    throw new FluentdSourceConfigError(
      `${what} '${value}' must be one word without spaces, quotes, '#' or angle brackets.`,
    );
  }
}

/**
 * The collector's Fluentd `<source>` section (syslog in the handler's envelope), defined once: the deploy
 * package's collector, the local pipeline and `otbridge send` render it from here. Throws
 * `FluentdSourceConfigError` for options Fluentd would refuse.
 */
export function renderFluentdSourceConfig(options: FluentdSourceOptions): string {
  const keys = FLUENTD_RECORD_KEYS;
  const transport = options.transport ?? 'tcp';
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new FluentdSourceConfigError(`port must be an integer from 1 to 65535, got ${options.port}.`);
  }
  assertToken(options.tag, 'tag');
  if (options.bind !== undefined && !BIND_ADDRESS.test(options.bind)) {
    throw new FluentdSourceConfigError(`bind '${options.bind}' must be an IPv4 or IPv6 address.`);
  }
  if (transport === 'tls' && options.tls === undefined) {
    throw new FluentdSourceConfigError('a tls source needs tls.certPath and tls.privateKeyPath.');
  }
  if (transport !== 'tls' && options.tls !== undefined) {
    throw new FluentdSourceConfigError(`tls files are only for a tls source, not ${transport}.`);
  }
  if (transport === 'udp' && options.frameType !== undefined) {
    throw new FluentdSourceConfigError('frameType applies to tcp and tls sources; UDP has no framing.');
  }
  const transportBody: string[] = [];
  if (options.tls !== undefined) {
    assertToken(options.tls.certPath, 'tls.certPath');
    assertToken(options.tls.privateKeyPath, 'tls.privateKeyPath');
    transportBody.push(
      `    cert_path ${options.tls.certPath}`,
      `    private_key_path ${options.tls.privateKeyPath}`,
      `    min_version ${options.tls.minVersion ?? 'TLS1_2'}`,
    );
  }
  return [
    '<source>',
    '  @type syslog',
    `  port ${options.port}`,
    ...(options.bind !== undefined ? [`  bind ${options.bind}`] : []),
    `  tag ${options.tag}`,
    ...(options.frameType !== undefined ? [`  frame_type ${options.frameType}`] : []),
    `  severity_key ${keys.severity}`,
    `  facility_key ${keys.facility}`,
    `  source_address_key ${keys.sourceAddress}`,
    '  emit_unmatched_lines true',
    `  <transport ${transport}>`,
    ...transportBody,
    '  </transport>',
    '  <parse>',
    '    @type regexp',
    `    expression /^(?<${keys.message}>.*)$/`,
    '  </parse>',
    '</source>',
  ].join('\n');
}

/** Optional collector-added fields of one envelope. */
export interface FluentdRecordFields {
  readonly severity?: string;
  readonly facility?: string;
  readonly sourceAddress?: string;
  readonly sourceHostname?: string;
}

/** Encodes one syslog line exactly as the collector writes it into a Kinesis record's `Data`. */
export function encodeFluentdRecord(line: string, fields: FluentdRecordFields = {}): Uint8Array {
  const keys = FLUENTD_RECORD_KEYS;
  const record: Record<string, string> = { [keys.message]: line };
  if (fields.severity !== undefined) record[keys.severity] = fields.severity;
  if (fields.facility !== undefined) record[keys.facility] = fields.facility;
  if (fields.sourceAddress !== undefined) record[keys.sourceAddress] = fields.sourceAddress;
  if (fields.sourceHostname !== undefined) record[keys.sourceHostname] = fields.sourceHostname;
  return Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
}

/** Rebuilds `<PRI>` from Fluentd's `severity_key`/`facility_key` names; undefined if either is unknown. */
export function toSyslogPriority(facility: unknown, severity: unknown): number | undefined {
  if (typeof facility !== 'string' || typeof severity !== 'string') return undefined;
  const f = (SYSLOG_FACILITY_NAMES as readonly string[]).indexOf(facility);
  const s = (SYSLOG_SEVERITY_NAMES as readonly string[]).indexOf(severity === 'warning' ? 'warn' : severity);
  return f < 0 || s < 0 ? undefined : f * 8 + s;
}
