import type { FindingRecord, FindingStore, StoredFinding } from './finding-store.js';
import { parseTimestampNanos } from './timestamp.js';

/** Fields a provider cannot change through BatchImportFindings once the finding exists (asff.md §10.3). */
export const PROVIDER_IMMUTABLE_FIELDS = [
  'CreatedAt',
  'Note',
  'UserDefinedFields',
  'VerificationState',
  'Workflow',
  'WorkflowState',
  'Region',
] as const;

/** Top-level fields mirrored from FindingProviderFields; kept once a customer changed them (asff.md §9). */
export const PROVIDER_MIRRORED_FIELDS = [
  'Confidence',
  'Criticality',
  'RelatedFindings',
  'Severity',
  'Types',
] as const;

const LABEL_TO_NORMALIZED: Readonly<Record<string, number>> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 40,
  HIGH: 70,
  CRITICAL: 90,
};

/** The service's Normalized → Label bands (asff.md §3). */
export function toSeverityLabel(normalized: number): string {
  if (normalized >= 90) return 'CRITICAL';
  if (normalized >= 70) return 'HIGH';
  if (normalized >= 40) return 'MEDIUM';
  if (normalized >= 1) return 'LOW';
  return 'INFORMATIONAL';
}

/** Fills the missing one of Severity.Label and Severity.Normalized, as the service does. */
export function completeSeverity(severity: Record<string, unknown>): Record<string, unknown> {
  const result = { ...severity };
  if (typeof result.Label === 'string' && result.Normalized === undefined) {
    const normalized = LABEL_TO_NORMALIZED[result.Label];
    if (normalized !== undefined) result.Normalized = normalized;
  } else if (result.Label === undefined && typeof result.Normalized === 'number') {
    result.Label = toSeverityLabel(result.Normalized);
  }
  return result;
}

/** The outcome of importing one valid finding. */
export type UpsertOutcome = 'created' | 'updated' | 'ignored';

function regionOf(productArn: string): string | undefined {
  return productArn.split(':')[3] || undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// FindingProviderFields wins over the top level; the top level fills FPF when FPF lacks a field (asff.md §9).
function mergeProviderFields(
  next: FindingRecord,
  keepTopLevel: ReadonlySet<string>,
  previous?: FindingRecord,
): void {
  const incomingFpf = isObject(next.FindingProviderFields) ? next.FindingProviderFields : {};
  const fpf: Record<string, unknown> = { ...incomingFpf };
  for (const name of PROVIDER_MIRRORED_FIELDS) {
    const fromFpf = incomingFpf[name];
    const fromTop = next[name];
    if (fromFpf === undefined && fromTop !== undefined) {
      fpf[name] =
        name === 'Severity' && isObject(fromTop)
          ? Object.fromEntries(
              Object.entries(fromTop).filter(([key]) => key === 'Label' || key === 'Original'),
            )
          : fromTop;
    }
    if (keepTopLevel.has(name) && previous !== undefined) {
      next[name] = previous[name];
    } else if (fromFpf !== undefined) {
      next[name] =
        name === 'Severity' && isObject(fromFpf)
          ? { ...(isObject(fromTop) ? fromTop : {}), ...fromFpf }
          : fromFpf;
    }
    if (name === 'Severity' && isObject(next.Severity)) next.Severity = completeSeverity(next.Severity);
  }
  if (Object.keys(fpf).length > 0) next.FindingProviderFields = fpf;
}

function stampServiceFields(next: FindingRecord, now: Date): void {
  const productArn = next.ProductArn as string;
  next.ProcessedAt = now.toISOString();
  if (next.Region === undefined) {
    const region = regionOf(productArn);
    if (region !== undefined) next.Region = region;
  }
  const isDefaultProduct = productArn.endsWith('/default');
  if (next.ProductName === undefined)
    next.ProductName = isDefaultProduct ? 'Default' : productArn.split('/').at(-1);
  if (next.CompanyName === undefined)
    next.CompanyName = isDefaultProduct ? 'Personal' : productArn.split('/').at(-2);
  next.ProductFields = {
    ...(isObject(next.ProductFields) ? next.ProductFields : {}),
    'aws/securityhub/FindingId': `${productArn}/${next.Id as string}`,
    'aws/securityhub/ProductName': next.ProductName,
    'aws/securityhub/CompanyName': next.CompanyName,
  };
}

const RESETTABLE_WORKFLOW = new Set(['NOTIFIED', 'RESOLVED']);
const FAILING_COMPLIANCE = new Set(['WARNING', 'FAILED', 'NOT_AVAILABLE']);

function complianceStatus(finding: FindingRecord): unknown {
  return isObject(finding.Compliance) ? finding.Compliance.Status : undefined;
}

/**
 * Creates or updates one (already valid) finding by (ProductArn, Id): an update applies only when its
 * `UpdatedAt` is later than the stored one, and leaves the fields the provider may not change.
 */
export function upsertFinding(store: FindingStore, incoming: FindingRecord, now: Date): UpsertOutcome {
  const productArn = incoming.ProductArn as string;
  const id = incoming.Id as string;
  const existing = store.get(productArn, id);
  const next: FindingRecord = { ...incoming };
  if (existing === undefined) {
    delete next.Region;
    mergeProviderFields(next, new Set());
    if (next.RecordState === undefined) next.RecordState = 'ACTIVE';
    if (next.Workflow === undefined) next.Workflow = { Status: 'NEW' };
    if (next.WorkflowState === undefined) next.WorkflowState = 'NEW';
    stampServiceFields(next, now);
    store.put({ finding: next, customerFields: [] });
    return 'created';
  }
  const previous = existing.finding;
  const storedAt = parseTimestampNanos(previous.UpdatedAt);
  const incomingAt = parseTimestampNanos(incoming.UpdatedAt);
  if (storedAt !== undefined && (incomingAt === undefined || incomingAt <= storedAt)) return 'ignored';

  for (const name of PROVIDER_IMMUTABLE_FIELDS) {
    if (previous[name] === undefined) delete next[name];
    else next[name] = previous[name];
  }
  mergeProviderFields(next, new Set(existing.customerFields), previous);
  if (next.RecordState === undefined) next.RecordState = previous.RecordState;
  if (next.ProductName === undefined) next.ProductName = previous.ProductName;
  if (next.CompanyName === undefined) next.CompanyName = previous.CompanyName;
  const reopened =
    (previous.RecordState === 'ARCHIVED' && next.RecordState === 'ACTIVE') ||
    (complianceStatus(previous) === 'PASSED' && FAILING_COMPLIANCE.has(String(complianceStatus(next))));
  const workflow = isObject(next.Workflow) ? next.Workflow : undefined;
  if (reopened && workflow !== undefined && RESETTABLE_WORKFLOW.has(String(workflow.Status))) {
    next.Workflow = { ...workflow, Status: 'NEW' };
    next.WorkflowState = 'NEW';
  }
  stampServiceFields(next, now);
  const record: StoredFinding = { finding: next, customerFields: existing.customerFields };
  store.put(record);
  return 'updated';
}
