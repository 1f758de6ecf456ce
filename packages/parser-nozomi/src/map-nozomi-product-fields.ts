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

/**
 * Builds ProductFields: the documented pairs first (`entries`, most useful first), then every other
 * extension as `nozomi/<key>`, within `PARSER_PRODUCT_FIELDS_BUDGET`. What is dropped is reported.
 */
export function mapNozomiProductFields(
  entries: readonly (readonly [string, string | undefined])[],
  extensions: ReadonlyMap<string, string>,
  consumedKeys: ReadonlySet<string>,
): NozomiProductFields {
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (const [key, value] of entries) {
    if (value === undefined || value.trim() === '' || seen.has(key)) continue;
    seen.add(key);
    pairs.push([key, value]);
  }
  for (const [key, value] of extensions) {
    if (consumedKeys.has(key) || NOZOMI_KEYS_MAPPED_ELSEWHERE.has(key) || value.trim() === '') continue;
    const name = `nozomi/${key}`;
    if (seen.has(name)) continue;
    seen.add(name);
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
