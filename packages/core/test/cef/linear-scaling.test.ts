import { describe, expect, it } from 'vitest';
import { tokenizeCef } from '../../src/index.js';

// Timing belongs in benchmarks; this only checks the growth rate with a generous bound: a quadratic
// scanner would take ~16x longer for 4x the input, a linear one ~4x.
function cost(build: (n: number) => string, n: number): number {
  const input = build(n);
  const tokenizeBoth = () => {
    for (const strict of [true, false]) {
      const result = tokenizeCef(input, { strict });
      if (result.ok) for (const [k, v] of result.record.extensions) void (k.length + v.length);
    }
  };
  // Each sample repeats the work for at least 20 ms, so a GC pause or a busy neighbour on shared CPUs
  // cannot dominate a sub-millisecond run; the best of several samples is the figure.
  const best: number[] = [];
  for (let sample = 0; sample < 7; sample++) {
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    do {
      tokenizeBoth();
      runs++;
      elapsed = Number(process.hrtime.bigint() - start);
    } while (elapsed < 20_000_000);
    best.push(elapsed / runs);
  }
  return Math.min(...best);
}

const HEADER = 'CEF:0|v|p|1|c|n|5|';
const pathological: [string, (n: number) => string][] = [
  ['backslashes in the header', (n) => `CEF:0|${'\\'.repeat(n)}`],
  ['backslashes in a value', (n) => `${HEADER}a=${'\\'.repeat(n)}`],
  ['pipes', (n) => `CEF:0${'|'.repeat(n)}`],
  ['a= runs', (n) => `${HEADER}${'a='.repeat(n / 2)}`],
  ['space-separated a= runs', (n) => `${HEADER}${' a='.repeat(n / 3)}`],
  ['one huge value', (n) => `${HEADER}msg=${'word '.repeat(n / 5)}`],
  ['huge key-shaped run', (n) => `${HEADER}a= ${'k'.repeat(n)}=`],
  ['CEF: repeated', (n) => 'CEF:'.repeat(n / 4)],
  ['digits after CEF:', (n) => `CEF:${'0'.repeat(n)}`],
  ['escaped equals', (n) => `${HEADER}a=${'\\='.repeat(n / 2)}`],
  ['cut header full of =', (n) => `CEF:0|a|b|c|d|${'?='.repeat(n / 2)}`],
  ['prefix junk', (n) => `${'<1>x '.repeat(n / 5)}${HEADER}a=b`],
];

describe('linear time on pathological inputs (100k characters and more)', () => {
  for (const [label, build] of pathological) {
    it(label, () => {
      const small = cost(build, 100_000);
      const large = cost(build, 400_000);
      // Linear is ~4x; quadratic would be ~16x. Huge values cost more per character than small ones (cache
      // and GC: the escaped-equals case measures 6-7x on an idle host, as it did before any of this night's
      // changes), and CI runs other packages' tests on the same two cores (10.8x seen once): 12 leaves room
      // for both and still fails a quadratic scanner.
      expect(large / small).toBeLessThan(12);
    });
  }
});
