import { createDiagnostic, type Diagnostic } from '@otbridge/core';

/** Parent alert / incident ids from `cs5`, with diagnostics for what could not be read. */
export interface NozomiParents {
  readonly ids: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Most parents linked as RelatedFindings (the service's limit on that list is 10). */
export const NOZOMI_MAX_PARENTS = 10;
/** Longest parent id kept. */
export const NOZOMI_MAX_PARENT_ID_LENGTH = 128;

/**
 * Reads `cs5` Parents: a JSON array of strings (`["uuid", ...]`); the unquoted `[uuid, uuid]` form seen in
 * third-party samples is accepted too. Never throws.
 */
export function mapNozomiParents(parents: string | undefined): NozomiParents {
  if (parents === undefined) return { ids: [], diagnostics: [] };
  const text = parents.trim();
  // `cs5=[]` (no parent) on most alerts: what parsing it would give.
  if (text === '[]') return { ids: [], diagnostics: [] };
  if (!text.startsWith('[') || !text.endsWith(']')) return invalid(text);
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    items = text
      .slice(1, -1)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (!Array.isArray(items)) return invalid(text);
  const ids: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item.trim() === '' || item.length > NOZOMI_MAX_PARENT_ID_LENGTH)
      return invalid(text);
    if (ids.includes(item.trim())) continue;
    if (ids.length === NOZOMI_MAX_PARENTS) {
      diagnostics.push(
        createDiagnostic(
          'nozomi/too-many-parents',
          'warning',
          `cs5 Parents lists more than ${NOZOMI_MAX_PARENTS} ids; only the first ${NOZOMI_MAX_PARENTS} become RelatedFindings.`,
        ),
      );
      break;
    }
    ids.push(item.trim());
  }
  return { ids, diagnostics };
}

function invalid(text: string): NozomiParents {
  return {
    ids: [],
    diagnostics: [
      createDiagnostic(
        'nozomi/invalid-parents',
        'warning',
        `cs5 Parents "${text.slice(0, 60)}" is not a JSON array of ids; it is kept in ProductFields only.`,
      ),
    ],
  };
}
