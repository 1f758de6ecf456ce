import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createInputMemo } from '../text/create-input-memo.js';
import { detachString } from '../text/detach-string.js';
import { CEF_DIAGNOSTIC_CODES } from './cef-diagnostic-codes.js';
import type { CefRecord } from './cef-record.js';
import { flattenCefExtensions } from './flatten-cef-extensions.js';
import { TokenizedCefRecord } from './tokenized-cef-record.js';

/** One numbered custom slot (`cs3` + `cs3Label`, `flexString2` + `flexString2Label`, ...). */
export interface CefCustomField {
  /** Family in its short form: `cs`, `cn`, `cfp`, `c6a`, `flexString`, `flexDate`, `flexNumber`, `deviceCustomDate`. */
  readonly family: string;
  /** Slot number as sent (`22` for `cs22`). */
  readonly index: string;
  /** The value key as sent, when present. */
  readonly key?: string;
  /** The label key as sent, when present. */
  readonly labelKey?: string;
  readonly label?: string;
  readonly value?: string;
}

/** Custom slots of a record plus orphan and duplicate-label diagnostics. */
export interface CefCustomFieldList {
  readonly fields: readonly CefCustomField[];
  readonly diagnostics: readonly Diagnostic[];
}

// Long dictionary names share the slot of their short key (deviceCustomString1 is cs1).
const FAMILY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['cs', 'cs'],
  ['cn', 'cn'],
  ['cfp', 'cfp'],
  ['flexString', 'flexString'],
  ['flexDate', 'flexDate'],
  ['flexNumber', 'flexNumber'],
  ['deviceCustomDate', 'deviceCustomDate'],
  ['deviceCustomString', 'cs'],
  ['deviceCustomNumber', 'cn'],
  ['deviceCustomFloatingPoint', 'cfp'],
  ['deviceCustomIPv6Address', 'c6a'],
]);

/** Reads `key` as a custom slot: `{ family, index, isLabel }`, or undefined for any other key. */
export function parseCustomSlotKey(
  key: string,
): { family: string; index: string; isLabel: boolean } | undefined {
  const isLabel = key.endsWith('Label');
  const base = isLabel ? key.slice(0, -5) : key;
  let j = base.length;
  while (j > 0 && base.charCodeAt(j - 1) >= 48 && base.charCodeAt(j - 1) <= 57) j--;
  if (j === base.length || j === 0) return undefined;
  // Vendors capitalise the first letter now and then (beats: C6a4Label, DeviceCustomNumber2).
  const written = base.slice(0, j);
  const family = written[0]!.toLowerCase() + written.slice(1);
  const index = base.slice(j);
  const alias = FAMILY_ALIASES.get(family);
  if (alias !== undefined) return { family: alias, index, isLabel };
  // cNa<n>: the IPv6 family is c6a; accept any digit group in the middle (cNa N).
  if (family.length >= 3 && family[0] === 'c' && family.endsWith('a')) {
    for (let i = 1; i < family.length - 1; i++) {
      const c = family.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    return { family, index, isLabel };
  }
  return undefined;
}

type MutableField = { -readonly [K in keyof CefCustomField]: CefCustomField[K] };

interface SlotKey {
  readonly family: string;
  readonly index: string;
  readonly isLabel: boolean;
  /** `family\u0000index`: the slot's Map key. */
  readonly id: string;
}

// Slot keys repeat on every record of a sender (`cs1`, `cs1Label` ...): parse each once (keys are at most
// CEF_MAX_KEY_LENGTH units).
const readSlotKey = createInputMemo(
  (key): SlotKey | null => {
    const slot = parseCustomSlotKey(key);
    return slot === undefined
      ? null
      : {
          family: detachString(slot.family),
          index: detachString(slot.index),
          isLabel: slot.isLabel,
          id: detachString(`${slot.family}\u0000${slot.index}`),
        };
  },
  { maxEntries: 2048 },
);

/** The custom slots of a record by `family\0index`, in first-seen order; the last duplicate of a key wins. */
function collectSlots(record: CefRecord): Map<string, MutableField> {
  const slots = new Map<string, MutableField>();
  // The flat key/value list: no pair arrays.
  const strings = flattenCefExtensions(record);
  for (let index = 0; index < strings.length; index += 2) {
    const key = strings[index] as string;
    const value = strings[index + 1] as string;
    // Quick reject: a slot key ends in a digit (`cs1`) or in `Label` (`cs1Label`).
    const last = key.charCodeAt(key.length - 1);
    if ((last < 48 || last > 57) && last !== 108) continue;
    const slot = readSlotKey(key);
    if (slot === null) continue;
    const id = slot.id;
    let field = slots.get(id);
    if (field === undefined) {
      field = { family: slot.family, index: slot.index };
      slots.set(id, field);
    }
    if (slot.isLabel) {
      field.labelKey = key;
      field.label = value;
    } else {
      field.key = key;
      field.value = value;
    }
  }
  return slots;
}

/**
 * Lists the custom slots of a record, pairing each value key with its `Label` twin in any order. The last
 * duplicate of a key wins. Reports labels without values, values without labels, and a label used twice.
 */
export function listCustomFields(record: CefRecord): CefCustomFieldList {
  const slots = collectSlots(record);
  const diagnostics: Diagnostic[] = [];
  const byLabel = new Map<string, string>();
  for (const field of slots.values()) {
    if (field.key === undefined || field.label === undefined) {
      diagnostics.push(
        createDiagnostic(
          CEF_DIAGNOSTIC_CODES.orphanCustomField,
          'warning',
          field.key === undefined
            ? `${field.labelKey} has no ${field.family}${field.index} value to label.`
            : `${field.key} has no ${field.key}Label; its meaning is unknown.`,
        ),
      );
      continue;
    }
    if (field.label === '') continue;
    const previous = byLabel.get(field.label);
    if (previous !== undefined) {
      diagnostics.push(
        createDiagnostic(
          CEF_DIAGNOSTIC_CODES.duplicateCustomLabel,
          'warning',
          `Label "${field.label}" is used by ${previous} and ${field.key}; the later one wins.`,
        ),
      );
    }
    byLabel.set(field.label, field.key);
  }
  return { fields: [...slots.values()], diagnostics };
}

const RESOLVED = new WeakMap<CefRecord, ReadonlyMap<string, { key: string; value: string }>>();

/**
 * Custom fields keyed by their label text as sent (`cs1Label=Risk cs1=9.0` → `Risk` → `{ key: 'cs1', value: '9.0' }`).
 * Map by label, never by slot: vendors reuse slots. Empty labels and orphans are left out.
 */
export function resolveCustomLabels(record: CefRecord): ReadonlyMap<string, { key: string; value: string }> {
  // A tokenized record caches the index in a private field: cheaper than the WeakMap, and GC-friendlier.
  if (record instanceof TokenizedCefRecord) return record.cachedCustomLabels(buildCustomLabels);
  const cached = RESOLVED.get(record);
  if (cached !== undefined) return cached;
  const map = buildCustomLabels(record);
  RESOLVED.set(record, map);
  return map;
}

function buildCustomLabels(record: CefRecord): ReadonlyMap<string, { key: string; value: string }> {
  const map = new Map<string, { key: string; value: string }>();
  for (const field of collectSlots(record).values()) {
    if (
      field.key === undefined ||
      field.value === undefined ||
      field.label === undefined ||
      field.label === ''
    ) {
      continue;
    }
    map.set(field.label, Object.freeze({ key: field.key, value: field.value }));
  }
  return map;
}

/** The value of the custom field labelled `label`, or undefined. */
export function getCustomField(record: CefRecord, label: string): string | undefined {
  return resolveCustomLabels(record).get(label)?.value;
}
