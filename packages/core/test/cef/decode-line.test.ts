import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CEF_DIAGNOSTIC_CODES as C, decodeLine, tokenizeCef } from '../../src/index.js';

const encoder = new TextEncoder();

describe('decodeLine', () => {
  it('decodes valid UTF-8 without diagnostics (non-ASCII OT text survives)', () => {
    const text = 'CEF:0|Claroty|CTD|4.10|1|n|5|CtdMessage=Störung “PLC: Rockwell” Überdruck 🔥';
    expect(decodeLine(encoder.encode(text))).toEqual({ text, diagnostics: [] });
  });

  it('keeps a BOM for the tokenizer to skip', () => {
    const decoded = decodeLine(
      new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('CEF:0|v|p|1|c|n|5|a=b')]),
    );
    expect(decoded.text.charCodeAt(0)).toBe(0xfeff);
    const result = tokenizeCef(decoded);
    expect(result.ok && result.record.prefix).toBeUndefined();
  });

  it('replaces invalid sequences and reports each at its UTF-16 offset', () => {
    const bytes = new Uint8Array([
      ...encoder.encode('CEF:0|v|p|1|c|n|5|msg=St'),
      0xf6,
      ...encoder.encode('rung '),
      0xe2,
      0x82,
    ]);
    const decoded = decodeLine(bytes);
    expect(decoded.text).toBe('CEF:0|v|p|1|c|n|5|msg=St\ufffdrung \ufffd');
    expect(decoded.diagnostics.map((d) => [d.code, d.offset])).toEqual([
      [C.invalidUtf8, 24],
      [C.invalidUtf8, 30],
    ]);
    expect(tokenizeCef(decoded).ok).toBe(false);
    const lenient = tokenizeCef(decoded, { strict: false });
    expect(lenient.ok && lenient.record.extensions).toEqual([['msg', 'St\ufffdrung \ufffd']]);
  });

  test.prop([fc.uint8Array({ maxLength: 200 })])('matches TextDecoder replacement exactly', (bytes) => {
    const decoded = decodeLine(bytes);
    expect(decoded.text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    for (const d of decoded.diagnostics) {
      if (d.code === C.invalidUtf8) expect(decoded.text.charCodeAt(d.offset!)).toBe(0xfffd);
    }
  });
});
