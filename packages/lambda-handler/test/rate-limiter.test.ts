import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, createRateLimiter } from '../src/index.js';

function fakeClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

describe('createRateLimiter', () => {
  it('lets a burst through, then spaces calls at the configured rate', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 4, burst: 2, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(await limiter.acquire(Number.POSITIVE_INFINITY)).toBe(true);
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 250, 500, 750, 1000]);
  });

  it('refuses a token it could only grant after the deadline', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, ...clock });
    expect(await limiter.acquire(10)).toBe(true);
    expect(await limiter.acquire(500)).toBe(false);
    expect(clock.now()).toBe(0);
    expect(await limiter.acquire(1000)).toBe(true);
  });

  it('is unlimited at rate 0', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 0, burst: 1 });
    for (let i = 0; i < 1000; i++) expect(await limiter.acquire(0)).toBe(true);
  });
});

describe('computeBackoffDelay', () => {
  it('draws full jitter under an exponential ceiling capped at the maximum', () => {
    expect(computeBackoffDelay(0, { baseMs: 100, maxMs: 5000, random: () => 0.999 })).toBe(99);
    expect(computeBackoffDelay(3, { baseMs: 100, maxMs: 5000, random: () => 0.5 })).toBe(400);
    expect(computeBackoffDelay(20, { baseMs: 100, maxMs: 5000, random: () => 0.999 })).toBe(4995);
    expect(computeBackoffDelay(5, { baseMs: 100, maxMs: 5000, random: () => 0 })).toBe(0);
  });
});
