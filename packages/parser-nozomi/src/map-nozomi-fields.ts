import { type CefRecord, createCefExtensionMap, createInputMemo, detachString } from '@otbridge/core';

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

const LABEL_FIELDS = {
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

type LabelledField = (typeof LABEL_FIELDS)[keyof typeof LABEL_FIELDS];

// A Map, so a label such as `constructor` or `__proto__` is just an unknown label.
const LABELS: ReadonlyMap<string, LabelledField> = new Map(
  Object.entries(LABEL_FIELDS) as [string, LabelledField][],
);

// Label keys repeat on every record (`cs1Label` ...): each one's value key (`cs1`) is sliced once and reused,
// so the Map lookups below hash it once.
const toValueKey = createInputMemo((labelKey) => detachString(labelKey.slice(0, -'Label'.length)), {
  maxEntries: 1024,
});
// Labels as sent (`Risk`, `IsSecurity` ...) → field (null: not an N2OS label), so the trimmed lower-case
// form is made once per distinct label text (labels are values: long ones are not kept).
const toLabelledField = createInputMemo(
  (label): LabelledField | null => LABELS.get(label.trim().toLowerCase()) ?? null,
  { maxEntries: 1024, maxKeyLength: 64 },
);

// The consumed keys depend only on which label keys carry an N2OS label, and a sensor sends the same few
// layouts (`cs1Label=Risk cs2Label=IsSecurity ...`) on every record: each layout's Set is built once and
// shared (read-only), found by walking a tree keyed by those label keys in record order (no Set per record,
// whose growth cost more than the rest of this function). Bounded in nodes; past that, a Set per record.
interface LabelLayout {
  readonly next: Map<string, LabelLayout>;
  consumedKeys: ReadonlySet<string> | undefined;
}
const LAYOUTS: LabelLayout = { next: new Map(), consumedKeys: undefined };
const MAX_LAYOUT_NODES = 1024;
let layoutNodes = 0;
/** Placeholder until the record's layout is known. */
const NO_KEYS: ReadonlySet<string> = new Set<string>();

function nextLayout(layout: LabelLayout | undefined, labelKey: string): LabelLayout | undefined {
  if (layout === undefined) return undefined;
  let next = layout.next.get(labelKey);
  if (next === undefined && layoutNodes < MAX_LAYOUT_NODES) {
    next = { next: new Map(), consumedKeys: undefined };
    layout.next.set(detachString(labelKey), next);
    layoutNodes += 1;
  }
  return next;
}

/** `key.endsWith('Label')`, with most keys (`src`, `cs1`) told apart by their last unit alone. */
function isLabelKey(key: string): boolean {
  return key.charCodeAt(key.length - 1) === 108 /* l */ && key.endsWith('Label');
}

/** The label keys that carry an N2OS label, and their value keys (a label sent alone is consumed too). */
function collectConsumedKeys(extensions: ReadonlyMap<string, string>): ReadonlySet<string> {
  const consumedKeys = new Set<string>();
  for (const key of extensions.keys()) {
    if (!isLabelKey(key) || toLabelledField(extensions.get(key) as string) === null) continue;
    consumedKeys.add(key);
    consumedKeys.add(toValueKey(key));
  }
  return consumedKeys;
}

/** Reads the labelled N2OS custom fields of a record (labels compared case-insensitively). */
export function readNozomiFields(record: CefRecord): NozomiFields {
  const extensions = createCefExtensionMap(record);
  // Filled in place (what `{ extensions, consumedKeys, ...fields }` gave, without the generic spread).
  const result: { extensions: ReadonlyMap<string, string>; consumedKeys: ReadonlySet<string> } & Partial<
    Record<LabelledField, string>
  > = { extensions, consumedKeys: NO_KEYS };
  let layout: LabelLayout | undefined = LAYOUTS;
  // Walk the label keys (keys only: no entry pair per key); the label is read for keys that end in `Label`.
  for (const key of extensions.keys()) {
    if (!isLabelKey(key)) continue;
    const field = toLabelledField(extensions.get(key) as string);
    if (field === null) continue;
    layout = nextLayout(layout, key);
    const value = extensions.get(toValueKey(key));
    if (value !== undefined && value.trim() !== '') result[field] = value;
  }
  let consumedKeys = layout?.consumedKeys;
  if (consumedKeys === undefined) {
    consumedKeys = collectConsumedKeys(extensions);
    if (layout !== undefined) layout.consumedKeys = consumedKeys;
  }
  result.consumedKeys = consumedKeys;
  return result;
}
