import { describe, expect, it } from 'vitest';
import { createInputPairMemo } from '../../src/index.js';
import { testCacheRetention } from '../../src/testing/index.js';

describe('createInputPairMemo', () => {
  it('computes each kept pair once, undefined results included, telling pairs apart by both strings', () => {
    const seen: string[] = [];
    const memo = createInputPairMemo(
      (vendor, product) => {
        seen.push(`${vendor}|${product}`);
        return product === 'none' ? undefined : `${vendor}/${product}`;
      },
      { maxEntries: 10 },
    );
    const answers = [memo('a', 'x'), memo('a', 'x'), memo('a', 'y'), memo('b', 'x'), memo('a', 'none')];
    answers.push(memo('a', 'none'), memo('b', 'x'));
    expect(answers).toEqual(['a/x', 'a/x', 'a/y', 'b/x', undefined, undefined, 'b/x']);
    expect(seen).toEqual(['a|x', 'a|y', 'b|x', 'a|none']);
  });

  it('keeps at most maxEntries pairs; later pairs are computed every time', () => {
    const seen: string[] = [];
    const memo = createInputPairMemo(
      (vendor, product) => {
        seen.push(`${vendor}|${product}`);
        return vendor.length + product.length;
      },
      { maxEntries: 2 },
    );
    for (const [vendor, product] of [
      ['a', 'x'],
      ['a', 'y'],
      ['a', 'z'],
      ['a', 'x'],
      ['a', 'y'],
      ['a', 'z'],
    ] as const)
      memo(vendor, product);
    expect(seen).toEqual(['a|x', 'a|y', 'a|z', 'a|z']);
  });
});

describe('the parser registry (claimants by header spelling)', () => {
  // A new long vendor and product spelling on every line, routed through the registry's memo.
  testCacheRetention({
    parsers: [],
    baseLine: (index) =>
      `CEF:0|Acme Industrial Controls ${index}|Sentry Network Monitor ${index}|1|sig|Name|5|externalId=e${index}`,
  });
});
