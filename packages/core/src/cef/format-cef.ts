import { escapeExtensionValue, escapeHeaderField, isCefKey } from './cef-escape.js';
import type { CefRecord } from './cef-record.js';

/**
 * Writes a record as one CEF line, escaping header fields (`\|`, `\\`) and extension values
 * (`\=`, `\\`, `\n`, `\r`). `prefix.raw` is written first when present.
 * Not representable, so lost on a round trip: trailing spaces of the last value (CEF drops them) and raw
 * line breaks in header fields (CEF has no escape for them).
 * Throws a RangeError for a key that is not CEF-shaped: writing it would forge or corrupt pairs.
 */
export function formatCef(record: CefRecord): string {
  let line = `${record.prefix?.raw ?? ''}CEF:${record.version}|${escapeHeaderField(record.deviceVendor)}|${escapeHeaderField(
    record.deviceProduct,
  )}|${escapeHeaderField(record.deviceVersion)}|${escapeHeaderField(record.deviceEventClassId)}|${escapeHeaderField(
    record.name,
  )}|${escapeHeaderField(record.severity)}|`;
  let first = true;
  for (const [key, value] of record.extensions) {
    if (!isCefKey(key))
      throw new RangeError(`formatCef: ${JSON.stringify(key)} is not a valid CEF extension key`);
    line += `${first ? '' : ' '}${key}=${escapeExtensionValue(value)}`;
    first = false;
  }
  return line;
}
