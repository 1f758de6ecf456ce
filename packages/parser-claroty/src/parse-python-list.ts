/** The result of reading an xDome Python-literal list such as `['192.0.2.4', None]`. */
export interface PythonListResult {
  /** Items in order, quotes removed; `None` and empty items dropped. */
  readonly items: string[];
  /** False when the text was not a well-formed list (items read so far are still returned). */
  readonly ok: boolean;
}

/**
 * Reads the Python-literal lists xDome sends (`[]`, `[None]`, `['a', 'b']`, `["a"]`). A value that does
 * not start with `[` is one bare item (`None` and `''` give none). Single pass, never throws.
 *
 * ```
 * ['192.0.2.4', None]
 *  ^ cursor: quote → read to the closing quote; bare → read to `,` or `]`
 * ```
 */
export function parsePythonList(value: string): PythonListResult {
  const text = value.trim();
  if (text === '' || text === 'None') return { items: [], ok: true };
  if (text[0] !== '[') return { items: [text], ok: true };
  const items: string[] = [];
  let cursor = 1;
  const end = text.length;
  let nextBackslash = text.indexOf('\\');
  while (cursor < end) {
    while (cursor < end && (text[cursor] === ' ' || text[cursor] === ',')) cursor++;
    if (cursor >= end) break;
    const char = text[cursor];
    if (char === ']') return { items, ok: cursor === end - 1 };
    if (char === "'" || char === '"') {
      cursor++;
      // Usual case: no backslash before the closing quote, so the item is one slice.
      // The next backslash is searched again only once the cursor has passed it (linear overall).
      const close = text.indexOf(char, cursor);
      if (nextBackslash >= 0 && nextBackslash < cursor) nextBackslash = text.indexOf('\\', cursor);
      if (close >= 0 && (nextBackslash < 0 || nextBackslash > close)) {
        const item = text.slice(cursor, close);
        cursor = close + 1;
        if (item !== '') items.push(item);
        continue;
      }
      let item = '';
      while (cursor < end && text[cursor] !== char) {
        if (text[cursor] === '\\' && cursor + 1 < end) cursor++;
        item += text[cursor];
        cursor++;
      }
      if (cursor >= end) return { items, ok: false };
      cursor++;
      if (item !== '') items.push(item);
      continue;
    }
    const start = cursor;
    while (cursor < end && text[cursor] !== ',' && text[cursor] !== ']') cursor++;
    const item = text.slice(start, cursor).trim();
    if (item !== '' && item !== 'None') items.push(item);
  }
  return { items, ok: false };
}
