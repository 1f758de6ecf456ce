import { ASFF_TRUNCATION_MARKER } from './asff-limits.js';

/** Options of `truncateUtf16`. */
export interface TruncateUtf16Options {
  /** Appended where the value was cut, inside the limit (default `…`); dropped if it does not fit. */
  readonly marker?: string;
}

/** A possibly shortened string and whether anything was cut. */
export interface TruncateUtf16Result {
  readonly value: string;
  readonly truncated: boolean;
}

/**
 * Shortens `value` to at most `limit` UTF-16 code units, never splitting a surrogate pair, and marks the
 * cut with `…`. UTF-16 units are never fewer than code points, so the result fits the service's limit
 * whichever way it counts.
 */
export function truncateUtf16(
  value: string,
  limit: number,
  options?: TruncateUtf16Options,
): TruncateUtf16Result {
  // NaN and negative limits allow nothing; Infinity allows everything.
  const max = limit > 0 ? Math.floor(limit) : 0;
  if (value.length <= max) return { value, truncated: false };
  const requested = options?.marker ?? ASFF_TRUNCATION_MARKER;
  const marker = requested.length <= max ? requested : '';
  let end = max - marker.length;
  // Cutting between a high and a low surrogate would leave a lone surrogate: step back one unit.
  if (end > 0 && isHighSurrogate(value.charCodeAt(end - 1)) && isLowSurrogate(value.charCodeAt(end)))
    end -= 1;
  return { value: value.slice(0, end) + marker, truncated: true };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `truncateUtf16(value, limit).value` (default marker), without the result object for the usual value that
 * already fits: for the per-field limits every finding applies.
 */
export function fitUtf16(value: string, limit: number): string {
  return value.length <= limit ? value : truncateUtf16(value, limit).value;
}
