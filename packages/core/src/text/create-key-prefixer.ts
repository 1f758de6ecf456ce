import { detachString } from './detach-string.js';

/**
 * A function from a key to `<prefix><key>` (`dragos/src_asset_ip`) that builds each distinct result once:
 * keys repeat on every record of a sender, and a cached string is neither concatenated nor hashed again.
 * At most `maxEntries` keys are kept (keys come from input); past that, results are built each time. Kept
 * keys and results go through `detachString`, so the cache keeps no input line alive.
 */
export function createKeyPrefixer(prefix: string, maxEntries = 1024): (key: string) => string {
  const prefixed = new Map<string, string>();
  return (key) => {
    let result = prefixed.get(key);
    if (result === undefined) {
      result = detachString(`${prefix}${key}`);
      if (prefixed.size < maxEntries) prefixed.set(detachString(key), result);
    }
    return result;
  };
}
