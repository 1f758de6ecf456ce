/** Years `toISOString` writes as four digits; outside them it writes `+YYYYYY`, which the service rejects. */
/** 0000-01-01T00:00:00.000Z */
const MIN_TIME = -62_167_219_200_000;
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Formats a Date in the service's RFC 3339 form, `YYYY-MM-DDTHH:mm:ss.sssZ` (valid under every
 * published variant of the timestamp rule). Throws `RangeError` for an invalid Date or a year outside
 * 0000-9999: untrusted values go through `parseAsffTimestamp` first.
 */
export function toAsffTimestamp(date: Date): string {
  const time = date.getTime();
  if (!isRepresentable(time)) {
    throw new RangeError(`toAsffTimestamp: ${String(date)} is not a date in years 0000-9999`);
  }
  return formatIsoTime(time, date);
}

const MS_PER_DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));
// `YYYY-MM-DDT` of the UTC days formatted so far: a stream's events mostly share a few days (a finding's
// first and last sighting are often days apart), and `toISOString` (a runtime call) cost more than the rest
// of a timestamp. Bounded: emptied when full.
const DAY_PREFIXES = new Map<number, string>();
const MAX_CACHED_DAYS = 256;

/** `YYYY-MM-DDT` of the UTC day `day` (days since the epoch) that `date` falls on. */
function dayPrefix(day: number, date: Date): string {
  let prefix = DAY_PREFIXES.get(day);
  if (prefix === undefined) {
    prefix = date.toISOString().slice(0, 11);
    if (DAY_PREFIXES.size >= MAX_CACHED_DAYS) DAY_PREFIXES.clear();
    DAY_PREFIXES.set(day, prefix);
  }
  return prefix;
}

/** `date.toISOString()` for a representable time, with the date part cached and the time part by table. */
function formatIsoTime(time: number, date: Date): string {
  const day = Math.floor(time / MS_PER_DAY);
  const prefix = dayPrefix(day, date);
  let rest = time - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}

/** Options of `parseAsffTimestamp`. */
export interface ParseAsffTimestampOptions {
  /** `±HH:MM` (or `Z`) for strings without a zone; UTC when absent. IANA zones: use `parseCefTimestamp`. */
  readonly defaultOffset?: string;
}

/** A vendor time in the service's form, or why it could not be read. */
export type ParseAsffTimestampResult =
  | { readonly ok: true; readonly timestamp: string; readonly date: Date }
  | { readonly ok: false; readonly reason: string };

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const RFC_2822 =
  /^(?:[A-Za-z]{3}, ?)?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|Z|[+-]\d{4})$/;
const EPOCH = /^-?\d{1,20}(?:\.\d{1,9})?$/;

/**
 * Reads a vendor time in any common form into the service's RFC 3339 form: a Date; epoch seconds,
 * milliseconds, microseconds or nanoseconds (number or digit string, told apart by magnitude);
 * ISO 8601 / RFC 3339 with `T`, `t` or a space, any fraction (kept to milliseconds), `Z`, `UTC` or
 * an offset up to ±18:00; RFC 2822 dates. Never throws.
 */
export function parseAsffTimestamp(
  value: string | number | Date,
  options?: ParseAsffTimestampOptions,
): ParseAsffTimestampResult {
  if (value instanceof Date) return fromTime(value.getTime(), 'the Date is invalid');
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return { ok: false, reason: 'the value is not a string, number or Date' };
  const text = value.trim();
  if (EPOCH.test(text)) return fromEpoch(Number(text));
  const match = ISO_LIKE.exec(text);
  if (match) return fromIsoMatch(match, options?.defaultOffset);
  if (RFC_2822.test(text)) return fromTime(Date.parse(text), `"${text}" is not a valid RFC 2822 date`);
  return { ok: false, reason: `"${text.slice(0, 64)}" is not a recognised date-time form` };
}

function fromIsoMatch(match: RegExpExecArray, defaultOffset: string | undefined): ParseAsffTimestampResult {
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // A leap second (:60) has no Date representation: keep it inside the minute.
  const second = Math.min(Number(s), 59);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
    return { ok: false, reason: `"${match[0]}" has an out-of-range date or time field` };
  }
  const offset = parseOffset(zone ?? defaultOffset ?? 'Z');
  if (offset === undefined)
    return { ok: false, reason: `"${zone ?? defaultOffset}" is not an offset within ±18:00` };
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, milliseconds);
  return fromTime(utc.getTime() - offset * 60_000, `"${match[0]}" is out of range`);
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  if (Number(match[3] ?? '0') > 59 || minutes > MAX_OFFSET_MINUTES) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

function fromEpoch(epoch: number): ParseAsffTimestampResult {
  if (!Number.isFinite(epoch)) return { ok: false, reason: 'the epoch value is not finite' };
  const magnitude = Math.abs(epoch);
  // Seconds until year 5138, milliseconds until 5138, then microseconds, then nanoseconds.
  const divisor = magnitude < 1e11 ? 1e-3 : magnitude < 1e14 ? 1 : magnitude < 1e17 ? 1e3 : 1e6;
  return fromTime(Math.floor(epoch / divisor), `epoch ${epoch} is out of range`);
}

function fromTime(time: number, reason: string): ParseAsffTimestampResult {
  if (!isRepresentable(time)) return { ok: false, reason };
  const date = new Date(time);
  return { ok: true, timestamp: date.toISOString(), date };
}

function isRepresentable(time: number): boolean {
  return Number.isFinite(time) && time >= MIN_TIME && time <= MAX_TIME;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; setUTCFullYear keeps years 0-99 literal.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
