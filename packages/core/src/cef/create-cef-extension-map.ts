import type { CefRecord } from './cef-record.js';

/** All extensions as a Map (input order; for repeated keys the last value wins). `__proto__` is just a key. */
export function createCefExtensionMap(record: CefRecord): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of record.extensions) {
    map.delete(key); // keep the position of the winning (last) occurrence
    map.set(key, value);
  }
  return map;
}
