import { ASFF_LIMITS } from './asff-limits.js';
import { PARSER_PRODUCT_FIELDS_BUDGET } from './ot-conventions.js';
import { truncateUtf16 } from './truncate-utf16.js';

/** ProductFields that fit the service's limits, and the keys that did not fit. */
export interface ToProductFieldsResult {
  /** A plain object; a `__proto__` key is an own data property (defined, never assigned), just a key. */
  readonly fields: Record<string, string>;
  /** Keys left out: over the pair budget, blank key or value, or the reserved `aws/` prefix. */
  readonly dropped: string[];
}

// Non-empty `fields` objects toProductFields made and nobody has taken yet: the first createBaseFinding
// given one uses it as the finding's ProductFields instead of copying it (see `takeFreshProductFields`).
const FRESH_FIELDS = new WeakSet<object>();

/**
 * Whether `fields` is a non-empty result of `toProductFields` not taken before; true at most once per
 * object, so a second finding built from the same fields gets its own copy.
 */
export function takeFreshProductFields(fields: object): boolean {
  return FRESH_FIELDS.delete(fields);
}

/**
 * Builds `ProductFields` from key/value pairs: keys truncated to 128 and values to 2048 UTF-16 units,
 * a later duplicate key replaces the earlier value, at most `budget` distinct keys (default 48: the
 * service allows 50 and `defineParser` adds two); everything left out is listed in `dropped`.
 */
export function toProductFields(
  entries: Iterable<readonly [string, string]>,
  budget: number = PARSER_PRODUCT_FIELDS_BUDGET,
): ToProductFieldsResult {
  // A plain object rather than a null-prototype one (dictionary mode in V8, slow to fill, read and copy).
  // `Object.hasOwn` ignores inherited names such as `constructor`, and assigning one of them makes an own
  // property; only `__proto__` (a setter on Object.prototype) has to be defined instead of assigned.
  const fields: Record<string, string> = {};
  const dropped: string[] = [];
  const limit = Math.min(Math.max(0, Math.floor(budget)), ASFF_LIMITS.PRODUCT_FIELDS);
  let count = 0;
  for (const [rawKey, rawValue] of entries) {
    // The length tests skip truncateUtf16's result object for the usual key or value that already fits.
    const key =
      rawKey.length <= ASFF_LIMITS.PRODUCT_FIELD_KEY
        ? rawKey
        : truncateUtf16(rawKey, ASFF_LIMITS.PRODUCT_FIELD_KEY).value;
    if (isBlank(key) || isBlank(rawValue) || (key.charCodeAt(0) === 97 && key.startsWith('aws/'))) {
      dropped.push(rawKey);
      continue;
    }
    const isNew = !Object.hasOwn(fields, key);
    if (isNew && count >= limit) {
      dropped.push(rawKey);
      continue;
    }
    if (isNew) count += 1;
    const value =
      rawValue.length <= ASFF_LIMITS.PRODUCT_FIELD_VALUE
        ? rawValue
        : truncateUtf16(rawValue, ASFF_LIMITS.PRODUCT_FIELD_VALUE).value;
    if (key === '__proto__')
      Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
    else fields[key] = value;
  }
  if (count === 0) return { fields, dropped };
  // V8 keeps an object filled by `fields[key] =` stores in fast mode only up to about 20 keys, then turns it
  // into a dictionary-mode object: slower to read, enumerate, validate and serialise (about 2 µs a finding
  // for Claroty). `Object.fromEntries` builds a fast-mode object of any size (and keeps `__proto__` an own
  // data property); it costs more than the stores for small objects, so only large ones are rebuilt.
  const result = count < DICTIONARY_MODE_KEYS ? fields : Object.fromEntries(Object.entries(fields));
  FRESH_FIELDS.add(result);
  return { fields: result, dropped };
}

/** From this many keys on, an object built by keyed stores may be in V8's dictionary mode. */
const DICTIONARY_MODE_KEYS = 18;

/**
 * `value.trim() === ''` without trimming the usual value: one that starts with a printable ASCII character
 * other than the space is not blank (every character `trim` removes is a space, a control character or
 * above U+007F).
 */
function isBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return value.trim() === '';
}
