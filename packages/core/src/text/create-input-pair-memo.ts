import { detachString } from './detach-string.js';

/**
 * `compute` memoised by two strings from input, kept as a Map per first string: for a header's vendor and
 * product, which a sensor sends the same on every record, so a record costs two lookups of the strings as
 * they are (no normalised or concatenated key made first). Bounded to `maxEntries` pairs, so hostile input
 * with ever new spellings cannot grow it; kept keys go through `detachString`. Results are kept as `compute`
 * returns them (freeze one that callers share).
 */
export function createInputPairMemo<T>(
  compute: (first: string, second: string) => T,
  { maxEntries }: { readonly maxEntries: number },
): (first: string, second: string) => T {
  const results = new Map<string, Map<string, T>>();
  let size = 0;
  return (first, second) => {
    let bySecond = results.get(first);
    let result = bySecond?.get(second);
    // `has` only for an undefined result, which `compute` may return.
    if (result !== undefined || (bySecond?.has(second) ?? false)) return result as T;
    result = compute(first, second);
    if (size < maxEntries) {
      if (bySecond === undefined) {
        bySecond = new Map();
        results.set(detachString(first), bySecond);
      }
      bySecond.set(detachString(second), result);
      size += 1;
    }
    return result;
  };
}
