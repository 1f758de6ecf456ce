import type { CefRecord } from './cef-record.js';
import { TokenizedCefRecord } from './tokenized-cef-record.js';

/**
 * All extensions as one flat list `[key0, value0, key1, value1, ...]` in input order, repeated keys
 * included: a walk over every pair without one array per pair. For a record from `tokenizeCef` the list is
 * built once and shared by every caller: treat it as read-only.
 */
export function flattenCefExtensions(record: CefRecord): readonly string[] {
  if (record instanceof TokenizedCefRecord) return record.extensionStrings();
  const strings: string[] = [];
  for (const [key, value] of record.extensions) strings.push(key, value);
  return strings;
}
