import { describe, expect, it } from 'vitest';
import { computeRateLimit, SECURITY_HUB_IMPORT_QUOTA } from '../src/pipeline/compute-rate-limit.js';

describe('computeRateLimit', () => {
  it('divides the Security Hub quota by shards times parallelization', () => {
    expect(
      computeRateLimit({ quotaPerSecond: 10, quotaBurst: 30, shards: 4, parallelizationFactor: 2 }),
    ).toEqual({
      concurrentInstances: 8,
      callsPerSecond: 1.25,
      burst: 3,
    });
    expect(
      computeRateLimit({ quotaPerSecond: 10, quotaBurst: 30, shards: 1, parallelizationFactor: 1 }),
    ).toEqual({
      concurrentInstances: 1,
      callsPerSecond: 10,
      burst: 30,
    });
  });

  it('keeps the sum of all instances inside the quota and never yields 0 (unlimited)', () => {
    for (const shards of [1, 3, 7, 64, 500]) {
      for (const parallelizationFactor of [1, 2, 3, 10]) {
        const limit = computeRateLimit({
          quotaPerSecond: SECURITY_HUB_IMPORT_QUOTA.ratePerSecond,
          quotaBurst: SECURITY_HUB_IMPORT_QUOTA.burst,
          shards,
          parallelizationFactor,
        });
        expect(limit.callsPerSecond).toBeGreaterThan(0);
        expect(limit.burst).toBeGreaterThanOrEqual(1);
        if (limit.callsPerSecond > 0.001) {
          expect(limit.callsPerSecond * limit.concurrentInstances).toBeLessThanOrEqual(10);
        }
      }
    }
  });

  it('rejects non-positive inputs', () => {
    expect(() =>
      computeRateLimit({ quotaPerSecond: 10, quotaBurst: 30, shards: 0, parallelizationFactor: 1 }),
    ).toThrow(RangeError);
  });
});
