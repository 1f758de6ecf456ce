/** Longest list value these helpers look at; longer input yields what fits (bounded work on hostile values). */
const MAX_LIST_VALUE_LENGTH = 65_536;
/** Placeholders vendors send for "no value" (Dragos `None`, others `N/A`, `-`, `[]`). */
const EMPTY_MARKERS = new Set(['', 'none', 'null', 'n/a', '-', '[]']);

/** Splits a vendor list value (comma, space, semicolon, tab; JSON-ish brackets and quotes stripped). */
export function splitCefList(value: string): string[] {
  if (typeof value !== 'string') return [];
  const text = value.length > MAX_LIST_VALUE_LENGTH ? value.slice(0, MAX_LIST_VALUE_LENGTH) : value;
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44 /* , */ || c === 32 || c === 59 /* ; */ || c === 9) {
      if (i > start) items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (items.length === 1 && EMPTY_MARKERS.has(items[0]!.toLowerCase())) return [];
  // Allow a JSON-ish list: ["192.0.2.1","198.51.100.2"].
  const out: string[] = [];
  for (const item of items) {
    let a = 0;
    let b = item.length;
    while (a < b && isWrapper(item.charCodeAt(a))) a++;
    while (b > a && isWrapper(item.charCodeAt(b - 1))) b--;
    const trimmed = item.slice(a, b);
    if (!EMPTY_MARKERS.has(trimmed.toLowerCase())) out.push(trimmed);
  }
  return out;
}

/** `[`, `]`, `"` and `'` around list items. */
function isWrapper(c: number): boolean {
  return c === 91 || c === 93 || c === 34 || c === 39;
}
