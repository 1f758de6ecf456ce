/** A severity decision: the ASFF Normalized value (0-100), the raw value kept, and how it was reached. */
export interface ClarotySeverity {
  readonly normalized: number;
  /** The raw vendor value for `Severity.Original` (the CEF header severity in every dialect). */
  readonly original: string;
  /** False when the value was not understood and the default (MEDIUM) was used. */
  readonly known: boolean;
}

/** Severity words seen in Claroty data (CTD legacy header, `CtdInsightsSeverity`, xDome `signature_severity`). */
const SEVERITY_WORDS: Readonly<Record<string, number>> = Object.assign(Object.create(null), {
  critical: 90,
  'very-high': 90,
  'very high': 90,
  high: 70,
  medium: 40,
  moderate: 40,
  // CTD legacy baselines: an unapproved communication is worth looking at, not urgent (vendors.md §2.6).
  unapproved: 40,
  low: 1,
  informational: 0,
  info: 0,
  unknown: 0,
});

/** MEDIUM: used when a severity is missing or not understood, so a real alert never goes unseen. */
export const CLAROTY_DEFAULT_NORMALIZED = 40;

/** Normalized value of a severity word (case-insensitive), or `undefined` if it is not one we know. */
export function mapSeverityWord(value: string): number | undefined {
  return SEVERITY_WORDS[value.trim().toLowerCase()];
}

/** Normalized value of a CEF 0-10 severity (bands: 0 INFORMATIONAL, 1-3 LOW, 4-6 MEDIUM, 7-8 HIGH, 9-10 CRITICAL). */
export function mapCefScale(value: string): number | undefined {
  const text = value.trim();
  if (!/^\d{1,2}(?:\.\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  return number > 10 ? undefined : Math.round(number * 10);
}

/** Normalized value of a 0-100 score (`CtdAlertScore`, legacy `Score`), clamped; `undefined` if not a number. */
export function mapScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d{1,3}(?:\.\d+)?$/.test(text)) return undefined;
  return Math.min(100, Math.round(Number(text)));
}

/**
 * The header severity read as a word or a CEF 0-10 number (CTD legacy sends words, the others numbers);
 * unknown values fall back to MEDIUM with `known: false`.
 */
export function mapHeaderSeverity(value: string): ClarotySeverity {
  const original = value.trim() === '' ? 'Unknown' : value;
  const normalized = mapCefScale(value) ?? mapSeverityWord(value);
  return normalized === undefined
    ? { normalized: CLAROTY_DEFAULT_NORMALIZED, original, known: false }
    : { normalized, original, known: true };
}
