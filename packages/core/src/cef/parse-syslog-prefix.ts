import { CEF_MAX_PREFIX_LENGTH } from './cef-limits.js';
import type { SyslogPrefix } from './cef-record.js';

/** The outcome of reading the text before `CEF:`: the prefix (if any text was there) and whether a form matched. */
export interface SyslogPrefixResult {
  readonly prefix: SyslogPrefix | undefined;
  readonly recognized: boolean;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const BOM = 0xfeff;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * Parses the syslog prefix `line[0, end)` best-effort; never fails the CEF part. Recognised forms:
 *
 * ```
 * <PRI>Mmm dd HH:MM:SS host [tag[pid]:]                      rfc3164 (PRI optional, space after PRI allowed)
 * <PRI>VERSION TS HOST APP PROCID MSGID [SD]                 rfc5424 (SD missing, PRI or VERSION missing allowed)
 * Mmm dd HH:MM:SS relay-ip VERSION TS HOST APP ...           rfc5424 behind a relay (Dragos 2.x)
 * <PRI>Mmm dd YYYY HH:MM:SS host tag[pid]:                   nozomi
 * TS(ISO 8601) host [tag]                                    iso8601
 * host tag[pid]:                                             host-tag
 * ```
 */
export function parseSyslogPrefix(line: string, end: number): SyslogPrefixResult {
  if (end === 0) return NO_PREFIX;
  let start = 0;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  let stop = end;
  while (stop > start && isBlank(line.charCodeAt(stop - 1))) stop--;
  if (stop === start) return NO_PREFIX;
  const raw = line.slice(0, end);
  if (stop - start > CEF_MAX_PREFIX_LENGTH) return { prefix: { format: 'unknown', raw }, recognized: false };

  const out: Writable<SyslogPrefix> = { format: 'unknown', raw };
  let i = start;
  if (line.charCodeAt(i) === 60 /* < */) {
    let j = i + 1;
    let value = 0;
    while (j < stop && j - i <= 3 && isDigit(line.charCodeAt(j)))
      value = value * 10 + line.charCodeAt(j++) - 48;
    if (j > i + 1 && j < stop && line.charCodeAt(j) === 62 /* > */ && value <= 191) {
      out.priority = value;
      out.facility = value >> 3;
      out.severity = value & 7;
      i = j + 1;
    }
  }
  const count = splitTokens(line, i, stop);
  if (count === 0) return { prefix: out, recognized: out.priority !== undefined };

  if (count >= 2 && isVersionAt(line, 0) && read5424(line, 1, count, stop, out))
    return { prefix: out, recognized: true };
  if (isIsoAt(line, 0)) {
    if (out.priority !== undefined && read5424(line, 0, count, stop, out))
      return { prefix: out, recognized: true };
    out.format = 'iso8601';
    out.timestamp = token(line, 0);
    const hostnameValue = tokenOrUndefined(line, 1, count);
    if (useful(hostnameValue)) out.hostname = hostnameValue;
    setTag(out, tokenOrUndefined(line, 2, count));
    return { prefix: out, recognized: true };
  }
  if (count >= 3 && isMonthAt(line, 0) && isDayAt(line, 1)) {
    if (count >= 4 && isYearAt(line, 2) && isTimeAt(line, 3)) {
      out.format = 'nozomi';
      out.timestamp = line.slice(TOKENS[0], TOKENS[7]);
      const hostnameValue = tokenOrUndefined(line, 4, count);
      if (useful(hostnameValue)) out.hostname = hostnameValue;
      setTag(out, tokenOrUndefined(line, 5, count));
      return { prefix: out, recognized: true };
    }
    if (isTimeAt(line, 2)) {
      const timestamp = line.slice(TOKENS[0], TOKENS[5]);
      const host = tokenOrUndefined(line, 3, count);
      if (host !== undefined && count >= 6 && isVersionAt(line, 4) && read5424(line, 5, count, stop, out)) {
        out.relay = { timestamp, host };
        return { prefix: out, recognized: true };
      }
      out.format = 'rfc3164';
      out.timestamp = timestamp;
      if (useful(host)) out.hostname = host;
      setTag(out, tokenOrUndefined(line, 4, count));
      return { prefix: out, recognized: true };
    }
  }
  if (count === 2 && line.charCodeAt(TOKENS[3]! - 1) === 58 /* : */) {
    out.format = 'host-tag';
    out.hostname = token(line, 0);
    setTag(out, token(line, 1));
    return { prefix: out, recognized: true };
  }
  return { prefix: out, recognized: false };
}

const NO_PREFIX: SyslogPrefixResult = { prefix: undefined, recognized: true };

/** Token boundaries of the prefix being parsed (start, end pairs); parsing is synchronous, so one buffer serves. */
const MAX_TOKENS = 12;
const TOKENS = new Int32Array(MAX_TOKENS * 2);

/** Splits on spaces into TOKENS; returns the token count (at most MAX_TOKENS; the last may hold the rest). */
function splitTokens(line: string, from: number, to: number): number {
  let count = 0;
  let i = from;
  while (i < to && count < MAX_TOKENS) {
    while (i < to && line.charCodeAt(i) === 32) i++;
    if (i >= to) break;
    TOKENS[2 * count] = i;
    i = line.indexOf(' ', i);
    if (i === -1 || i > to) i = to;
    TOKENS[2 * count + 1] = i;
    count++;
  }
  return count;
}

function token(line: string, k: number): string {
  return line.slice(TOKENS[2 * k], TOKENS[2 * k + 1]);
}

function tokenOrUndefined(line: string, k: number, count: number): string | undefined {
  return k < count ? token(line, k) : undefined;
}

/** TS HOST APP PROCID MSGID [SD...] from token `k`: each may be `-` (NILVALUE); trailing ones may be missing. */
function read5424(
  line: string,
  k: number,
  count: number,
  stop: number,
  out: Writable<SyslogPrefix>,
): boolean {
  if (k >= count) return false;
  const a = TOKENS[2 * k]!;
  const isNil = TOKENS[2 * k + 1]! - a === 1 && line.charCodeAt(a) === 45;
  if (!isNil && !isIsoAt(line, k)) return false;
  out.format = 'rfc5424';
  const timestampValue = token(line, k);
  if (useful(timestampValue)) out.timestamp = timestampValue;
  const hostnameValue = tokenOrUndefined(line, k + 1, count);
  if (useful(hostnameValue)) out.hostname = hostnameValue;
  const appNameValue = tokenOrUndefined(line, k + 2, count);
  if (useful(appNameValue)) out.appName = appNameValue;
  const procIdValue = tokenOrUndefined(line, k + 3, count);
  if (useful(procIdValue)) out.procId = procIdValue;
  const msgIdValue = tokenOrUndefined(line, k + 4, count);
  if (useful(msgIdValue)) out.msgId = msgIdValue;
  if (k + 5 < count) {
    const structuredData = line.slice(TOKENS[2 * (k + 5)], stop);
    if (useful(structuredData)) out.structuredData = structuredData;
  }
  return true;
}

/** A field worth keeping: present, not empty, not the RFC 5424 NILVALUE `-`. */
function useful(value: string | undefined): value is string {
  return value !== undefined && value !== '-' && value !== '';
}

/** `tag`, `tag:`, `tag[pid]:` → appName (+ procId). */
function setTag(out: Writable<SyslogPrefix>, tag: string | undefined): void {
  if (tag === undefined) return;
  const body = tag.endsWith(':') ? tag.slice(0, -1) : tag;
  const open = body.indexOf('[');
  if (open > 0 && body.endsWith(']')) {
    const appNameValue = body.slice(0, open);
    if (useful(appNameValue)) out.appName = appNameValue;
    const procIdValue = body.slice(open + 1, -1);
    if (useful(procIdValue)) out.procId = procIdValue;
  } else {
    if (useful(body)) out.appName = body;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === BOM;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitsAt(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigit(line.charCodeAt(i))) return false;
  return to > from;
}

function tokenLength(k: number): number {
  return TOKENS[2 * k + 1]! - TOKENS[2 * k]!;
}

/** RFC 5424 VERSION: 1-2 digits, not 0. */
function isVersionAt(line: string, k: number): boolean {
  const a = TOKENS[2 * k]!;
  const length = tokenLength(k);
  return length <= 2 && digitsAt(line, a, a + length) && !(length === 1 && line.charCodeAt(a) === 48);
}

function isMonthAt(line: string, k: number): boolean {
  return tokenLength(k) === 3 && MONTHS.indexOf(token(line, k)) % 3 === 0;
}

function isDayAt(line: string, k: number): boolean {
  const a = TOKENS[2 * k]!;
  return tokenLength(k) <= 2 && digitsAt(line, a, a + tokenLength(k));
}

function isYearAt(line: string, k: number): boolean {
  const a = TOKENS[2 * k]!;
  return tokenLength(k) === 4 && digitsAt(line, a, a + 4);
}

/** `HH:MM:SS` with optional fraction. */
function isTimeAt(line: string, k: number): boolean {
  const a = TOKENS[2 * k]!;
  const length = tokenLength(k);
  return (
    length >= 8 &&
    digitsAt(line, a, a + 2) &&
    line.charCodeAt(a + 2) === 58 &&
    digitsAt(line, a + 3, a + 5) &&
    line.charCodeAt(a + 5) === 58 &&
    digitsAt(line, a + 6, a + 8) &&
    (length === 8 || line.charCodeAt(a + 8) === 46)
  );
}

/** `YYYY-MM-DDT...` (the rest is left to the caller's date parser). */
function isIsoAt(line: string, k: number): boolean {
  const a = TOKENS[2 * k]!;
  return (
    tokenLength(k) >= 11 &&
    digitsAt(line, a, a + 4) &&
    line.charCodeAt(a + 4) === 45 &&
    digitsAt(line, a + 5, a + 7) &&
    line.charCodeAt(a + 7) === 45 &&
    digitsAt(line, a + 8, a + 10) &&
    line.charCodeAt(a + 10) === 84
  );
}
