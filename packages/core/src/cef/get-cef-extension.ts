import type { CefRecord } from './cef-record.js';
import { TokenizedCefRecord } from './tokenized-cef-record.js';

/** The value of extension `key`; when the key is repeated, the last one wins. */
export function getCefExtension(record: CefRecord, key: string): string | undefined {
  if (record instanceof TokenizedCefRecord) return record.lookupExtension(key);
  const pairs = record.extensions;
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i]!;
    if (pair[0] === key) return pair[1];
  }
  return undefined;
}
