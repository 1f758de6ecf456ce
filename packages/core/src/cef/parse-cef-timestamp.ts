import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { detachString } from '../text/detach-string.js';
import { CEF_DIAGNOSTIC_CODES as CODES } from './cef-diagnostic-codes.js';

/** Options for `parseCefTimestamp`. */
export interface ParseCefTimestampOptions {
  /** "Now" for year inference: a yearless timestamp gets the year that puts it nearest before this (1 day skew allowed). */
  readonly reference: Date;
  /** Zone for timestamps without one: an IANA name (`Europe/Berlin`), an abbreviation or an offset. Default UTC. */
  readonly defaultTimeZone?: string;
}

/** The result of `parseCefTimestamp`. */
export type ParseCefTimestampResult =
  | { readonly ok: true; readonly date: Date; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const DAY_MS = 86_400_000;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Common zone abbreviations (minutes east of UTC). Ambiguous ones (IST, BST...) are deliberately absent. */
const ZONE_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['Z', 0],
  ['UT', 0],
  ['UTC', 0],
  ['GMT', 0],
  ['WET', 0],
  ['WEST', 60],
  ['CET', 60],
  ['CEST', 120],
  ['MET', 60],
  ['MEST', 120],
  ['EET', 120],
  ['EEST', 180],
  ['MSK', 180],
  ['EST', -300],
  ['EDT', -240],
  ['CST', -360],
  ['CDT', -300],
  ['MST', -420],
  ['MDT', -360],
  ['PST', -480],
  ['PDT', -420],
  ['AKST', -540],
  ['AKDT', -480],
  ['HST', -600],
  ['JST', 540],
  ['AEST', 600],
  ['AEDT', 660],
]);

type Zone = { readonly offset: number } | { readonly iana: Intl.DateTimeFormat };

/** The abbreviations as ready Zone values (read-only, shared by every call). */
const ABBREVIATION_ZONES: ReadonlyMap<string, Zone> = new Map(
  [...ZONE_ABBREVIATIONS].map(([name, offset]) => [name, Object.freeze({ offset })]),
);

interface WallTime {
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * Parses a CEF timestamp: epoch milliseconds or seconds, `MMM dd [yyyy] HH:mm:ss[.SSS] [zone]` (S1 Appendix A;
 * a space-padded day is accepted), and, with a `cef/timestamp-iso8601` warning, ISO 8601. Never throws.
 */
export function parseCefTimestamp(value: string, options: ParseCefTimestampOptions): ParseCefTimestampResult {
  const diagnostics: Diagnostic[] = [];
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > 64)
    return fail(diagnostics, CODES.invalidTimestamp, 'The timestamp is empty or too long.');

  if (EPOCH_PATTERN.test(text)) {
    const number = Number(text);
    const ms = text.includes('.') || number < 1e11 ? number * 1000 : number;
    const date = new Date(Math.trunc(ms));
    if (Number.isNaN(date.getTime()))
      return fail(diagnostics, CODES.invalidTimestamp, `Epoch value ${text} is out of range.`);
    return { ok: true, date, diagnostics };
  }

  // The usual ISO 8601 value with its own zone, read without the pattern (its match array and substrings
  // were most of this function's cost); anything else, including every invalid value, takes the pattern path.
  const fastIso = scanZonedIso8601(text);
  if (fastIso !== undefined) {
    diagnostics.push(ISO_8601_WARNING());
    return { ok: true, date: new Date(fastIso), diagnostics };
  }
  const iso = parseIso8601ByPattern(text, options, diagnostics);
  if (iso !== undefined) return iso;

  // The usual CEF form, `MMM dd yyyy HH:mm:ss[.SSS]` without a zone, read without the pattern when the
  // default zone is an offset (UTC unless configured); anything else takes the pattern path.
  const wallAsUtc = scanCefDateTime(text);
  if (wallAsUtc !== undefined) {
    const zone = assumedOffsetZone(options, diagnostics);
    if (zone !== undefined)
      return { ok: true, date: new Date(wallAsUtc - zone.offset * 60_000), diagnostics };
  }
  // The syslog form, `MMM dd HH:mm:ss` without a year or zone (every line with a BSD syslog header has one),
  // read without the pattern's match array and substrings when the default zone is an offset.
  const yearless = scanYearlessDateTime(text);
  if (yearless !== undefined) {
    const zone = assumedOffsetZone(options, diagnostics);
    if (zone !== undefined) return inferYear(text, yearless, zone, options, diagnostics);
  }
  return parseCefFormByPattern(text, options, diagnostics);
}

/**
 * The default zone for a zone-less timestamp when it is a fixed offset (UTC unless configured), with the
 * warning that says it was assumed; `undefined` (and no warning) for an IANA or unknown name, which the
 * pattern path resolves and reports.
 */
function assumedOffsetZone(
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[],
): { readonly offset: number } | undefined {
  const assumed = resolveDefaultZone(options.defaultTimeZone);
  if (assumed === undefined || !('offset' in assumed.zone)) return undefined;
  diagnostics.push(createDiagnostic(CODES.timestampDefaultZone, 'warning', assumed.message));
  return assumed.zone;
}

/**
 * The CEF forms by `CEF_PATTERN` (`MMM dd [yyyy] HH:mm:ss[.SSS] [zone]`), failing for anything else. Exported
 * for the test that checks `scanCefDateTime` against it.
 */
export function parseCefFormByPattern(
  text: string,
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[] = [],
): ParseCefTimestampResult {
  const cef = CEF_PATTERN.exec(text);
  if (cef === null)
    return fail(
      diagnostics,
      CODES.invalidTimestamp,
      `"${text}" is not a CEF timestamp (MMM dd yyyy HH:mm:ss or epoch ms).`,
    );
  const month = MONTHS.indexOf(cef[1]!.toLowerCase());
  if (month === -1)
    return fail(diagnostics, CODES.invalidTimestamp, `"${cef[1]}" is not an English month abbreviation.`);
  const zone = cef[8] !== undefined ? resolveZone(cef[8]) : noZone(options, diagnostics);
  if (zone === undefined)
    return fail(
      diagnostics,
      CODES.unknownTimeZone,
      `Unknown time zone "${cef[8] ?? options.defaultTimeZone}".`,
    );
  const wall = makeWall(month, cef[2]!, cef[4]!, cef[5]!, cef[6]!, cef[7]);
  if (wall === undefined)
    return fail(diagnostics, CODES.invalidTimestamp, `"${text}" is not a real date and time.`);
  if (cef[3] !== undefined) {
    const t = toEpoch(Number(cef[3]), wall, zone);
    if (t === undefined) return fail(diagnostics, CODES.invalidTimestamp, `"${text}" is not a real date.`);
    return { ok: true, date: new Date(t), diagnostics };
  }
  return inferYear(text, wall, zone, options, diagnostics);
}

// One message string per inferred year, shared: a syslog time has no year, so every such line gets this
// warning, and a batch keeps its diagnostics until the invocation ends.
const INFERRED_YEAR_MESSAGES = new Map<number, string>();

function inferredYearMessage(year: number): string {
  let message = INFERRED_YEAR_MESSAGES.get(year);
  if (message === undefined) {
    message = `The timestamp has no year; ${year} puts it nearest before the reference time.`;
    // Years come from the reference time (ten candidates each), so this stays small; bounded all the same.
    if (INFERRED_YEAR_MESSAGES.size < 64) INFERRED_YEAR_MESSAGES.set(year, message);
  }
  return message;
}

/**
 * A year-less wall time (the syslog form) in the year that puts it nearest before the reference time (one
 * day of clock skew allowed), with the warning that says the year was inferred.
 */
function inferYear(
  text: string,
  wall: WallTime,
  zone: Zone,
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[],
): ParseCefTimestampResult {
  const reference = options.reference.getTime();
  if (Number.isNaN(reference))
    return fail(diagnostics, CODES.invalidTimestamp, 'The reference time is not a valid date.');
  const latest = reference + DAY_MS;
  const referenceYear = new Date(reference).getUTCFullYear();
  // Newest candidate year first; go back far enough to find a leap year for Feb 29.
  for (let year = referenceYear + 1; year >= referenceYear - 8; year--) {
    const t = toEpoch(year, wall, zone);
    if (t !== undefined && t <= latest) {
      diagnostics.push(createDiagnostic(CODES.timestampInferredYear, 'warning', inferredYearMessage(year)));
      return { ok: true, date: new Date(t), diagnostics };
    }
  }
  return fail(diagnostics, CODES.invalidTimestamp, `"${text}" is not a real date in any recent year.`);
}

// Module-level patterns and helpers (no closures per call); the patterns are not global, so exec is stateless.
const EPOCH_PATTERN = /^\d{1,16}(\.\d{1,9})?$/;
// YYYY-MM-DD[T ]HH:mm[:ss[.fraction]][zone]
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
// MMM dd [yyyy] HH:mm:ss[.SSS] [zone]   (the zone may itself contain spaces-free text such as GMT+05:00)
const CEF_PATTERN =
  /^([A-Za-z]{3}) {1,2}(\d{1,2}) (?:(\d{4}) )?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: (\S+))?$/;

/**
 * The ISO 8601 forms by `ISO_PATTERN` (every form, zone or none); `undefined` when the pattern does not match.
 * Exported for the test that checks `scanZonedIso8601` against it.
 */
export function parseIso8601ByPattern(
  text: string,
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[] = [],
): ParseCefTimestampResult | undefined {
  const iso = ISO_PATTERN.exec(text);
  if (iso === null) return undefined;
  diagnostics.push(ISO_8601_WARNING());
  const zone = iso[8] !== undefined ? resolveZone(iso[8]) : noZone(options, diagnostics);
  if (zone === undefined) return fail(diagnostics, CODES.unknownTimeZone, `Unknown time zone in "${text}".`);
  const wall = makeWall(Number(iso[2]) - 1, iso[3]!, iso[4]!, iso[5]!, iso[6] ?? '00', iso[7]);
  const t = wall === undefined ? undefined : toEpoch(Number(iso[1]), wall, zone);
  if (t === undefined)
    return fail(diagnostics, CODES.invalidTimestamp, `"${text}" is not a real date and time.`);
  return { ok: true, date: new Date(t), diagnostics };
}

const ISO_8601_WARNING = (): Diagnostic =>
  createDiagnostic(
    CODES.timestampIso8601,
    'warning',
    'ISO 8601 is not a CEF timestamp form; accepted anyway.',
  );

const DIGIT_0 = 48;

/** The value of the two ASCII digits at `index`, or -1. */
function twoDigits(text: string, index: number): number {
  const high = text.charCodeAt(index) - DIGIT_0;
  const low = text.charCodeAt(index + 1) - DIGIT_0;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:mm:ss[.fraction]` followed by `Z` or `±HH[[:]MM]`, exactly the values
 * `ISO_PATTERN` gives a zone and `parseCefTimestamp` accepts; `undefined` for anything else (no zone, a space
 * separator, no seconds, an impossible date or zone), which the pattern path then decides. Exported for the
 * test that checks it against that path.
 */
export function scanZonedIso8601(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yearInCentury | month | day | hour | minute | second) < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  let index = 19;
  let millisecond = 0;
  const separator = text.charCodeAt(index);
  if (separator === 46 || separator === 44) {
    const end = digitRunEnd(text, index + 1);
    if (end === index + 1 || end - index - 1 > MAX_FRACTION_DIGITS) return undefined;
    millisecond = fractionMilliseconds(text, index + 1, end);
    index = end;
  }
  let offsetMinutes: number;
  const sign = text.charCodeAt(index);
  if (sign === 90 && index + 1 === length)
    offsetMinutes = 0; // Z
  else if (sign === 43 || sign === 45) {
    // ±HH, ±HHMM or ±HH:MM, hours up to 18 and minutes up to 59 (resolveZone's rule).
    const hours = twoDigits(text, index + 1);
    const rest = length - index - 3;
    let minutes = 0;
    if (rest === 2) minutes = twoDigits(text, index + 3);
    else if (rest === 3 && text.charCodeAt(index + 3) === 58) minutes = twoDigits(text, index + 4);
    else if (rest !== 0) return undefined;
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) return undefined;
    offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else return undefined;
  const asUtc = toRealUtcTime(
    century * 100 + yearInCentury,
    month - 1,
    day,
    hour,
    minute,
    second,
    millisecond,
  );
  return asUtc === undefined ? undefined : asUtc - offsetMinutes * 60_000;
}

function fail(diagnostics: Diagnostic[], code: string, message: string): ParseCefTimestampResult {
  diagnostics.push(createDiagnostic(code, 'error', message));
  return { ok: false, diagnostics };
}

/** The default zone for a timestamp without one, with the warning that says it was assumed. */
function noZone(options: ParseCefTimestampOptions, diagnostics: Diagnostic[]): Zone | undefined {
  const assumed = resolveDefaultZone(options.defaultTimeZone);
  if (assumed === undefined) return undefined;
  diagnostics.push(createDiagnostic(CODES.timestampDefaultZone, 'warning', assumed.message));
  return assumed.zone;
}

/** A configured default zone, resolved once per name, with the warning that says it was assumed. */
const DEFAULT_ZONES = new Map<string, { zone: Zone; message: string } | null>();

function resolveDefaultZone(configured: string | undefined): { zone: Zone; message: string } | undefined {
  const name = configured ?? 'UTC';
  let assumed = DEFAULT_ZONES.get(name);
  if (assumed === undefined) {
    const zone = resolveZone(name);
    assumed =
      zone === undefined
        ? null
        : {
            zone,
            message: `The timestamp has no time zone; ${name} was assumed. Send a zone or configure the device zone.`,
          };
    // Names come from configuration, but stay bounded all the same.
    if (DEFAULT_ZONES.size < 256) DEFAULT_ZONES.set(name, assumed);
  }
  return assumed ?? undefined;
}

/** Month numbers (0-11) by the three character codes of the capitalised English abbreviation. */
const MONTH_BY_CODES: ReadonlyMap<number, number> = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((name, month) => [
    (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
    month,
  ]),
);

/**
 * Epoch ms of `MMM dd yyyy HH:mm:ss[.fraction]` read as UTC, exactly the zone-less values with a year
 * `CEF_PATTERN` gives a real date and time; `undefined` for anything else (a zone, no year, a space-padded
 * day, a lowercase month, an impossible date), which the pattern path then decides. Exported for the test
 * that checks it against that path.
 */
export function scanCefDateTime(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(3) !== 32 || text.charCodeAt(6) !== 32 || text.charCodeAt(11) !== 32)
    return undefined;
  if (text.charCodeAt(14) !== 58 || text.charCodeAt(17) !== 58) return undefined;
  const month = MONTH_BY_CODES.get(
    (text.charCodeAt(0) << 16) | (text.charCodeAt(1) << 8) | text.charCodeAt(2),
  );
  if (month === undefined) return undefined;
  const day = twoDigits(text, 4);
  const century = twoDigits(text, 7);
  const yearInCentury = twoDigits(text, 9);
  const hour = twoDigits(text, 12);
  const minute = twoDigits(text, 15);
  const second = twoDigits(text, 18);
  if ((day | century | yearInCentury | hour | minute | second) < 0) return undefined;
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millisecond = trailingFractionMs(text, 20);
  if (millisecond < 0) return undefined;
  return toRealUtcTime(century * 100 + yearInCentury, month, day, hour, minute, second, millisecond);
}

/**
 * The wall time of `MMM dd HH:mm:ss[.fraction]` or `MMM  d HH:mm:ss[.fraction]` (a space-padded day), the
 * year-less, zone-less values `CEF_PATTERN` gives a real month, day and time; `undefined` for anything else
 * (a year, a zone, a lowercase month, a one-digit day after one space), which the pattern path then decides.
 * Exported for the test that checks it against that path.
 */
export function scanYearlessDateTime(text: string): WallTime | undefined {
  const length = text.length;
  if (length < 15 || text.charCodeAt(3) !== 32 || text.charCodeAt(6) !== 32) return undefined;
  if (text.charCodeAt(9) !== 58 || text.charCodeAt(12) !== 58) return undefined;
  const month = MONTH_BY_CODES.get(
    (text.charCodeAt(0) << 16) | (text.charCodeAt(1) << 8) | text.charCodeAt(2),
  );
  if (month === undefined) return undefined;
  const padded = text.charCodeAt(4) === 32;
  const day = padded ? oneDigit(text, 5) : twoDigits(text, 4);
  const hour = twoDigits(text, 7);
  const minute = twoDigits(text, 10);
  const second = twoDigits(text, 13);
  if ((day | hour | minute | second) < 0) return undefined;
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millisecond = trailingFractionMs(text, 15);
  if (millisecond < 0) return undefined;
  return { month, day, hour, minute, second, millisecond };
}

/**
 * The milliseconds of the `.fraction` (1-9 digits) that ends `text` from `dot`; 0 when `text` ends at `dot`;
 * -1 when what follows is no such fraction.
 */
function trailingFractionMs(text: string, dot: number): number {
  const length = text.length;
  if (length === dot) return 0;
  const end = digitRunEnd(text, dot + 1);
  if (text.charCodeAt(dot) !== 46 || end !== length || end === dot + 1 || end - dot - 1 > MAX_FRACTION_DIGITS)
    return -1;
  return fractionMilliseconds(text, dot + 1, end);
}

/** The value of the ASCII digit at `index`, or -1. */
function oneDigit(text: string, index: number): number {
  const digit = text.charCodeAt(index) - DIGIT_0;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/** Both patterns take 1-9 fraction digits. */
const MAX_FRACTION_DIGITS = 9;

/** The end of the run of ASCII digits that starts at `start`. */
function digitRunEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    index++;
  }
  return index;
}

/** The milliseconds of the fraction digits `text[start, end)`: the first three, padded with zeros. */
function fractionMilliseconds(text: string, start: number, end: number): number {
  let millisecond = 0;
  for (let index = start; index < start + 3; index++)
    millisecond = millisecond * 10 + (index < end ? text.charCodeAt(index) - DIGIT_0 : 0);
  return millisecond;
}

/**
 * `Date.UTC` of a wall time, or `undefined` when the day does not exist in that month (Feb 30 and the like
 * would roll over into the next month). Exported for the test that checks it against a Date read back.
 */
export function toRealUtcTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number | undefined {
  // The month's length by arithmetic rather than a Date read back (its allocation and calendar breakdown
  // were two thirds of this function). Date.UTC reads years 0-99 as 1900-1999, so their leap years too.
  const calendarYear = year >= 0 && year <= 99 ? 1900 + year : year;
  const leap = (calendarYear % 4 === 0 && calendarYear % 100 !== 0) || calendarYear % 400 === 0;
  if (day < 1 || day > (month === 1 && leap ? 29 : (DAYS_IN_MONTH[month] as number))) return undefined;
  return Date.UTC(year, month, day, hour, minute, second, millisecond);
}

/** Days of each month (0-11) in a common year. */
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function makeWall(
  month: number,
  day: string,
  hour: string,
  minute: string,
  second: string,
  fraction: string | undefined,
): WallTime | undefined {
  const wall = {
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
  if (
    month < 0 ||
    month > 11 ||
    wall.day < 1 ||
    wall.day > 31 ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return undefined;
  }
  return wall;
}

/** Wall time in `zone` → epoch ms, or undefined for an impossible date (Feb 30, Feb 29 of a common year). */
function toEpoch(year: number, wall: WallTime, zone: Zone): number | undefined {
  const asUtc = toRealUtcTime(
    year,
    wall.month,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
  if (asUtc === undefined) return undefined;
  if ('offset' in zone) return asUtc - zone.offset * 60_000;
  const first = asUtc - zoneOffset(zone.iana, asUtc);
  const second = asUtc - zoneOffset(zone.iana, first);
  return second;
}

/** Offset (ms) of an IANA zone at instant `t`. */
function zoneOffset(format: Intl.DateTimeFormat, t: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(t))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
    t - Math.floor(t / 1000) * 1000,
  );
  return wall - t;
}

const IANA_CACHE = new Map<string, Intl.DateTimeFormat | null>();

/** Resolves `Z`, abbreviations, `±HH[:MM]`, `GMT±H[H][:MM]` and IANA names; undefined when unknown. */
export function resolveZone(name: string): Zone | undefined {
  const abbreviation = ABBREVIATION_ZONES.get(name.toUpperCase());
  if (abbreviation !== undefined) return abbreviation;
  const offset = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (hours > 18 || minutes > 59) return undefined;
    return { offset: (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes) };
  }
  if (name.length > 64) return undefined;
  let format = IANA_CACHE.get(name);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    if (IANA_CACHE.size < 512) IANA_CACHE.set(detachString(name), format);
  }
  return format === null ? undefined : { iana: format };
}
