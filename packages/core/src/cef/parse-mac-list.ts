import { splitCefList } from './split-cef-list.js';

/**
 * MAC addresses from a list, normalised to lowercase `aa:bb:cc:dd:ee:ff`. Accepts `:` or `-` separated
 * pairs, Cisco `aaaa.bbbb.cccc` and 12 bare hex digits; anything else is skipped.
 */
export function parseMacList(value: string): string[] {
  // The usual value, one address already in the normal form, is its own list (splitting and normalising
  // it gives the same text).
  if (typeof value === 'string' && isNormalMac(value)) return [value];
  const out: string[] = [];
  for (const item of splitCefList(value)) {
    const mac = normalizeMac(item);
    if (mac !== undefined) out.push(mac);
  }
  return out;
}

function normalizeMac(item: string): string | undefined {
  let hex = '';
  if (item.length === 17) {
    const separator = item[2];
    if (separator !== ':' && separator !== '-') return undefined;
    for (let i = 0; i < 17; i++) {
      if (i % 3 === 2) {
        if (item[i] !== separator) return undefined;
      } else hex += item[i];
    }
  } else if (item.length === 14) {
    for (let i = 0; i < 14; i++) {
      if (i === 4 || i === 9) {
        if (item[i] !== '.') return undefined;
      } else hex += item[i];
    }
  } else if (item.length === 12) hex = item;
  else return undefined;
  if (!/^[0-9A-Fa-f]{12}$/.test(hex)) return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10)}`;
}

/** `aa:bb:cc:dd:ee:ff` with lowercase hex digits: what `normalizeMac` returns. */
function isNormalMac(value: string): boolean {
  if (value.length !== 17) return false;
  for (let index = 0; index < 17; index++) {
    const code = value.charCodeAt(index);
    const ok =
      index % 3 === 2 ? code === 58 /* : */ : (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
    if (!ok) return false;
  }
  return true;
}
