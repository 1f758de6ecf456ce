/** Full-jitter exponential back-off: a random delay in [0, min(max, base · 2^attempt)). */
export function computeBackoffDelay(
  attempt: number,
  options: { baseMs: number; maxMs: number; random?: () => number },
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
