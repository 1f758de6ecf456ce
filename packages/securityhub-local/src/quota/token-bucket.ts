/** Quota of one operation: `rate` requests per second sustained, up to `burst` at once. */
export interface QuotaLimit {
  rate: number;
  burst: number;
}

/** The service's published BatchImportFindings quota: 10 requests/s, burst 30 (asff.md §1). */
export const DEFAULT_QUOTA_LIMIT: QuotaLimit = { rate: 10, burst: 30 };

/** A token bucket refilled continuously at `rate` tokens/s up to `burst` tokens; starts full. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(limit: QuotaLimit, now: () => number = () => performance.now()) {
    if (!(limit.rate > 0) || !(limit.burst >= 1)) {
      throw new RangeError(
        `quota needs rate > 0 and burst >= 1, got rate ${limit.rate}, burst ${limit.burst}`,
      );
    }
    this.#rate = limit.rate;
    this.#burst = limit.burst;
    this.#now = now;
    this.#tokens = limit.burst;
    this.#updatedAt = now();
  }

  /** Takes one token if available; false means the request is throttled. */
  tryTake(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#rate);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
