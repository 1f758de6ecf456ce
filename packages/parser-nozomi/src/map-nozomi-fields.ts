import { type CefRecord, createCefExtensionMap, resolveCustomLabels } from '@otbridge/core';

/** The N2OS custom fields, found by label (never by slot), plus every extension by key. */
export interface NozomiFields {
  /** Extension values by key (last duplicate wins). */
  readonly extensions: ReadonlyMap<string, string>;
  /** `Risk` (alerts): a 0-10 decimal. */
  readonly risk?: string;
  /** `IsSecurity`: `true` / `false`. */
  readonly isSecurity?: string;
  /** `Id`: the alert instance UUID. */
  readonly alertId?: string;
  /** `Detail`: `{trigger_type: ..., trigger_id: ...}`. */
  readonly detail?: string;
  /** `Parents`: a JSON array of parent alert / incident ids. */
  readonly parents?: string;
  readonly schema?: string;
  /** `browser` (audit events put the user agent in cs1). */
  readonly browser?: string;
  readonly techniques?: string;
  readonly tactics?: string;
  /** `name` (flexString3): the alert category. */
  readonly category?: string;
  /** Extension keys consumed by the labelled fields above (value and label keys). */
  readonly consumedKeys: ReadonlySet<string>;
}

const LABELS = {
  risk: 'risk',
  issecurity: 'isSecurity',
  id: 'alertId',
  detail: 'detail',
  parents: 'parents',
  n2os_schema: 'schema',
  browser: 'browser',
  mitre_attack_techniques: 'techniques',
  mitre_attack_tactics: 'tactics',
  name: 'category',
} as const satisfies Record<string, keyof NozomiFields>;

type LabelledField = (typeof LABELS)[keyof typeof LABELS];

/** Reads the labelled N2OS custom fields of a record (labels compared case-insensitively). */
export function readNozomiFields(record: CefRecord): NozomiFields {
  const extensions = createCefExtensionMap(record);
  const consumedKeys = new Set<string>();
  const fields: Partial<Record<LabelledField, string>> = {};
  for (const [label, entry] of resolveCustomLabels(record)) {
    const field = (LABELS as Record<string, LabelledField | undefined>)[label.trim().toLowerCase()];
    if (field === undefined) continue;
    consumedKeys.add(entry.key);
    consumedKeys.add(`${entry.key}Label`);
    if (entry.value.trim() !== '') fields[field] = entry.value;
  }
  // A label sent without its value (`cs3Label=Id` alone) is consumed too: it says nothing else.
  for (const [key, value] of extensions) {
    if (!key.endsWith('Label')) continue;
    const field = (LABELS as Record<string, LabelledField | undefined>)[value.trim().toLowerCase()];
    if (field !== undefined) consumedKeys.add(key);
  }
  return { extensions, consumedKeys, ...fields };
}
