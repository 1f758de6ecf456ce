// Dragos fills unused fields with an empty value or a placeholder literal (`sntdom=`, `cs1=None`, `cs3=N/A`).
const ABSENT_VALUES: ReadonlySet<string> = new Set(['', 'none', 'n/a', 'null']);
const MAX_ABSENT_LENGTH = Math.max(...[...ABSENT_VALUES].map((value) => value.length));

/** The trimmed value, or `undefined` for empty, `None`, `N/A` and `null` (any case), Dragos's "no value". */
export function toDragosValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  // No placeholder is longer than 4 units: longer values skip the lower-casing and the set lookup.
  if (trimmed.length > MAX_ABSENT_LENGTH) return trimmed;
  // Dragos sends many empty fields (`shost=`): no lower-casing for them either.
  if (trimmed === '') return undefined;
  return ABSENT_VALUES.has(trimmed.toLowerCase()) ? undefined : trimmed;
}

// Most list fields are empty (`shost=`, `cs1=None`): they share one frozen empty list.
const NO_ITEMS: readonly string[] = Object.freeze([]);

/** Splits a Dragos comma-separated list (`11330,11363`, `Asset 1,Asset 2`), dropping placeholders and duplicates. */
export function splitDragosList(value: string | undefined): readonly string[] {
  const present = toDragosValue(value);
  if (present === undefined) return NO_ITEMS;
  // One item (most fields): `present` is already trimmed and no placeholder, which is what the loop would keep.
  if (!present.includes(',')) return [present];
  const items: string[] = [];
  for (const part of present.split(',')) {
    const item = toDragosValue(part);
    if (item !== undefined && !items.includes(item)) items.push(item);
  }
  return items;
}
