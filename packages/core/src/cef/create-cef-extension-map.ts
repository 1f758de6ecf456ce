import type { CefRecord } from './cef-record.js';
import { TokenizedCefRecord } from './tokenized-cef-record.js';

/**
 * All extensions as a Map (input order; for repeated keys the last value wins). `__proto__` is just a key.
 * For a record from `tokenizeCef` the Map is built once and shared by every caller: treat it as read-only.
 */
export function createCefExtensionMap(record: CefRecord): ReadonlyMap<string, string> {
  if (record instanceof TokenizedCefRecord) return record.extensionMap();
  const map = new Map<string, string>();
  for (const [key, value] of record.extensions) {
    map.delete(key); // keep the position of the winning (last) occurrence
    map.set(key, value);
  }
  return map;
}
