import { fc, test } from '@fast-check/vitest';
import { tokenizeCef } from '@otbridge/core';
import { describe, expect } from 'vitest';
import { present, toProductFieldKey } from '../src/claroty-event.js';
import { createClarotyFieldReader } from '../src/read-claroty-fields.js';

// A small key alphabet, so layouts share keys and sequences (the reader predicts each key from the one
// before it) and keys repeat within a record (the reader then reads through the extension Map).
const KEYS = ['act', 'src', 'dst', 'cs1', 'msg', '__proto__', 'skipMe', 'rt', 'zone', 'extra'] as const;
const VALUES = ['x', 'N/A', 'None', 'a b', '192.0.2.1', '[]'] as const;

function createReader() {
  return createClarotyFieldReader({
    keys: ['act', 'src', 'dst', 'cs1', 'msg', 'rt'],
    priority: ['act', 'msg', 'rt'],
    exclude: new Set(['src', 'rt']),
    skipOther: (key) => key === 'skipMe',
  });
}

/** The reader's contract, spelled out over the pairs in order (last value wins, at its last position). */
function expected(pairs: readonly (readonly [string, string])[]) {
  const order: string[] = [];
  const last = new Map<string, string>();
  for (const [key, value] of pairs) {
    const at = order.indexOf(key);
    if (at !== -1) order.splice(at, 1);
    order.push(key);
    last.set(key, value);
  }
  const values = ['act', 'src', 'dst', 'cs1', 'msg', 'rt'].map((key) => last.get(key));
  const productFields: string[] = [];
  for (const key of ['act', 'msg']) {
    const text = present(last.get(key));
    if (text !== undefined) productFields.push(toProductFieldKey(key), text);
  }
  for (const key of order) {
    if (['act', 'msg', 'rt', 'src', 'skipMe'].includes(key)) continue;
    const text = present(last.get(key));
    if (text !== undefined) productFields.push(toProductFieldKey(key), text);
  }
  return { values, productFields };
}

const record = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), {
  minLength: 1,
  maxLength: 12,
});

describe('createClarotyFieldReader', () => {
  test.prop([fc.array(record, { minLength: 1, maxLength: 20 })])(
    'gives every record of a sequence the values and ProductFields its pairs define',
    (records) => {
      const reader = createReader();
      for (const pairs of records) {
        const line = `CEF:0|Claroty|CTD|4.10|Alert|A|5|${pairs.map(([key, value]) => `${key}=${value}`).join(' ')}`;
        const tokenized = tokenizeCef(line);
        if (!tokenized.ok) throw new Error(`fixture line did not tokenize: ${line}`);
        const { values, productFields } = reader.read(tokenized.record);
        const want = expected(pairs);
        expect(values).toEqual(want.values);
        expect(productFields.flat()).toEqual(want.productFields);
      }
    },
  );
});
