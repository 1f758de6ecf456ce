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
  if (end === 0) return { prefix: undefined, recognized: true };
  const raw = line.slice(0, end);
  let start = 0;
  while (start < end && (line.charCodeAt(start) === BOM || line.charCodeAt(start) === 32)) start++;
  let stop = end;
  while (stop > start && (line.charCodeAt(stop - 1) === BOM || line.charCodeAt(stop - 1) === 32)) stop--;
  if (stop === start) return { prefix: undefined, recognized: true };
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
  const tokens = splitTokens(line, i, stop);
  const text = (k: number): string | undefined => {
    const a = tokens[2 * k];
    return a === undefined ? undefined : line.slice(a, tokens[2 * k + 1]);
  };
  const count = tokens.length >> 1;
  const t0 = text(0);
  if (t0 === undefined) return { prefix: out, recognized: out.priority !== undefined };

  const rest5424 = (k: number): boolean => {
    // TS HOST APP PROCID MSGID [SD...]: every field may be '-' (NILVALUE), trailing fields may be missing.
    const timestamp = text(k);
    if (timestamp === undefined || !(timestamp === '-' || isIsoTimestamp(timestamp))) return false;
    out.format = 'rfc5424';
    setField(out, 'timestamp', timestamp);
    setField(out, 'hostname', text(k + 1));
    setField(out, 'appName', text(k + 2));
    setField(out, 'procId', text(k + 3));
    setField(out, 'msgId', text(k + 4));
    const sd = tokens[2 * (k + 5)];
    if (sd !== undefined) setField(out, 'structuredData', line.slice(sd, stop));
    return true;
  };

  if (isVersion(t0) && count >= 2 && rest5424(1)) return { prefix: out, recognized: true };
  if (isIsoTimestamp(t0)) {
    if (out.priority !== undefined && rest5424(0)) return { prefix: out, recognized: true };
    out.format = 'iso8601';
    out.timestamp = t0;
    setField(out, 'hostname', text(1));
    setTag(out, text(2));
    return { prefix: out, recognized: true };
  }
  const t1 = text(1);
  const t2 = text(2);
  if (isMonth(t0) && t1 !== undefined && isDay(t1) && t2 !== undefined) {
    const t3 = text(3);
    if (isYear(t2) && t3 !== undefined && isTime(t3)) {
      out.format = 'nozomi';
      out.timestamp = line.slice(tokens[0], tokens[7]);
      setField(out, 'hostname', text(4));
      setTag(out, text(5));
      return { prefix: out, recognized: true };
    }
    if (isTime(t2)) {
      const timestamp = line.slice(tokens[0], tokens[5]);
      const host = text(3);
      const t4 = text(4);
      if (host !== undefined && t4 !== undefined && isVersion(t4) && rest5424(5)) {
        out.relay = { timestamp, host };
        return { prefix: out, recognized: true };
      }
      out.format = 'rfc3164';
      out.timestamp = timestamp;
      setField(out, 'hostname', host);
      setTag(out, t4);
      return { prefix: out, recognized: true };
    }
  }
  if (count === 2 && t1 !== undefined && t1.endsWith(':')) {
    out.format = 'host-tag';
    out.hostname = t0;
    setTag(out, t1);
    return { prefix: out, recognized: true };
  }
  return { prefix: out, recognized: false };
}

function splitTokens(line: string, from: number, to: number): number[] {
  const tokens: number[] = [];
  let i = from;
  while (i < to) {
    while (i < to && line.charCodeAt(i) === 32) i++;
    if (i >= to) break;
    const a = i;
    while (i < to && line.charCodeAt(i) !== 32) i++;
    tokens.push(a, i);
  }
  return tokens;
}

function setField(
  out: Writable<SyslogPrefix>,
  field: 'timestamp' | 'hostname' | 'appName' | 'procId' | 'msgId' | 'structuredData',
  value: string | undefined,
): void {
  if (value !== undefined && value !== '-' && value !== '') out[field] = value;
}

/** `tag`, `tag:`, `tag[pid]:` → appName (+ procId). */
function setTag(out: Writable<SyslogPrefix>, tag: string | undefined): void {
  if (tag === undefined) return;
  const body = tag.endsWith(':') ? tag.slice(0, -1) : tag;
  const open = body.indexOf('[');
  if (open > 0 && body.endsWith(']')) {
    setField(out, 'appName', body.slice(0, open));
    setField(out, 'procId', body.slice(open + 1, -1));
  } else {
    setField(out, 'appName', body);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function allDigits(text: string, from = 0, to = text.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isVersion(text: string): boolean {
  return text.length <= 2 && allDigits(text) && text !== '0';
}

function isMonth(text: string): boolean {
  return text.length === 3 && MONTHS.indexOf(text) % 3 === 0;
}

function isDay(text: string): boolean {
  return text.length <= 2 && allDigits(text);
}

function isYear(text: string): boolean {
  return text.length === 4 && allDigits(text);
}

/** `HH:MM:SS` with optional fraction. */
function isTime(text: string): boolean {
  return (
    text.length >= 8 &&
    allDigits(text, 0, 2) &&
    text[2] === ':' &&
    allDigits(text, 3, 5) &&
    text[5] === ':' &&
    allDigits(text, 6, 8) &&
    (text.length === 8 || text[8] === '.')
  );
}

/** `YYYY-MM-DDT...` (the rest is left to the caller's date parser). */
function isIsoTimestamp(text: string): boolean {
  return (
    text.length >= 11 &&
    allDigits(text, 0, 4) &&
    text[4] === '-' &&
    allDigits(text, 5, 7) &&
    text[7] === '-' &&
    allDigits(text, 8, 10) &&
    text[10] === 'T'
  );
}
