import { detachString } from './detach-string.js';

/** Bounds of a `createInputMemo` cache. */
export interface InputMemoOptions {
  /** Keys kept at most; past that, results are computed each time. */
  readonly maxEntries: number;
  /** Longer keys are computed each time and never kept (nor hashed for a lookup). Default: no limit. */
  readonly maxKeyLength?: number;
}

/**
 * `compute` memoised by a key that comes from input (a header field, an extension key or value): vendors
 * send the same few values on every record, so each distinct one is computed once. Bounded, so hostile input
 * with ever new keys cannot grow it, and kept keys go through `detachString`, so the cache keeps no input line
 * alive. Results are kept as `compute` returns them: a result that holds input-derived strings must detach
 * them itself (and be frozen when callers share it).
 */
export function createInputMemo<T>(
  compute: (key: string) => T,
  { maxEntries, maxKeyLength = Number.POSITIVE_INFINITY }: InputMemoOptions,
): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    let result = results.get(key);
    // `has` only for an undefined result, which `compute` may return.
    if (result !== undefined || results.has(key)) return result as T;
    result = compute(key);
    if (results.size < maxEntries) results.set(detachString(key), result);
    return result;
  };
}
