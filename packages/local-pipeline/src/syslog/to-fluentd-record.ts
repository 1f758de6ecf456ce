import {
  encodeFluentdRecord,
  type FluentdRecordFields,
  SYSLOG_FACILITY_NAMES,
  SYSLOG_SEVERITY_NAMES,
} from '@otbridge/lambda-handler';

/** Highest valid syslog PRI (facility 23, severity 7). */
export const SYSLOG_MAX_PRIORITY = 191;

/**
 * One received syslog message as the collector's Fluentd (`in_syslog`, pass-through parser,
 * `severity_key`/`facility_key`/`source_address_key`) writes it into Kinesis: `<PRI>` stripped and kept as
 * names, the sender's address added. A message without a PRI is kept whole (`emit_unmatched_lines`).
 * Returns undefined for an empty message, which Fluentd drops.
 */
export function toFluentdRecord(message: Buffer, sourceAddress: string): Uint8Array | undefined {
  const text = message.toString('utf8');
  if (text.trim() === '') return undefined;
  const priority = readPriority(text);
  const facility = priority === undefined ? undefined : SYSLOG_FACILITY_NAMES[priority.value >> 3];
  const severity = priority === undefined ? undefined : SYSLOG_SEVERITY_NAMES[priority.value & 7];
  if (priority === undefined || facility === undefined || severity === undefined) {
    return encodeFluentdRecord(text, { sourceAddress });
  }
  const fields: FluentdRecordFields = { sourceAddress, facility, severity };
  return encodeFluentdRecord(text.slice(priority.end), fields);
}

/**
 * `<PRI>` at the start: 1-3 digits in angle brackets, at most 191.
 * ```
 * <134>Oct 10 2019 …
 * ^   ^ end
 * ```
 */
function readPriority(text: string): { value: number; end: number } | undefined {
  if (text.charCodeAt(0) !== 0x3c) return undefined;
  let value = 0;
  let cursor = 1;
  while (cursor < text.length && cursor <= 4) {
    const code = text.charCodeAt(cursor);
    if (code === 0x3e) break;
    if (code < 0x30 || code > 0x39) return undefined;
    value = value * 10 + (code - 0x30);
    cursor++;
  }
  if (text.charCodeAt(cursor) !== 0x3e || cursor === 1 || value > SYSLOG_MAX_PRIORITY) return undefined;
  return { value, end: cursor + 1 };
}
