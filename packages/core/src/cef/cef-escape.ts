// Escape tables of CEF: the header knows `\|` and `\\`; the extension knows `\=`, `\\`, `\n`, `\r`.
// Any other backslash is kept literally (the lenient reading; strict callers got a diagnostic already).

const BACKSLASH = 92;
const PIPE = 124;
const EQUALS = 61;
const LOWER_N = 110;
const LOWER_R = 114;

/** Decodes header escapes in `text[start, end)`; unknown escapes keep their backslash. */
export function unescapeHeaderField(text: string, start: number, end: number): string {
  let out = '';
  let chunk = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== BACKSLASH || i + 1 >= end) continue;
    const next = text.charCodeAt(i + 1);
    if (next === PIPE || next === BACKSLASH) {
      out += text.slice(chunk, i);
      chunk = i + 1; // keep the escaped character itself
      i++;
    }
  }
  return out + text.slice(chunk, end);
}

/** Decodes extension escapes in `text[start, end)`; unknown escapes keep their backslash. */
export function unescapeExtensionValue(text: string, start: number, end: number): string {
  let out = '';
  let chunk = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== BACKSLASH || i + 1 >= end) continue;
    const next = text.charCodeAt(i + 1);
    if (next === EQUALS || next === BACKSLASH) {
      out += text.slice(chunk, i);
      chunk = i + 1;
      i++;
    } else if (next === LOWER_N || next === LOWER_R) {
      out += text.slice(chunk, i) + (next === LOWER_N ? '\n' : '\r');
      chunk = i + 2;
      i++;
    }
  }
  return out + text.slice(chunk, end);
}

/** Escapes a header field for output: backslash and pipe. */
export function escapeHeaderField(value: string): string {
  if (value.indexOf('\\') === -1 && value.indexOf('|') === -1) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    out += c === BACKSLASH ? '\\\\' : c === PIPE ? '\\|' : value[i];
  }
  return out;
}

/** Escapes an extension value for output: backslash, `=`, LF and CR. */
export function escapeExtensionValue(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === BACKSLASH || c === EQUALS || c === 10 || c === 13) {
      plain = false;
      break;
    }
  }
  if (plain) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === BACKSLASH) out += '\\\\';
    else if (c === EQUALS) out += '\\=';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else out += value[i];
  }
  return out;
}

/** Bit: may start a key (`[A-Za-z0-9_]`). */
export const KEY_START = 1;
/** Bit: may continue a key (`[A-Za-z0-9_.,[\]]`). */
export const KEY_PART = 2;
/**
 * Key character classes for every UTF-16 code unit (64 KiB, so the scanner's hot loop needs no range check).
 * `-` is 0 here; the tokenizer handles it on a slow path because it is only tolerated (`cef/invalid-key-character`).
 */
export const KEY_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  const mark = (from: string, to: string, bits: number): void => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) table[c] = bits;
  };
  mark('A', 'Z', KEY_START | KEY_PART);
  mark('a', 'z', KEY_START | KEY_PART);
  mark('0', '9', KEY_START | KEY_PART);
  table[95] = KEY_START | KEY_PART; // _
  for (const c of '.,[]') table[c.charCodeAt(0)] = KEY_PART;
  return table;
})();

/** True when `key` is a spec-shaped extension key (`[A-Za-z0-9_][A-Za-z0-9_.,[\]]*`). */
export function isCefKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((KEY_CLASS[c]! & (i === 0 ? KEY_START : KEY_PART)) === 0) return false;
  }
  return true;
}
