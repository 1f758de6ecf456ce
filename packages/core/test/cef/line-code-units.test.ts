import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { KEY_CLASS } from '../../src/cef/cef-escape.js';
import { lineCodeUnits } from '../../src/cef/line-code-units.js';
import { tokenizeCef } from '../../src/index.js';

describe('lineCodeUnits (the tokenizer’s copy of a line for its backward key scans)', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 400 })])(
    'gives every code unit, or for a lone surrogate one that is no key character either',
    (line) => {
      const units = lineCodeUnits(line);
      if (units === undefined) return; // a big-endian host: the tokenizer reads the string
      for (let index = 0; index < line.length; index++) {
        const unit = line.charCodeAt(index);
        const copied = units[index] as number;
        if (copied !== unit) {
          expect(unit >= 0xd800 && unit <= 0xdfff).toBe(true);
          expect(KEY_CLASS[copied]).toBe(0);
        }
      }
    },
  );

  it('copies no line over 32,768 units; the tokenizer then reads the string, with the same pairs', () => {
    expect(lineCodeUnits('x'.repeat(32_769))).toBeUndefined();
    const value = 'v'.repeat(40_000);
    const short = tokenizeCef(`CEF:0|V|P|1|s|n|5|first=1 bad,key=x a.b[0]=${'y'} last=z`);
    const long = tokenizeCef(`CEF:0|V|P|1|s|n|5|first=1 bad,key=x a.b[0]=${value} last=z`);
    if (!short.ok || !long.ok) throw new Error('expected both lines to tokenize');
    expect(long.record.extensions.map(([key]) => key)).toEqual(short.record.extensions.map(([key]) => key));
    expect(long.record.extensions[2]?.[1]).toBe(value);
  });
});
