import { detachString } from '../text/detach-string.js';
import { isBlank } from '../text/is-blank.js';
import { ASFF_LIMITS } from './asff-limits.js';
import { PARSER_PRODUCT_FIELDS_BUDGET } from './ot-conventions.js';
import { fitUtf16 } from './truncate-utf16.js';

/** ProductFields that fit the service's limits, and the keys that did not fit. */
export interface ToProductFieldsResult {
  /** A plain object; a `__proto__` key is an own data property (defined, never assigned), just a key. */
  readonly fields: Record<string, string>;
  /** Keys left out: over the pair budget, blank key or value, or the reserved `aws/` prefix. */
  readonly dropped: string[];
}

// Non-empty `fields` objects toProductFields made and nobody has taken yet: the first createBaseFinding
// given one uses it as the finding's ProductFields instead of copying it (see `takeFreshProductFields`).
const FRESH_FIELDS = new WeakSet<object>();

/**
 * Whether `fields` is a non-empty result of `toProductFields` not taken before; true at most once per
 * object, so a second finding built from the same fields gets its own copy.
 */
export function takeFreshProductFields(fields: object): boolean {
  return FRESH_FIELDS.delete(fields);
}

/**
 * Builds `ProductFields` from key/value pairs: keys truncated to 128 and values to 2048 UTF-16 units,
 * a later duplicate key replaces the earlier value, at most `budget` distinct keys (default 48: the
 * service allows 50 and `defineParser` adds two); everything left out is listed in `dropped`.
 */
export function toProductFields(
  entries: Iterable<readonly [string, string]>,
  budget: number = PARSER_PRODUCT_FIELDS_BUDGET,
): ToProductFieldsResult {
  const list: string[] = [];
  for (const [key, value] of entries) list.push(key, value);
  return toProductFieldsFromList(list, budget);
}

/**
 * `toProductFields` for a flat key/value list `[key0, value0, key1, value1, ...]`: for a parser that
 * collects its fields that way, without an array per pair.
 */
export function toProductFieldsFromList(
  list: readonly string[],
  budget: number = PARSER_PRODUCT_FIELDS_BUDGET,
): ToProductFieldsResult {
  return toProductFieldsFromLists([list], budget);
}

/**
 * `toProductFieldsFromList` for several flat key/value lists read one after the other, as if
 * concatenated: a parser that gathers its pairs in parts (header fields, documented keys, the rest) passes
 * the parts instead of copying them into one list first.
 */
export function toProductFieldsFromLists(
  lists: readonly (readonly string[])[],
  budget: number = PARSER_PRODUCT_FIELDS_BUDGET,
): ToProductFieldsResult {
  let length = 0;
  for (const list of lists) {
    if (list.length % 2 !== 0)
      throw new TypeError(
        'toProductFieldsFromLists: each list must hold whole key/value pairs (an even length)',
      );
    length += list.length;
  }
  const limit = Math.min(Math.max(0, Math.floor(budget)), ASFF_LIMITS.PRODUCT_FIELDS);
  // From DICTIONARY_MODE_KEYS keys on, the pairs are collected in keys and values instead of the object
  // (see buildLargeFields); from the start when that many pairs come in.
  const large = length >= 2 * DICTIONARY_MODE_KEYS;
  if (large) {
    const known = fromKnownSequence(lists, length, limit);
    if (known !== undefined) return known;
  }
  // A plain object rather than a null-prototype one (dictionary mode in V8, slow to fill, read and copy).
  // `Object.hasOwn` ignores inherited names such as `constructor`, and assigning one of them makes an own
  // property; only `__proto__` (a setter on Object.prototype) has to be defined instead of assigned.
  const fields: Record<string, string> = {};
  const dropped: string[] = [];
  let count = 0;
  let keys: string[] | undefined = large ? [] : undefined;
  let values: string[] | undefined = large ? [] : undefined;
  for (const list of lists) {
    for (let index = 0; index < list.length; index += 2) {
      const rawKey = list[index] as string;
      const rawValue = list[index + 1] as string;
      const key = fitUtf16(rawKey, ASFF_LIMITS.PRODUCT_FIELD_KEY);
      if (isDroppedPair(key, rawValue)) {
        dropped.push(rawKey);
        continue;
      }
      const value = fitUtf16(rawValue, ASFF_LIMITS.PRODUCT_FIELD_VALUE);
      if (keys !== undefined && values !== undefined) {
        // At most 50 keys: a scan is cheaper than a hash set.
        const at = keys.indexOf(key);
        if (at !== -1) values[at] = value;
        else if (count >= limit) dropped.push(rawKey);
        else {
          keys.push(key);
          values.push(value);
          count += 1;
        }
        continue;
      }
      const isNew = !Object.hasOwn(fields, key);
      if (isNew && count >= limit) {
        dropped.push(rawKey);
        continue;
      }
      if (isNew && count + 1 >= DICTIONARY_MODE_KEYS) {
        keys = Object.keys(fields);
        values = keys.map((known) => fields[known] as string);
        keys.push(key);
        values.push(value);
        count += 1;
        continue;
      }
      if (isNew) count += 1;
      if (key === '__proto__')
        Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
      else fields[key] = value;
    }
  }
  if (count === 0) return { fields, dropped };
  const result = keys !== undefined && values !== undefined ? buildLargeFields(keys, values) : fields;
  FRESH_FIELDS.add(result);
  return { fields: result, dropped };
}

/**
 * The result for long lists whose keys are, as given, a sequence seen before (a template) and whose values
 * are all present. A template's keys are distinct and were kept before (not blank, not `aws/`, not over
 * 128 units), so the lists have no repeated key, nothing to drop and, within `limit`, nothing over the
 * budget: each pair costs a pointer comparison of its key and a check of its value, without the repeat
 * check (a scan of the keys so far for every key: about 600 comparisons for a Claroty record's 35 keys).
 * `undefined` otherwise (a new sequence, a repeat, something to drop): the general path decides.
 */
function fromKnownSequence(
  lists: readonly (readonly string[])[],
  length: number,
  limit: number,
): ToProductFieldsResult | undefined {
  const candidates = FIELDS_TEMPLATES.get(firstKey(lists) as string);
  if (candidates === undefined) return undefined;
  const template = findTemplateOfLists(candidates, lists, length >> 1);
  if (template === undefined || template.keys.length > limit) return undefined;
  const values: string[] = new Array(length >> 1);
  let at = 0;
  for (const list of lists) {
    for (let index = 1; index < list.length; index += 2) {
      const value = list[index] as string;
      if (isBlank(value)) return undefined;
      values[at++] = fitUtf16(value, ASFF_LIMITS.PRODUCT_FIELD_VALUE);
    }
  }
  const fields = fromTemplate(template, template.keys, values);
  FRESH_FIELDS.add(fields);
  return { fields, dropped: [] };
}

function firstKey(lists: readonly (readonly string[])[]): string | undefined {
  for (const list of lists) if (list.length > 0) return list[0];
  return undefined;
}

// The template whose keys are those of the flat key/value lists, in order. The first key chose the
// candidates (the Map compares it by content); the rest are compared here, by pointer for the usual key a
// parser keeps as one string.
function findTemplateOfLists(
  candidates: readonly FieldsTemplate[],
  lists: readonly (readonly string[])[],
  count: number,
): FieldsTemplate | undefined {
  search: for (const candidate of candidates) {
    const known = candidate.keys;
    if (known.length !== count) continue;
    let at = 0;
    for (const list of lists)
      for (let index = 0; index < list.length; index += 2) if (known[at++] !== list[index]) continue search;
    return candidate;
  }
  return undefined;
}

/** A blank key or value, or the reserved `aws/` prefix: left out and reported. */
function isDroppedPair(key: string, value: string): boolean {
  return isBlank(key) || isBlank(value) || (key.charCodeAt(0) === 97 && key.startsWith('aws/'));
}

/**
 * From this many keys on, an object built by keyed stores (`fields[key] = value`) turns into a V8
 * dictionary-mode object: slower to read, enumerate, validate and serialise (about 2 µs a Claroty finding).
 */
const DICTIONARY_MODE_KEYS = 18;

/** A key sequence seen before and a fast-mode object with exactly those keys, in order (values blank). */
interface FieldsTemplate {
  readonly keys: readonly string[];
  readonly object: Readonly<Record<string, string>>;
  /** Object.assign would call the `__proto__` setter instead of copying such a key. */
  readonly hasProtoKey: boolean;
}

/**
 * Templates by their first key. A vendor sends a few key sequences over and over, mostly as the same string
 * instances (parsers cache their key names), so matching one is a few pointer comparisons. Bounded, so ever
 * new sequences from hostile input cannot grow it.
 */
const FIELDS_TEMPLATES = new Map<string, FieldsTemplate[]>();
const MAX_TEMPLATE_FIRST_KEYS = 256;
const MAX_TEMPLATES_PER_FIRST_KEY = 8;

/**
 * A fast-mode object with these keys and values, in order. A copy of a template with the same keys whose
 * values are overwritten costs about a third of building it from pairs
 * (`Object.fromEntries`), which is what a sequence gets the first time it is seen.
 */
function buildLargeFields(keys: string[], values: readonly string[]): Record<string, string> {
  const first = keys[0] as string;
  const candidates = FIELDS_TEMPLATES.get(first);
  const template = candidates === undefined ? undefined : findTemplate(candidates, keys);
  if (template === undefined) {
    const entry: FieldsTemplate = {
      // Detached: the keys may be cut from a line that the template would otherwise keep alive.
      keys: keys.map(detachString),
      object: Object.fromEntries(keys.map((key) => [key, ''])),
      hasProtoKey: keys.includes('__proto__'),
    };
    if (candidates !== undefined) {
      if (candidates.length < MAX_TEMPLATES_PER_FIRST_KEY) candidates.push(entry);
    } else if (FIELDS_TEMPLATES.size < MAX_TEMPLATE_FIRST_KEYS)
      FIELDS_TEMPLATES.set(entry.keys[0] as string, [entry]);
    return Object.fromEntries(keys.map((key, index) => [key, values[index] as string]));
  }
  return fromTemplate(template, keys, values);
}

/** A copy of the template's object with these values (`keys` is the template's key sequence). */
function fromTemplate(
  template: FieldsTemplate,
  keys: readonly string[],
  values: readonly string[],
): Record<string, string> {
  // Object.assign rather than a spread: a spread copy shares the template's hidden class in a form that
  // makes each later defineProperty (defineParser's stamps) cost over a microsecond. A `__proto__` key needs
  // the spread (an own data property, never the setter). Every key exists on the copy, so the stores
  // overwrite own data properties.
  const fields: Record<string, string> = template.hasProtoKey
    ? { ...template.object }
    : Object.assign({}, template.object);
  for (let index = 0; index < keys.length; index++) fields[keys[index] as string] = values[index] as string;
  return fields;
}

// The template whose keys are `keys` (the first chose the candidates; the rest compared by pointer first).
function findTemplate(
  candidates: readonly FieldsTemplate[],
  keys: readonly string[],
): FieldsTemplate | undefined {
  search: for (const candidate of candidates) {
    const known = candidate.keys;
    if (known.length !== keys.length) continue;
    for (let index = 1; index < keys.length; index++) if (known[index] !== keys[index]) continue search;
    return candidate;
  }
  return undefined;
}
