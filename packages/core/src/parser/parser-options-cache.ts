// Per-parser options merged over `defaultOptions` once per options object, not once per record.
// `normalizeRecord` hands the merged (frozen) object to `defineParser`'s wrapper, which recognises it
// and skips its own merge: both merges give the same keys, values and order.

/** Merged options objects by the parser's frozen `defaultOptions` and the caller's options object. */
const MERGED = new WeakMap<object, { readonly source: object | undefined; readonly merged: object }>();
/** Every merged object handed out, so `isMergedOptions` can tell them apart from a caller's own. */
const HANDED_OUT = new WeakMap<object, object>();

/**
 * `{ ...defaultOptions, ...options }`, frozen and reused while the same `options` object comes back
 * (options are configuration: built once, never mutated between records).
 */
export function mergeParserOptions(defaultOptions: object, options: object | undefined): object {
  const cached = MERGED.get(defaultOptions);
  if (cached !== undefined && cached.source === options) return cached.merged;
  const merged = Object.freeze({ ...defaultOptions, ...options });
  MERGED.set(defaultOptions, { source: options, merged });
  HANDED_OUT.set(merged, defaultOptions);
  return merged;
}

/** True when `options` came from `mergeParserOptions` for these `defaultOptions`. */
export function isMergedOptions(defaultOptions: object, options: unknown): boolean {
  return typeof options === 'object' && options !== null && HANDED_OUT.get(options) === defaultOptions;
}
