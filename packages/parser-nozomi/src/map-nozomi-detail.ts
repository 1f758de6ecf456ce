/** `cs4` Detail as pairs: `{trigger_type: yara_rules, trigger_id: MALW_DragonFly2.yar}` (not JSON). */
export type NozomiDetail = ReadonlyMap<string, string>;

/** Most pairs read from one Detail value. */
export const NOZOMI_MAX_DETAIL_PAIRS = 16;

const NO_DETAIL: NozomiDetail = new Map<string, string>();

/**
 * Reads the brace-wrapped `key: value, key: value` map N2OS sends in `cs4`. Values are taken verbatim up to
 * the next `, <key>:`; a value without a key is ignored. Single pass, never throws.
 */
export function mapNozomiDetail(detail: string | undefined): NozomiDetail {
  // Most events have no Detail: they share one empty Map (read-only to callers) instead of a new one each.
  if (detail === undefined) return NO_DETAIL;
  const pairs = new Map<string, string>();
  let text = detail.trim();
  if (text.startsWith('{')) text = text.slice(1);
  if (text.endsWith('}')) text = text.slice(0, -1);
  let key: string | undefined;
  let value = '';
  for (const part of text.split(',')) {
    const colon = part.indexOf(':');
    const candidate = colon > 0 ? part.slice(0, colon).trim() : '';
    if (candidate !== '' && isKey(candidate)) {
      if (key !== undefined) pairs.set(key, value.trim());
      if (pairs.size === NOZOMI_MAX_DETAIL_PAIRS) return pairs;
      key = candidate;
      value = part.slice(colon + 1);
    } else if (key !== undefined) {
      value += `,${part}`;
    }
  }
  if (key !== undefined) pairs.set(key, value.trim());
  return pairs;
}

/** `snake_case` identifier: letters, digits and `_`, at most 64 characters. */
function isKey(value: string): boolean {
  if (value.length > 64) return false;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    const ok =
      code === 95 || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!ok) return false;
  }
  return true;
}
