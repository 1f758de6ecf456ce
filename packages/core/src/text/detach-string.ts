/** V8 keeps a slice of at least this many characters as a view into the string it was cut from. */
const SLICE_VIEW_MIN_LENGTH = 13;

/**
 * A copy of `value` that keeps no other string alive. A slice of 13 or more characters (or a concatenation
 * holding one) points into the string it came from: a cache entry keyed by an extension key cut from a
 * 1 MiB line would keep that whole line in memory for as long as the cache lives. Every long-lived cache
 * keeps input-derived strings (keys and values) through this.
 */
export function detachString(value: string): string {
  // Concatenating, then slicing, makes V8 flatten into a new string of length + 1: the result views that
  // copy, never the input's parent.
  return value.length < SLICE_VIEW_MIN_LENGTH ? value : ` ${value}`.slice(1);
}
