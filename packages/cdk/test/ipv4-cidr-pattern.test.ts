import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseIpv4Cidr, toIpv4CidrPattern } from '../src/fluentd/ipv4-cidr-pattern.js';
import { toAllowListPattern } from '../src/fluentd/render-fluentd-config.js';

const toDotted = (value: number) =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The Ruby pattern as a JavaScript RegExp (`\A`/`\z` are whole-string anchors there). */
const toRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/^\\A/, '').replace(/\\z$/, '')}$`);

describe('parseIpv4Cidr', () => {
  it('accepts network addresses and rejects everything else', () => {
    expect(parseIpv4Cidr('10.0.0.0/8')).toEqual({
      cidr: '10.0.0.0/8',
      network: 167_772_160,
      prefixLength: 8,
    });
    expect(parseIpv4Cidr('0.0.0.0/0')?.prefixLength).toBe(0);
    expect(parseIpv4Cidr('198.51.100.7/32')?.prefixLength).toBe(32);
    for (const bad of [
      '10.0.0.1/8',
      '10.0.0.0',
      '10.0.0/8',
      '256.0.0.0/8',
      '10.0.0.0/33',
      '01.0.0.0/8',
      'a.b.c.d/8',
      '::/0',
    ]) {
      expect(parseIpv4Cidr(bad), bad).toBeUndefined();
    }
  });
});

describe('toIpv4CidrPattern', () => {
  it('matches exactly the addresses in the block (boundaries)', () => {
    const pattern = toRegExp(toIpv4CidrPattern(parseIpv4Cidr('172.16.0.0/12')!));
    expect(pattern.test('172.16.0.0')).toBe(true);
    expect(pattern.test('172.31.255.255')).toBe(true);
    expect(pattern.test('172.15.255.255')).toBe(false);
    expect(pattern.test('172.32.0.0')).toBe(false);
    expect(pattern.test('172.16.0.0\n')).toBe(false);
  });

  test.prop([
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 0xffffffff }),
  ])('agrees with integer arithmetic for any block and address', (seed, prefixLength, address) => {
    const size = 2 ** (32 - prefixLength);
    const network = Math.floor(seed / size) * size;
    const cidr = parseIpv4Cidr(`${toDotted(network)}/${prefixLength}`)!;
    const pattern = toRegExp(toIpv4CidrPattern(cidr));
    const inside = address >= network && address < network + size;
    expect(pattern.test(toDotted(address))).toBe(inside);
    expect(pattern.test(toDotted(network + ((address % size) >>> 0)))).toBe(true);
  });

  it('joins several blocks into one anchored alternation', () => {
    const pattern = toRegExp(toAllowListPattern(['192.0.2.0/24', '203.0.113.128/25']));
    expect(pattern.test('192.0.2.9')).toBe(true);
    expect(pattern.test('203.0.113.200')).toBe(true);
    expect(pattern.test('203.0.113.127')).toBe(false);
    expect(pattern.test('198.51.100.1')).toBe(false);
  });
});
