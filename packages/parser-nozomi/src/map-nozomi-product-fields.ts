import {
  createDiagnostic,
  createKeyPrefixer,
  type Diagnostic,
  PARSER_PRODUCT_FIELDS_BUDGET,
  toProductFieldsFromList,
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

/** The documented ProductFields (`nozomi/<key>`) the parser fills, beside the asset-discovery marker. */
const NOZOMI_DOCUMENTED_KEYS = [
  'type_id',
  'event_class',
  'risk',
  'severity',
  'is_security',
  'alert_id',
  'trigger_type',
  'trigger_id',
  'detail',
  'parents',
  'mitre_attack_techniques',
  'mitre_attack_tactics',
  'name',
  'app',
  'suser',
  'browser',
  'n2os_schema',
  'n2os_version',
  'dvchost',
  'dvc',
  'syslog_host',
  'start',
  'framing',
] as const;

/** A documented ProductFields name: the type keeps `addProductField` callers inside the list above. */
export type NozomiDocumentedField = `nozomi/${(typeof NOZOMI_DOCUMENTED_KEYS)[number]}`;

// Extension keys whose `nozomi/<key>` is a documented name: only for these can a pair already hold it.
// A static set instead of a Set of the names added per record (its growth cost more than the rest).
const DOCUMENTED_KEYS: ReadonlySet<string> = new Set(NOZOMI_DOCUMENTED_KEYS);

/**
 * Appends a documented pair to the flat key/value list unless its value is absent or blank (buildFinding's
 * keys are distinct).
 */
export function addProductField(
  pairs: string[],
  key: NozomiDocumentedField,
  value: string | undefined,
): void {
  if (value !== undefined && value.trim() !== '') pairs.push(key, value);
}

function hasPair(pairs: readonly string[], name: string): boolean {
  for (let index = 0; index < pairs.length; index += 2) if (pairs[index] === name) return true;
  return false;
}

// `nozomi/<key>` strings, reused across records (the same keys come on every N2OS record): no new string
// per key and record, and a name already hashed for the ProductFields object.
const toNozomiProductFieldKey = createKeyPrefixer('nozomi/');

/**
 * Builds ProductFields: the documented pairs first (`pairs`, a flat key/value list, most useful first, filled
 * by `addProductField`), then every other extension as `nozomi/<key>` unless a documented pair has that name,
 * within `PARSER_PRODUCT_FIELDS_BUDGET`. What is dropped is reported. `pairs` is extended in place.
 */
export function mapNozomiProductFields(
  pairs: string[],
  extensions: ReadonlyMap<string, string>,
  consumedKeys: ReadonlySet<string>,
): NozomiProductFields {
  for (const [key, value] of extensions) {
    if (consumedKeys.has(key) || NOZOMI_KEYS_MAPPED_ELSEWHERE.has(key) || value.trim() === '') continue;
    const name = toNozomiProductFieldKey(key);
    // Extension keys are distinct (a Map), so only a documented pair can already hold the name.
    if (DOCUMENTED_KEYS.has(key) && hasPair(pairs, name)) continue;
    pairs.push(name, value);
  }
  const { fields, dropped } = toProductFieldsFromList(pairs, PARSER_PRODUCT_FIELDS_BUDGET);
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
