import { ASFF_LIMITS } from './asff-limits.js';
import { PARSER_PRODUCT_FIELDS_BUDGET } from './ot-conventions.js';
import { truncateUtf16 } from './truncate-utf16.js';

/** ProductFields that fit the service's limits, and the keys that did not fit. */
export interface ToProductFieldsResult {
  /** Null-prototype object, so a `__proto__` key is just a key. */
  readonly fields: Record<string, string>;
  /** Keys left out: over the pair budget, blank key or value, or the reserved `aws/` prefix. */
  readonly dropped: string[];
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
  const fields: Record<string, string> = Object.create(null);
  const dropped: string[] = [];
  const limit = Math.min(Math.max(0, Math.floor(budget)), ASFF_LIMITS.PRODUCT_FIELDS);
  let count = 0;
  for (const [rawKey, rawValue] of entries) {
    // The length tests skip truncateUtf16's result object for the usual key or value that already fits.
    const key =
      rawKey.length <= ASFF_LIMITS.PRODUCT_FIELD_KEY
        ? rawKey
        : truncateUtf16(rawKey, ASFF_LIMITS.PRODUCT_FIELD_KEY).value;
    if (key.trim() === '' || rawValue.trim() === '' || key.startsWith('aws/')) {
      dropped.push(rawKey);
      continue;
    }
    const isNew = !Object.hasOwn(fields, key);
    if (isNew && count >= limit) {
      dropped.push(rawKey);
      continue;
    }
    if (isNew) count += 1;
    fields[key] =
      rawValue.length <= ASFF_LIMITS.PRODUCT_FIELD_VALUE
        ? rawValue
        : truncateUtf16(rawValue, ASFF_LIMITS.PRODUCT_FIELD_VALUE).value;
  }
  return { fields, dropped };
}
