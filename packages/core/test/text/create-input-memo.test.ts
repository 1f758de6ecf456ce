import { describe, expect, it } from 'vitest';
import { createInputMemo } from '../../src/index.js';

describe('createInputMemo', () => {
  it('computes each kept key once, undefined results included', () => {
    const seen: string[] = [];
    const memo = createInputMemo(
      (key) => {
        seen.push(key);
        return key === 'none' ? undefined : key.toUpperCase();
      },
      { maxEntries: 10 },
    );
    expect([memo('a'), memo('a'), memo('none'), memo('none')]).toEqual(['A', 'A', undefined, undefined]);
    expect(seen).toEqual(['a', 'none']);
  });

  it('keeps at most maxEntries keys and never keeps a key over maxKeyLength', () => {
    const seen: string[] = [];
    const memo = createInputMemo(
      (key) => {
        seen.push(key);
        return key.length;
      },
      { maxEntries: 2, maxKeyLength: 3 },
    );
    for (const key of ['a', 'b', 'c', 'a', 'b', 'c', 'long', 'long']) memo(key);
    // `c` came after the cache was full and `long` is too long: both are computed every time.
    expect(seen).toEqual(['a', 'b', 'c', 'c', 'long', 'long']);
  });
});
