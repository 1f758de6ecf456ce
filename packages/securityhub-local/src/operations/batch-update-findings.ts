import { SERVICE_ERROR, ServiceError } from '../server/service-error.js';
import { toFindingKey } from '../store/finding-store.js';
import { completeSeverity } from '../store/upsert-finding.js';
import type { OperationContext } from './operation-context.js';

/** Finding identifiers per BatchUpdateFindings call. */
export const MAX_FINDINGS_PER_UPDATE = 100;

const WORKFLOW_STATUSES = new Set(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']);
const SEVERITY_LABELS = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const VERIFICATION_STATES = new Set(['UNKNOWN', 'TRUE_POSITIVE', 'FALSE_POSITIVE', 'BENIGN_POSITIVE']);
const UPDATE_FIELDS = [
  'Note',
  'Severity',
  'VerificationState',
  'Confidence',
  'Criticality',
  'Types',
  'UserDefinedFields',
  'Workflow',
  'RelatedFindings',
] as const;

/** A finding identity as BatchUpdateFindings names it. */
export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

/** The BatchUpdateFindings response body. */
export interface BatchUpdateFindingsOutput {
  ProcessedFindings: FindingIdentifier[];
  UnprocessedFindings: Array<{
    FindingIdentifier: FindingIdentifier;
    ErrorCode: string;
    ErrorMessage: string;
  }>;
}

function invalid(message: string): never {
  throw new ServiceError(SERVICE_ERROR.invalidInput, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isRatio(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

function isNonEmpty(value: unknown, max: number): value is string {
  return typeof value === 'string' && /\S/.test(value) && [...value].length <= max;
}

// Malformed update values fail the whole call, as the service's request validation does.
function checkUpdate(body: Record<string, unknown>): void {
  const { Note, Severity, Workflow, VerificationState, Confidence, Criticality, Types, UserDefinedFields } =
    body;
  if (!UPDATE_FIELDS.some((name) => body[name] !== undefined))
    invalid('At least one field to update is required');
  if (
    Note !== undefined &&
    (!isObject(Note) || !isNonEmpty(Note.Text, 512) || !isNonEmpty(Note.UpdatedBy, 512))
  ) {
    invalid('Note needs Text (1-512 characters) and UpdatedBy');
  }
  if (Severity !== undefined) {
    if (!isObject(Severity)) invalid('Severity must be an object');
    if (Severity.Label !== undefined && !SEVERITY_LABELS.has(String(Severity.Label)))
      invalid('Invalid Severity.Label');
    if (Severity.Normalized !== undefined && !isRatio(Severity.Normalized))
      invalid('Severity.Normalized must be 0-100');
  }
  if (Workflow !== undefined && (!isObject(Workflow) || !WORKFLOW_STATUSES.has(String(Workflow.Status)))) {
    invalid('Workflow.Status must be one of NEW, NOTIFIED, RESOLVED, SUPPRESSED');
  }
  if (VerificationState !== undefined && !VERIFICATION_STATES.has(String(VerificationState))) {
    invalid('Invalid VerificationState');
  }
  if (Confidence !== undefined && !isRatio(Confidence)) invalid('Confidence must be an integer 0-100');
  if (Criticality !== undefined && !isRatio(Criticality)) invalid('Criticality must be an integer 0-100');
  if (
    Types !== undefined &&
    (!Array.isArray(Types) || Types.length > 50 || !Types.every((t) => isNonEmpty(t, 1024)))
  ) {
    invalid('Types must be a list of at most 50 non-empty strings');
  }
  if (
    UserDefinedFields !== undefined &&
    (!isObject(UserDefinedFields) || Object.keys(UserDefinedFields).length > 50)
  ) {
    invalid('UserDefinedFields must be a map of at most 50 entries');
  }
}

function readIdentifiers(body: Record<string, unknown>): FindingIdentifier[] {
  const list = body.FindingIdentifiers;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_FINDINGS_PER_UPDATE) {
    invalid(`FindingIdentifiers must contain between 1 and ${MAX_FINDINGS_PER_UPDATE} identifiers`);
  }
  return list.map((entry: unknown) => {
    if (!isObject(entry) || typeof entry.Id !== 'string' || typeof entry.ProductArn !== 'string') {
      invalid('Each FindingIdentifier needs a string Id and ProductArn');
    }
    return { Id: entry.Id, ProductArn: entry.ProductArn };
  });
}

/** BatchUpdateFindings: the customer-side update of workflow, note, severity and the other BUF fields. */
export function batchUpdateFindings(
  body: Record<string, unknown>,
  context: OperationContext,
): BatchUpdateFindingsOutput {
  const identifiers = readIdentifiers(body);
  checkUpdate(body);
  const counts = new Map<string, number>();
  for (const identifier of identifiers) {
    const key = toFindingKey(identifier.ProductArn, identifier.Id);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const output: BatchUpdateFindingsOutput = { ProcessedFindings: [], UnprocessedFindings: [] };
  const now = context.now().toISOString();
  for (const identifier of identifiers) {
    if ((counts.get(toFindingKey(identifier.ProductArn, identifier.Id)) ?? 0) > 1) {
      output.UnprocessedFindings.push({
        FindingIdentifier: identifier,
        ErrorCode: 'DuplicatedFindingIdentifier',
        ErrorMessage: 'Duplicated finding identifier',
      });
      continue;
    }
    const stored = context.store.get(identifier.ProductArn, identifier.Id);
    if (stored === undefined) {
      output.UnprocessedFindings.push({
        FindingIdentifier: identifier,
        ErrorCode: 'FindingNotFound',
        ErrorMessage: 'Finding Not Found',
      });
      continue;
    }
    const finding = { ...stored.finding };
    const customerFields = new Set(stored.customerFields);
    for (const name of UPDATE_FIELDS) {
      const value = body[name];
      if (value === undefined) continue;
      switch (name) {
        case 'Note':
          finding.Note = { ...(value as object), UpdatedAt: now };
          break;
        case 'Severity': {
          const update = value as Record<string, unknown>;
          const severity: Record<string, unknown> = { ...(finding.Severity as object | undefined) };
          if (update.Label !== undefined) {
            severity.Label = update.Label;
            delete severity.Normalized;
          }
          if (update.Normalized !== undefined) {
            severity.Normalized = update.Normalized;
            if (update.Label === undefined) delete severity.Label;
          }
          if (update.Product !== undefined) severity.Product = update.Product;
          finding.Severity = completeSeverity(severity);
          break;
        }
        case 'Workflow':
          finding.Workflow = { Status: (value as { Status: string }).Status };
          break;
        case 'UserDefinedFields':
          finding.UserDefinedFields = {
            ...(finding.UserDefinedFields as object | undefined),
            ...(value as object),
          };
          break;
        default:
          finding[name] = value;
      }
      customerFields.add(name);
    }
    // UpdatedAt stays: BatchUpdateFindings never changes it (asff.md §2, row 13).
    context.store.put({ finding, customerFields: [...customerFields] });
    output.ProcessedFindings.push(identifier);
  }
  return output;
}
