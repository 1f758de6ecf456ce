/** Security Hub's BatchImportFindings quota per account and Region (calls per second). */
export const SECURITY_HUB_IMPORT_QUOTA = { ratePerSecond: 10, burst: 30 } as const;

/** Inputs of `computeRateLimit`. */
export interface RateLimitInputs {
  /** The account's BatchImportFindings rate (calls per second). */
  readonly quotaPerSecond: number;
  readonly quotaBurst: number;
  /** Shards of the stream (for on-demand streams: the expected shard count). */
  readonly shards: number;
  readonly parallelizationFactor: number;
}

/** The per-instance limit the handler enforces (one Lambda instance per shard and parallel batch). */
export interface RateLimit {
  readonly concurrentInstances: number;
  readonly callsPerSecond: number;
  readonly burst: number;
}

/**
 * Splits the account quota across every concurrent handler instance, so that all of them together stay
 * inside it: rate = quota / (shards x parallelization), burst rounded down but at least 1.
 */
export function computeRateLimit(inputs: RateLimitInputs): RateLimit {
  for (const [name, value] of Object.entries(inputs)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`${name} must be a positive number, got ${value}.`);
  }
  const concurrentInstances = inputs.shards * inputs.parallelizationFactor;
  // Three decimals: the handler reads the value back as a number; never 0, which means "unlimited".
  const callsPerSecond = Math.max(
    0.001,
    Math.floor((inputs.quotaPerSecond / concurrentInstances) * 1000) / 1000,
  );
  const burst = Math.max(1, Math.floor(inputs.quotaBurst / concurrentInstances));
  return { concurrentInstances, callsPerSecond, burst };
}
