// RFC 3339-like form the service accepts (asff.md §4): up to 9 fraction digits, `Z` or a ±hh[:]mm offset.
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d(?::?\d\d)?)$/;

/** Parses an ASFF timestamp to nanoseconds since the epoch; undefined when it is not one. */
export function parseTimestampNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const match = TIMESTAMP.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(ms)) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes =
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * (zone[0] === '-' ? -1 : 1);
  }
  const nanos = BigInt(fraction.padEnd(9, '0'));
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + nanos;
}
