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
  if (isPlainSegment(segment)) return segment;
  return segment.replace(
    /[%/\s\p{Cc}]/gu,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Printable ASCII without `%` and `/`: nothing the escaping regex would touch. */
function isPlainSegment(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x25 || code === 0x2f) return false;
  }
  return true;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
