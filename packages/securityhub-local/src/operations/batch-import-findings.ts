import { ASFF_LIMITS } from '@otbridge/core';
import { SERVICE_ERROR, ServiceError } from '../server/service-error.js';
import type { FindingRecord } from '../store/finding-store.js';
import { upsertFinding } from '../store/upsert-finding.js';
import { formatInvalidInputMessage, toServiceProblems } from '../validation/finding-validator.js';
import type { OperationContext } from './operation-context.js';

/** Findings per BatchImportFindings call (asff.md §1). */
export const MAX_FINDINGS_PER_IMPORT = 100;
/** Bytes per serialised finding: core's reading of "240 Kb" (240,000), so server and validator agree. */
export const MAX_FINDING_BYTES: number = ASFF_LIMITS.FINDING_BYTES;

// arn:<partition>:securityhub:<region>:<account or empty>:product/<company>/<product>
const PRODUCT_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:securityhub:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:(\d{12})?:product\/[^/\s]+\/[^/\s]+$/;

/** One entry of `FailedFindings`. */
export interface ImportFailure {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** The BatchImportFindings response body. */
export interface BatchImportFindingsOutput {
  FailedCount: number;
  SuccessCount: number;
  FailedFindings: ImportFailure[];
}

function isObject(value: unknown): value is FindingRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readFindings(body: Record<string, unknown>): unknown[] {
  const findings = body.Findings;
  if (!Array.isArray(findings)) {
    throw new ServiceError(SERVICE_ERROR.invalidInput, 'Findings is required and must be a list');
  }
  if (findings.length < 1 || findings.length > MAX_FINDINGS_PER_IMPORT) {
    throw new ServiceError(
      SERVICE_ERROR.invalidInput,
      `Findings must contain between 1 and ${MAX_FINDINGS_PER_IMPORT} findings, got ${findings.length}`,
    );
  }
  return findings;
}

// Whole-call rules seen on the service (asff.md §6): a malformed ProductArn fails the call with
// InvalidInputException; a finding of another account than the caller's is an AccessDeniedException.
function checkCallRules(findings: readonly unknown[], accountId: string | undefined): void {
  for (const finding of findings) {
    if (!isObject(finding) || typeof finding.ProductArn !== 'string') continue;
    const match = PRODUCT_ARN.exec(finding.ProductArn);
    if (match === null) {
      throw new ServiceError(
        SERVICE_ERROR.invalidInput,
        `Invalid ProductArn: ${finding.ProductArn.slice(0, 2048)}`,
      );
    }
    const arnAccount = match[1];
    const findingAccount = finding.AwsAccountId;
    const isDefault = finding.ProductArn.endsWith(`:product/${arnAccount}/default`);
    const foreign =
      (accountId !== undefined && typeof findingAccount === 'string' && findingAccount !== accountId) ||
      (isDefault && typeof findingAccount === 'string' && findingAccount !== arnAccount) ||
      (isDefault && accountId !== undefined && arnAccount !== accountId);
    if (foreign) {
      throw new ServiceError(
        SERVICE_ERROR.accessDenied,
        `User is not authorized to perform: securityhub:BatchImportFindings on resource: ${finding.ProductArn}`,
      );
    }
  }
}

function failure(finding: unknown, code: string, message: string): ImportFailure {
  const id = isObject(finding) && typeof finding.Id === 'string' ? finding.Id : '';
  return { Id: id, ErrorCode: code, ErrorMessage: message };
}

// Benchmarks post tens of thousands of findings/s here: no validation, no copies, last write wins.
function importAcceptAll(findings: readonly unknown[], context: OperationContext): BatchImportFindingsOutput {
  if (context.discardFindings) return { FailedCount: 0, SuccessCount: findings.length, FailedFindings: [] };
  const store = context.store;
  for (const finding of findings) {
    if (isObject(finding) && typeof finding.Id === 'string' && typeof finding.ProductArn === 'string') {
      store.put({ finding, customerFields: [] });
    }
  }
  return { FailedCount: 0, SuccessCount: findings.length, FailedFindings: [] };
}

/** BatchImportFindings: validates each finding, upserts the valid ones, reports the rest per finding. */
export function batchImportFindings(
  body: Record<string, unknown>,
  context: OperationContext,
): BatchImportFindingsOutput {
  const findings = readFindings(body);
  if (context.acceptAll) return importAcceptAll(findings, context);
  checkCallRules(findings, context.accountId);
  const failed: ImportFailure[] = [];
  const now = context.now();
  for (const finding of findings) {
    if (!isObject(finding)) {
      failed.push(
        failure(
          finding,
          'InvalidInput',
          'Finding does not adhere to Amazon Finding Format. data should be object',
        ),
      );
      continue;
    }
    const result = context.validate(finding);
    if (!result.valid) {
      const problems = toServiceProblems(result.errors);
      if (problems.some((problem) => problem.serviceErrorCode === 'InvalidInputException')) {
        throw new ServiceError(SERVICE_ERROR.invalidInput, formatInvalidInputMessage(problems));
      }
      if (problems.length > 0) {
        failed.push(failure(finding, 'InvalidInput', formatInvalidInputMessage(problems)));
        continue;
      }
    }
    if (context.faults.failFinding()) {
      failed.push(
        failure(finding, 'InternalFailure', 'Internal service failure (injected by securityhub-local)'),
      );
      continue;
    }
    if (!context.discardFindings) upsertFinding(context.store, finding, now);
  }
  return {
    FailedCount: failed.length,
    SuccessCount: findings.length - failed.length,
    FailedFindings: failed,
  };
}
