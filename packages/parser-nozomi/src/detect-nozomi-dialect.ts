import { type CefRecord, createInputMemo, detachString } from '@otbridge/core';

/** What an N2OS event is, from its Type ID (the CEF Signature ID the vendor says to key on). */
export type NozomiEventClass = 'alert' | 'audit' | 'health';

/** The Type ID family: the text before the first `:` (`SIGN`, `VI`, ...), `HEALTH`, or `other`. */
export type NozomiTypeFamily = 'SIGN' | 'VI' | 'INCIDENT' | 'NET' | 'PROC' | 'AUDIT' | 'HEALTH' | 'other';

/** How the line was framed before `CEF:` (vendors.md §3.1, cef.md §3 forms k and l). */
export type NozomiFraming = 'syslog-year' | 'host-tag' | 'bare' | 'other';

/** The dialect of one N2OS record. */
export interface NozomiDialect {
  readonly eventClass: NozomiEventClass;
  readonly family: NozomiTypeFamily;
  readonly framing: NozomiFraming;
  /** The Type ID, trimmed and upper-cased (`SIGN:MALWARE-DETECTED`); empty when the header has none. */
  readonly typeId: string;
}

const KNOWN_FAMILIES: ReadonlySet<string> = new Set(['SIGN', 'VI', 'INCIDENT', 'NET', 'PROC', 'AUDIT']);

/** What the Type ID alone decides. */
interface TypeIdClass {
  readonly eventClass: NozomiEventClass;
  readonly family: NozomiTypeFamily;
  readonly typeId: string;
}

// Type IDs as sent → their class: N2OS has a fixed catalogue, so each is trimmed, upper-cased and classified
// once.
const classifyTypeId = createInputMemo(
  (raw): TypeIdClass => {
    const typeId = raw.trim().toUpperCase();
    const family = toTypeFamily(typeId);
    const eventClass: NozomiEventClass =
      family === 'AUDIT' ? 'audit' : family === 'HEALTH' ? 'health' : 'alert';
    return { eventClass, family, typeId: detachString(typeId) };
  },
  { maxEntries: 1024, maxKeyLength: 128 },
);

/** Classifies an N2OS record by Type ID prefix (`AUDIT:`, `HEALTH`, else an alert) and by its framing. */
export function detectNozomiDialect(record: CefRecord): NozomiDialect {
  const { eventClass, family, typeId } = classifyTypeId(record.deviceEventClassId);
  return { eventClass, family, framing: toFraming(record), typeId };
}

function toTypeFamily(typeId: string): NozomiTypeFamily {
  if (typeId === 'HEALTH' || typeId.startsWith('HEALTH:')) return 'HEALTH';
  const colon = typeId.indexOf(':');
  if (colon <= 0) return 'other';
  const prefix = typeId.slice(0, colon);
  return KNOWN_FAMILIES.has(prefix) ? (prefix as NozomiTypeFamily) : 'other';
}

function toFraming(record: CefRecord): NozomiFraming {
  const prefix = record.prefix;
  if (prefix === undefined || prefix.raw.trim() === '') return 'bare';
  if (prefix.format === 'nozomi') return 'syslog-year';
  if (prefix.format === 'host-tag') return 'host-tag';
  return 'other';
}
