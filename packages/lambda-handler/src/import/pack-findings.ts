import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

/** BatchImportFindings accepts at most this many findings per call. */
export const MAX_FINDINGS_PER_CALL = 100;
/** Request body limit (6 MB); we stay a little under it for the `{"Findings":[...]}` wrapper. */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024 - 1024;
/** Per-finding limit enforced by the service (240 KB). */
export const MAX_FINDING_BYTES = 240 * 1024;

/**
 * One finding ready to import: its Id, its JSON (serialised once: the request body is built from it, and
 * the finding object can be let go) and that JSON's UTF-8 size.
 */
export interface ImportItem {
  readonly id: string;
  readonly json: string;
  readonly bytes: number;
}

/** A finding with its serialised size, ready to pack. */
export type SizedFinding = ImportItem;

/** Serialises a finding as it goes over the wire (JSON) and measures it (UTF-8 bytes). */
export function toSizedFinding(finding: AwsSecurityFinding): SizedFinding {
  const json = JSON.stringify(finding);
  return { id: finding.Id ?? '', json, bytes: Buffer.byteLength(json, 'utf8') };
}

/** The `BatchImportFindings` request body of one packed call: `{"Findings":[...]}` from each item's JSON. */
export function toBatchImportBody(items: readonly ImportItem[]): string {
  return `{"Findings":[${items.map((item) => item.json).join(',')}]}`;
}

/** Packs findings in order into calls of ≤ 100 findings and ≤ 6 MB. Oversized findings are not packed. */
export function packFindings(findings: readonly SizedFinding[]): {
  calls: SizedFinding[][];
  oversized: SizedFinding[];
} {
  const calls: SizedFinding[][] = [];
  const oversized: SizedFinding[] = [];
  let current: SizedFinding[] = [];
  let currentBytes = 0;
  for (const item of findings) {
    if (item.bytes > MAX_FINDING_BYTES) {
      oversized.push(item);
      continue;
    }
    const added = item.bytes + 1; // the comma between array elements
    if (
      current.length === MAX_FINDINGS_PER_CALL ||
      (current.length > 0 && currentBytes + added > MAX_REQUEST_BYTES)
    ) {
      calls.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += added;
  }
  if (current.length > 0) calls.push(current);
  return { calls, oversized };
}

/** Collapses findings sharing an Id to the newest (`UpdatedAt`, then the later one in input order). */
export function collapseDuplicateFindings<T>(
  items: readonly T[],
  select: (item: T) => AwsSecurityFinding,
): Map<string, { newest: T; all: T[] }> {
  const byId = new Map<string, { newest: T; all: T[] }>();
  for (const item of items) {
    const finding = select(item);
    const id = finding.Id ?? '';
    const entry = byId.get(id);
    if (entry === undefined) {
      byId.set(id, { newest: item, all: [item] });
      continue;
    }
    entry.all.push(item);
    const previous = Date.parse(select(entry.newest).UpdatedAt ?? '');
    const next = Date.parse(finding.UpdatedAt ?? '');
    if (!(next < previous)) entry.newest = item;
  }
  return byId;
}
