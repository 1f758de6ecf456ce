import { ASFF_LIMITS } from './asff-limits.js';

/**
 * Builds one `Types` value, `namespace[/category[/classifier]]`, from free vendor text: slashes inside a
 * segment become `-`, whitespace is trimmed and blank segments are dropped, so the result always matches
 * the service's pattern. Returns `undefined` when no segment is left.
 */
export function toFindingType(namespace: string, category?: string, classifier?: string): string | undefined {
  const segments = [namespace, category, classifier]
    .map((segment) => segment?.replace(/\//g, '-').trim())
    .filter((segment): segment is string => segment !== undefined && segment !== '');
  return segments.length === 0 ? undefined : segments.join('/');
}

/** Keeps the first 50 distinct `Types` values (the service limit), in order. */
export function toFindingTypes(types: Iterable<string>): string[] {
  const result: string[] = [];
  for (const type of types) {
    if (result.length >= ASFF_LIMITS.TYPES) break;
    if (!result.includes(type)) result.push(type);
  }
  return result;
}
