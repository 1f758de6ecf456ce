import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DecodedLine } from './cef-record.js';

export type { DecodedLine } from './cef-record.js';

import { CEF_DIAGNOSTIC_CODES } from './cef-diagnostic-codes.js';
import { CEF_MAX_DIAGNOSTICS } from './cef-limits.js';

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes one line of bytes as UTF-8. Invalid sequences become U+FFFD (exactly as `TextDecoder` does) and
 * each is reported as `cef/invalid-utf8` at its UTF-16 offset in the text; `tokenizeCef` carries these on.
 * A BOM is kept in the text (the tokenizer skips it).
 */
export function decodeLine(bytes: Uint8Array): DecodedLine {
  try {
    return { text: FATAL.decode(bytes), diagnostics: [] };
  } catch {
    return decodeWithReplacement(bytes);
  }
}

// The WHATWG UTF-8 decoder with replacement, tracking where each U+FFFD lands.
function decodeWithReplacement(bytes: Uint8Array): DecodedLine {
  const diagnostics: Diagnostic[] = [];
  const units: number[] = [];
  let text = '';
  let length = 0;
  const flush = (): void => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  const emit = (codePoint: number): void => {
    if (codePoint > 0xffff) {
      const v = codePoint - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
      length += 2;
    } else {
      units.push(codePoint);
      length += 1;
    }
    if (units.length >= 4096) flush();
  };
  const invalid = (byteOffset: number): void => {
    if (diagnostics.length < CEF_MAX_DIAGNOSTICS) {
      diagnostics.push(
        createDiagnostic(
          CEF_DIAGNOSTIC_CODES.invalidUtf8,
          'error',
          `Byte ${byteOffset} starts an invalid UTF-8 sequence (replaced by U+FFFD); the sender must encode text as UTF-8.`,
          length,
        ),
      );
    }
    emit(0xfffd);
  };
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      sequenceStart = i;
      if (b <= 0x7f) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = b & 0x7;
      } else invalid(i);
      continue;
    }
    if (b < lower || b > upper) {
      needed = 0;
      seen = 0;
      codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      invalid(sequenceStart);
      i--; // the byte starts something new
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(codePoint);
      needed = 0;
      seen = 0;
      codePoint = 0;
    }
  }
  if (needed !== 0) invalid(sequenceStart);
  flush();
  if (diagnostics.length === CEF_MAX_DIAGNOSTICS) {
    diagnostics.push(
      createDiagnostic(
        CEF_DIAGNOSTIC_CODES.tooManyDiagnostics,
        'warning',
        `More than ${CEF_MAX_DIAGNOSTICS} invalid UTF-8 sequences; the rest are not listed.`,
      ),
    );
  }
  return { text, diagnostics };
}
