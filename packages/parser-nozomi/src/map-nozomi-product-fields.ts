import {
  createDiagnostic,
  type Diagnostic,
  PARSER_PRODUCT_FIELDS_BUDGET,
  toProductFields,
} from '@otbridge/core';

/** ProductFields of one finding, with a warning when some had to be dropped. */
export interface NozomiProductFields {
  readonly fields: Record<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Extension keys mapped to other ASFF fields (Network, Resources, Description, times) and not repeated. */
export const NOZOMI_KEYS_MAPPED_ELSEWHERE: ReadonlySet<string> = new Set([
  'src',
  'dst',
  'smac',
  'dmac',
  'spt',
  'dpt',
  'shost',
  'dhost',
  'msg',
  'start',
  'proto',
]);

/** Appends a documented pair unless its value is absent or blank (buildFinding's keys are distinct). */
export function addProductField(pairs: [string, string][], key: string, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') pairs.push([key, value]);
}

// `nozomi/<key>` strings, reused across records (the same keys come on every N2OS record): no new string
// per key and record, and a name already hashed for the Set and the ProductFields object.
const PREFIXED_KEYS = new Map<string, string>();
const MAX_PREFIXED_KEYS = 1024;

function toNozomiProductFieldKey(key: string): string {
  let prefixed = PREFIXED_KEYS.get(key);
  if (prefixed === undefined) {
    prefixed = `nozomi/${key}`;
    if (PREFIXED_KEYS.size < MAX_PREFIXED_KEYS) PREFIXED_KEYS.set(key, prefixed);
  }
  return prefixed;
}

/**
 * Builds ProductFields: the documented pairs first (`pairs`, most useful first, filled by `addProductField`),
 * then every other extension as `nozomi/<key>` unless a documented pair has that name, within
 * `PARSER_PRODUCT_FIELDS_BUDGET`. What is dropped is reported. `pairs` is extended in place.
 */
export function mapNozomiProductFields(
  pairs: [string, string][],
  extensions: ReadonlyMap<string, string>,
  consumedKeys: ReadonlySet<string>,
): NozomiProductFields {
  const documented = new Set<string>();
  for (const [key] of pairs) documented.add(key);
  for (const [key, value] of extensions) {
    if (consumedKeys.has(key) || NOZOMI_KEYS_MAPPED_ELSEWHERE.has(key) || value.trim() === '') continue;
    // Extension keys are distinct (a Map), so only a documented pair can already hold the name.
    const name = toNozomiProductFieldKey(key);
    if (documented.has(name)) continue;
    pairs.push([name, value]);
  }
  const { fields, dropped } = toProductFields(pairs, PARSER_PRODUCT_FIELDS_BUDGET);
  const diagnostics =
    dropped.length === 0
      ? []
      : [
          createDiagnostic(
            'nozomi/product-fields-dropped',
            'warning',
            `ProductFields is limited to ${PARSER_PRODUCT_FIELDS_BUDGET} pairs per parser; dropped: ${dropped.join(', ').slice(0, 500)}.`,
          ),
        ];
  return { fields, diagnostics };
}
