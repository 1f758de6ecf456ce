import { type CefRecord, createCefExtensionMap, detachString, flattenCefExtensions } from '@otbridge/core';
import { present, toProductFieldKey } from './claroty-event.js';

/** What one pass over a record's extensions gives a mapper. */
export interface ClarotyFields {
  /**
   * The raw value of each key the mapper reads, by its slot (`reader.slots.<key>`), as a Map of the
   * extensions would give it: the last value when a key repeats; `undefined` when absent.
   */
  readonly values: readonly (string | undefined)[];
  /**
   * `claroty/<key>` keys with their `present` values as flat lists `[key0, value0, ...]` read one after the
   * other: the priority keys in their order, then every other key in record order (a repeated key at its
   * last position), leaving out excluded and skipped keys.
   */
  readonly productFields: readonly (readonly string[])[];
}

/** A dialect's record reader: `read` makes one pass over the extensions; `slots` index `values`. */
export interface ClarotyFieldReader<Key extends string> {
  readonly slots: Readonly<Record<Key, number>>;
  read(record: CefRecord): ClarotyFields;
}

export interface ClarotyFieldReaderOptions<Key extends string> {
  /** Keys the mapper reads, one slot each. */
  readonly keys: readonly Key[];
  /** ProductFields keys placed first, in this order (each also one of `keys`). */
  readonly priority: readonly Key[];
  /** Keys never in ProductFields (they become ASFF fields). */
  readonly exclude: ReadonlySet<string>;
  /** Other keys left out of ProductFields. */
  readonly skipOther: (key: string) => boolean;
}

// What a key is to one reader: its slot (-1: not read) and, for a ProductFields key outside the priority
// list, its `claroty/<key>` (else null). `id` numbers the distinct keys, to spot a repeated one. `next` is
// the place of the key that followed this one last time (a layout repeats its key sequence), `other` the
// one that followed it the time before, if different (a sensor sends a few layouts, and where they part,
// each is remembered); both are checked against the record's key before use.
interface KeyPlace {
  readonly key: string;
  readonly id: number;
  readonly slot: number;
  readonly otherKey: string | null;
  next: KeyPlace | undefined;
  other: KeyPlace | undefined;
}

const MAX_CACHED_KEYS = 1024;

/**
 * A reader of one dialect's keys. Instead of building a Map of the extensions and looking each key up,
 * a record costs one pass over its pairs with one lookup per key (each distinct key's place is
 * remembered, bounded) and array reads afterwards. A record that repeats a key, or carries a key the
 * full cache has no place for, is read through the extension Map instead (same values and order).
 */
export function createClarotyFieldReader<const Key extends string>(
  options: ClarotyFieldReaderOptions<Key>,
): ClarotyFieldReader<Key> {
  const { keys, priority, exclude, skipOther } = options;
  // Slots by key: a Map for record keys (input: `__proto__` is just a key), a plain object of the
  // constant keys for the mappers' reads.
  const slotByKey = new Map<string, number>();
  keys.forEach((key, index) => {
    if (slotByKey.has(key)) throw new Error(`createClarotyFieldReader: repeated key ${key}`);
    slotByKey.set(key, index);
  });
  const slots = Object.fromEntries(slotByKey) as Record<Key, number>;
  const prioritySet: ReadonlySet<string> = new Set(priority);
  if (prioritySet.size !== priority.length)
    throw new Error('createClarotyFieldReader: repeated priority key');
  // [slot, claroty/<key>] of each priority key that may appear in ProductFields, in order.
  const prioritySlots = priority
    .filter((key) => !exclude.has(key))
    .map((key) => [slotByKey.get(key) as number, toProductFieldKey(key)] as const);

  const places = new Map<string, KeyPlace>();
  const classify = (key: string, id: number): KeyPlace => ({
    key,
    next: undefined,
    other: undefined,
    id,
    slot: slotByKey.get(key) ?? -1,
    otherKey: prioritySet.has(key) || exclude.has(key) || skipOther(key) ? null : toProductFieldKey(key),
  });
  for (const key of keys) places.set(key, classify(key, places.size));
  // Before the first key: its `next` predicts a record's first key.
  const start: KeyPlace = { key: '', id: -1, slot: -1, otherKey: null, next: undefined, other: undefined };
  const maxPlaces = keys.length + MAX_CACHED_KEYS;
  // seen[id] === pass: the key already occurred in the record being read.
  const seen = new Uint32Array(maxPlaces);
  let pass = 0;

  const finish = (values: (string | undefined)[], others: string[]): ClarotyFields => {
    if (prioritySlots.length === 0) return { values, productFields: [others] };
    const productFields: string[] = [];
    for (const [slot, productKey] of prioritySlots) {
      const text = present(values[slot]);
      if (text !== undefined) productFields.push(productKey, text);
    }
    // Two parts, not one copy: the builder reads them in order.
    return { values, productFields: [productFields, others] };
  };

  // The Map path: deduplicated by the Map, in its order.
  const readThroughMap = (record: CefRecord): ClarotyFields => {
    const values: (string | undefined)[] = new Array(keys.length).fill(undefined);
    const others: string[] = [];
    for (const [key, value] of createCefExtensionMap(record)) {
      const place = places.get(key) ?? classify(key, -1);
      if (place.slot >= 0) values[place.slot] = value;
      if (place.otherKey !== null) {
        const text = present(value);
        if (text !== undefined) others.push(place.otherKey, text);
      }
    }
    return finish(values, others);
  };

  const read = (record: CefRecord): ClarotyFields => {
    pass = pass === 0xffffffff ? 1 : pass + 1;
    if (pass === 1) seen.fill(0);
    const values: (string | undefined)[] = new Array(keys.length).fill(undefined);
    const others: string[] = [];
    // The flat key/value list: no pair arrays.
    const strings = flattenCefExtensions(record);
    let previous = start;
    for (let index = 0; index < strings.length; index += 2) {
      const key = strings[index] as string;
      const value = strings[index + 1] as string;
      // The key that followed the previous one last time (or the time before), if it is this one: a string
      // comparison instead of hashing the freshly cut key for the Map.
      let place = previous.next;
      if (place === undefined || place.key !== key) {
        const other = previous.other;
        if (other !== undefined && other.key === key) place = other;
        else {
          place = places.get(key);
          if (place === undefined) {
            if (places.size >= maxPlaces) return readThroughMap(record);
            // Detached: a key cut from a line would keep that line alive for as long as the reader lives.
            const detached = detachString(key);
            place = classify(detached, places.size);
            places.set(detached, place);
          }
        }
        previous.other = previous.next;
        previous.next = place;
      }
      previous = place;
      if (seen[place.id] === pass) return readThroughMap(record);
      seen[place.id] = pass;
      if (place.slot >= 0) values[place.slot] = value;
      if (place.otherKey !== null) {
        const text = present(value);
        if (text !== undefined) others.push(place.otherKey, text);
      }
    }
    return finish(values, others);
  };

  return { slots, read };
}
