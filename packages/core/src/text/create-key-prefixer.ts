import { createInputMemo } from './create-input-memo.js';
import { detachString } from './detach-string.js';

/**
 * A function from a key to `<prefix><key>` (`dragos/src_asset_ip`) that builds each distinct result once:
 * keys repeat on every record of a sender, and a cached string is neither concatenated nor hashed again.
 * At most `maxEntries` keys are kept (keys come from input); past that, results are built each time. Kept
 * keys and results are detached, so the cache keeps no input line alive.
 */
export function createKeyPrefixer(prefix: string, maxEntries = 1024): (key: string) => string {
  return createInputMemo((key) => detachString(`${prefix}${key}`), { maxEntries });
}
