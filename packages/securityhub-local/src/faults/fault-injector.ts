/** Faults a test can inject into one server; every field is optional and off by default. */
export interface SecurityHubFaults {
  /** Milliseconds added before every response (a number, or `[min, max]` for a uniform spread). */
  latencyMs?: number | readonly [number, number];
  /** Probability (0–1) that a request is answered with HTTP 500 `InternalException`. */
  errorRate?: number;
  /** The next N requests are answered with HTTP 500 `InternalException` (deterministic). */
  failNextRequests?: number;
  /** Every request is throttled, whatever the quota says. */
  throttle?: boolean;
  /** Probability (0–1) that a request is throttled. */
  throttleRate?: number;
  /** The next N requests are throttled (deterministic). */
  throttleNextRequests?: number;
  /** Probability (0–1) that an otherwise valid imported finding lands in `FailedFindings` as `InternalFailure`. */
  findingErrorRate?: number;
  /** Seed of the pseudo-random generator behind the rates, for reproducible runs. */
  seed?: number;
}

/** What the injector decided for one request. */
export type FaultDecision = 'none' | 'error' | 'throttle';

/** Applies {@link SecurityHubFaults} with a seeded generator (mulberry32), so runs are reproducible. */
export class FaultInjector {
  #faults: SecurityHubFaults = {};
  #state = 1;
  #failNext = 0;
  #throttleNext = 0;

  constructor(faults: SecurityHubFaults = {}) {
    this.set(faults);
  }

  /** Replaces the active faults (an empty object turns them all off). */
  set(faults: SecurityHubFaults): void {
    for (const key of ['errorRate', 'throttleRate', 'findingErrorRate'] as const) {
      const rate = faults[key];
      if (rate !== undefined && !(rate >= 0 && rate <= 1))
        throw new RangeError(`${key} must be in [0, 1], got ${rate}`);
    }
    this.#faults = { ...faults };
    this.#state = (faults.seed ?? 0x5eed) >>> 0 || 1;
    this.#failNext = faults.failNextRequests ?? 0;
    this.#throttleNext = faults.throttleNextRequests ?? 0;
  }

  /** True when no fault is configured (lets the hot path skip all work). */
  get idle(): boolean {
    const f = this.#faults;
    return (
      !f.latencyMs &&
      !f.errorRate &&
      !f.throttle &&
      !f.throttleRate &&
      !f.findingErrorRate &&
      this.#failNext === 0 &&
      this.#throttleNext === 0
    );
  }

  /** Decides the fate of one request. */
  decide(): FaultDecision {
    if (this.#failNext > 0) {
      this.#failNext -= 1;
      return 'error';
    }
    if (this.#throttleNext > 0) {
      this.#throttleNext -= 1;
      return 'throttle';
    }
    if (this.#faults.throttle) return 'throttle';
    if (this.#faults.errorRate && this.#random() < this.#faults.errorRate) return 'error';
    if (this.#faults.throttleRate && this.#random() < this.#faults.throttleRate) return 'throttle';
    return 'none';
  }

  /** True when one imported finding should fail with `InternalFailure`. */
  failFinding(): boolean {
    const rate = this.#faults.findingErrorRate;
    return rate !== undefined && rate > 0 && this.#random() < rate;
  }

  /** Milliseconds to wait before answering (0 when no latency is configured). */
  latency(): number {
    const latency = this.#faults.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return Math.max(0, latency);
    const [min, max] = latency;
    return Math.max(0, min + this.#random() * (max - min));
  }

  #random(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
