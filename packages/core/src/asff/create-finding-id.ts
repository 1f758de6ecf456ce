import { createHash } from 'node:crypto';
import { ASFF_LIMITS } from './asff-limits.js';

/** What identifies one vendor event: who sent it, from which sensor, and its own id or content. */
export interface CreateFindingIdInput {
  /** Parser id or vendor (`dragos`). */
  readonly vendor: string;
  /** Site or sensor the event came from (syslog host, sensor name), so two sensors never collide. */
  readonly sensor: string;
  /** The vendor's own alert/event id; when absent or blank, `content` is hashed instead. */
  readonly eventId?: string | undefined;
  /** Stable content of the event (e.g. the CEF record without receipt time) for the hash fallback. */
  readonly content?: string | undefined;
}

/**
 * Builds a deterministic, namespaced finding Id, so replays update the same finding and two sensors
 * never overwrite each other:
 * `otbridge/<vendor>/<sensor>/event/<eventId>` or `otbridge/<vendor>/<sensor>/content/<sha256>`.
 * Segments are escaped (`%`, `/`, whitespace and controls become `%XXXX`, an empty segment `-`), so
 * different inputs never give the same Id. An Id that would exceed 512 units becomes
 * `otbridge/long/sha256/<sha256 of the readable Id>`. Changing this scheme orphans existing findings.
 */
export function createFindingId(input: CreateFindingIdInput): string {
  const prefix = `otbridge/${encodeIdSegment(input.vendor)}/${encodeIdSegment(input.sensor)}`;
  const eventId = input.eventId;
  const id =
    eventId !== undefined && eventId.trim() !== ''
      ? `${prefix}/event/${encodeIdSegment(eventId)}`
      : `${prefix}/content/${sha256Hex(input.content ?? '')}`;
  return id.length <= ASFF_LIMITS.ID ? id : `otbridge/long/sha256/${sha256Hex(id)}`;
}

/** Escapes one Id segment; `-` alone stands for an empty segment, so a literal `-` is escaped. */
export function encodeIdSegment(segment: string): string {
  if (segment === '') return '-';
  if (segment === '-') return '%002D';
  // The usual segment has nothing to escape: the regular expression's native scan says so in about half the
  // time of the loop below (segments are cut from lines: each code unit read through the slice).
  if (!ESCAPED_IN_ID.test(segment)) return segment;
  // What `segment.replace(/[%/\s\p{Cc}]/gu, c => '%' + hex4(c))` gives (a property test holds the two
  // equal), without a callback per character: vendor ids such as Claroty's `event/74397` contain a slash, so
  // this runs for many findings. Every such character is a single BMP unit, so reading code units finds the
  // same ones.
  let encoded = '';
  let runStart = 0;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (!isEscapedInId(code)) continue;
    encoded += segment.slice(runStart, i) + toEscape(code);
    runStart = i + 1;
  }
  return encoded + segment.slice(runStart);
}

/** Any character `encodeIdSegment` escapes (what `isEscapedInId` tells of one code unit). */
const ESCAPED_IN_ID = /[%/\s\p{Cc}]/u;

/** `%`, `/`, `\s` (white space and line terminators) or `\p{Cc}` (control characters). */
function isEscapedInId(code: number): boolean {
  if (code <= 0x20 || code === 0x25 || code === 0x2f) return true;
  if (code < 0x7f) return false;
  if (code <= 0xa0) return true; // U+007F-U+009F controls, U+00A0 no-break space
  if (code < 0x1680) return false;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function formatEscape(code: number): string {
  return `%${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `%XXXX` of the ASCII code units, built once (`/`, `%` and spaces are most of what gets escaped). */
const ASCII_ESCAPES: readonly string[] = Array.from({ length: 128 }, (_, code) => formatEscape(code));

function toEscape(code: number): string {
  return code < 128 ? (ASCII_ESCAPES[code] as string) : formatEscape(code);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
