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

/** The collector's Fluentd `<source>` section; the deploy package's user data embeds it verbatim. */
export function renderFluentdSourceConfig(options: {
  port: number;
  tag: string;
  transport?: 'tcp' | 'udp' | 'tls';
}): string {
  const keys = FLUENTD_RECORD_KEYS;
  return [
    '<source>',
    '  @type syslog',
    `  port ${options.port}`,
    `  tag ${options.tag}`,
    `  severity_key ${keys.severity}`,
    `  facility_key ${keys.facility}`,
    `  source_address_key ${keys.sourceAddress}`,
    '  emit_unmatched_lines true',
    `  <transport ${options.transport ?? 'tcp'}>`,
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
