/**
 * A copy of `value` that keeps no other string alive, and the one instance of its text that every other
 * detached string with the same text also is.
 *
 * - Kept alive: V8 keeps a slice of 13 or more characters (or a concatenation holding one) as a view into
 *   the string it was cut from, so a cache entry keyed by an extension key cut from a 1 MiB line would keep
 *   that whole line in memory for as long as the cache lives. Every long-lived cache keeps input-derived
 *   strings (keys and values) through this.
 * - One instance: the copy is V8's internalized string (what a property name is, found in its string
 *   table), flat and viewing nothing. Two internalized strings compare by pointer, and a property store or
 *   lookup by one needs no string-table lookup. A view compares through a runtime call, about ten times
 *   slower (`findTemplate` compared some 40 ProductFields keys a Claroty record that way), and a store by a
 *   view looks it up in the string table each time.
 */
export function detachString(value: string): string {
  // A property name of a fresh object is the internalized string; an array-index name ("42") comes back
  // as a new flat string of the same text, which views nothing either.
  for (const key in { [value]: 0 }) return key;
  return value;
}
