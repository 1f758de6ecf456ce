/** A client-side token bucket for BatchImportFindings calls, shared by the instance's concurrent callers. */
export interface RateLimiter {
  /** Waits for a token; resolves false (taking nothing) if one would not be free before `deadline` (epoch ms). */
  acquire(deadline: number): Promise<boolean>;
}

/** Options for `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Sustained calls per second; 0 or Infinity = unlimited. */
  readonly ratePerSecond: number;
  /** Bucket size (calls allowed at once after idling). */
  readonly burst: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Token bucket; waiting callers reserve tokens (the count goes negative) so they are served in order. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { ratePerSecond, burst } = options;
  if (!(ratePerSecond > 0) || ratePerSecond === Number.POSITIVE_INFINITY)
    return { acquire: async () => true };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  let tokens = burst;
  let refilledAt = now();
  return {
    async acquire(deadline) {
      const current = now();
      tokens = Math.min(burst, tokens + ((current - refilledAt) * ratePerSecond) / 1000);
      refilledAt = current;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      const waitMs = ((1 - tokens) * 1000) / ratePerSecond;
      if (current + waitMs > deadline) return false;
      tokens -= 1;
      await sleep(waitMs);
      return true;
    },
  };
}
