/** How a whole-call failure is handled: retry later, split the call, or give up for this invocation. */
export type CallErrorClass = 'throttled' | 'transient' | 'invalid-input' | 'deferred';

const THROTTLING_NAMES = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

/**
 * Classifies an exception thrown by the SDK's `BatchImportFindingsCommand` (a service exception with
 * `name`, `$metadata.httpStatusCode`, `$fault` and `$retryable`) or a network fault.
 */
export function classifyCallError(error: unknown): CallErrorClass {
  const e = error as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
    $retryable?: { throttling?: boolean };
  };
  const status = e?.$metadata?.httpStatusCode;
  if (THROTTLING_NAMES.has(e?.name ?? '') || status === 429 || e?.$retryable?.throttling === true)
    return 'throttled';
  if (e?.name === 'InvalidInputException' || status === 400 || status === 413) return 'invalid-input';
  if ((status !== undefined && status >= 500) || e?.$fault === 'server') return 'transient';
  if (TRANSIENT_CODES.has(e?.code ?? '') || e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return 'transient';
  if (status === undefined && e?.name !== undefined && /Network|Socket|Timeout/i.test(e.name))
    return 'transient';
  // AccessDenied, InvalidAccess (Security Hub not enabled), credentials: an account problem, not a record problem.
  return 'deferred';
}

/** `FailedFindings` error codes that can never succeed as sent; everything else is retried later. */
export const PERMANENT_FINDING_ERROR_CODES: ReadonlySet<string> = new Set(['InvalidInput']);

/** True for a `FailedFindings[].ErrorCode` that a retry cannot fix. */
export function isPermanentFindingError(code: string | undefined): boolean {
  return code !== undefined && PERMANENT_FINDING_ERROR_CODES.has(code);
}
