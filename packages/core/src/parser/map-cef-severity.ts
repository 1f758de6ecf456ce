/** A CEF header severity translated to the 0-100 scale `toAsffSeverity` takes, with the raw text kept. */
export interface CefSeverity {
  readonly normalized: number;
  readonly original: string;
}

// CEF bands (0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High) times ten land exactly in the ASFF label
// ranges (1-39 LOW, 40-69 MEDIUM, 70-89 HIGH, 90-100 CRITICAL); 0 is INFORMATIONAL.
const CEF_SEVERITY_WORDS: ReadonlyMap<string, number> = new Map([
  ['unknown', 0],
  ['low', 10],
  ['medium', 40],
  ['high', 70],
  ['very-high', 90],
  ['very high', 90],
  ['critical', 90],
]);

/**
 * Maps a CEF header severity (`0`-`10`, or `Unknown`/`Low`/`Medium`/`High`/`Very-High`, any case) to
 * `{ normalized, original }`; `undefined` for anything else, so the caller decides the fallback.
 */
export function mapCefSeverity(severity: string): CefSeverity | undefined {
  const original = severity.trim();
  if (/^\d{1,2}$/.test(original)) {
    const value = Number(original);
    return value <= 10 ? { normalized: value * 10, original } : undefined;
  }
  const word = CEF_SEVERITY_WORDS.get(original.toLowerCase());
  return word === undefined ? undefined : { normalized: word, original };
}
