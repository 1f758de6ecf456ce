/**
 * Freezes a value and everything reachable from it (own properties, array items, Map/Set keys are not
 * followed). Used by the test kit to prove a parser never mutates its input; returns the same value.
 */
export function deepFreeze<T>(value: T): T {
  freezeInto(value, new WeakSet());
  return value;
}

function freezeInto(value: unknown, seen: WeakSet<object>): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
  if (seen.has(value)) return;
  seen.add(value);
  // Typed arrays with elements cannot be frozen; the test kit never hands one to a parser.
  if (ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) freezeInto(descriptor.value, seen);
  }
}
