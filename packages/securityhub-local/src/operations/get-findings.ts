import { createHash } from 'node:crypto';
import { compileFilters, STRING_FILTER_FIELDS } from '../filters/match-filters.js';
import { SERVICE_ERROR, ServiceError } from '../server/service-error.js';
import type { FindingRecord } from '../store/finding-store.js';
import { parseTimestampNanos } from '../store/timestamp.js';
import type { OperationContext } from './operation-context.js';

/** GetFindings page size: default and maximum 100 (the service's MaxResults bounds). */
export const MAX_GET_FINDINGS_RESULTS = 100;

/** The GetFindings response body. */
export interface GetFindingsOutput {
  Findings: FindingRecord[];
  NextToken?: string;
}

const TIMESTAMP_SORT_FIELDS = new Set([
  'CreatedAt',
  'UpdatedAt',
  'FirstObservedAt',
  'LastObservedAt',
  'ProcessedAt',
]);

type SortKey = (finding: FindingRecord) => string | number | bigint | undefined;

function invalid(message: string): never {
  throw new ServiceError(SERVICE_ERROR.invalidInput, message);
}

function sortKeyOf(fieldName: string): SortKey {
  if (TIMESTAMP_SORT_FIELDS.has(fieldName)) return (finding) => parseTimestampNanos(finding[fieldName]);
  if (fieldName === 'SeverityNormalized') {
    return (finding) => (finding.Severity as { Normalized?: number } | undefined)?.Normalized;
  }
  if (fieldName === 'Confidence' || fieldName === 'Criticality') {
    return (finding) => (typeof finding[fieldName] === 'number' ? (finding[fieldName] as number) : undefined);
  }
  const getter = Object.hasOwn(STRING_FILTER_FIELDS, fieldName) ? STRING_FILTER_FIELDS[fieldName] : undefined;
  if (getter === undefined) invalid(`SortCriteria Field ${fieldName} is not supported by securityhub-local`);
  return (finding) => getter(finding)[0];
}

function compileSort(criteria: unknown): ((a: FindingRecord, b: FindingRecord) => number) | undefined {
  if (criteria === undefined || criteria === null) return undefined;
  if (!Array.isArray(criteria)) invalid('SortCriteria must be a list');
  const keys = criteria.map((criterion: Record<string, unknown>) => {
    if (typeof criterion?.Field !== 'string') invalid('SortCriteria entries need a Field');
    const order = criterion.SortOrder ?? 'asc';
    if (order !== 'asc' && order !== 'desc') invalid(`SortOrder must be asc or desc, got ${String(order)}`);
    return { key: sortKeyOf(criterion.Field), sign: order === 'asc' ? 1 : -1 };
  });
  if (keys.length === 0) return undefined;
  return (a, b) => {
    for (const { key, sign } of keys) {
      const left = key(a);
      const right = key(b);
      if (left === right) continue;
      if (left === undefined) return 1;
      if (right === undefined) return -1;
      return (left < right ? -1 : 1) * sign;
    }
    return 0;
  };
}

// The token binds the offset to the query, so a token from another query is rejected, not misapplied.
function queryHash(body: Record<string, unknown>): string {
  const text = JSON.stringify([body.Filters ?? null, body.SortCriteria ?? null, body.MaxResults ?? null]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function encodeToken(offset: number, hash: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: hash })).toString('base64url');
}

function decodeToken(token: unknown, hash: string): number {
  if (token === undefined || token === null || token === '') return 0;
  if (typeof token !== 'string') invalid('NextToken must be a string');
  let parsed: { o?: unknown; q?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
  } catch {
    invalid('Invalid NextToken');
  }
  if (typeof parsed?.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0 || parsed.q !== hash) {
    invalid('Invalid NextToken');
  }
  return parsed.o;
}

/** GetFindings: filters, optional sort (default: creation order), pages of at most 100 findings. */
export function getFindings(body: Record<string, unknown>, context: OperationContext): GetFindingsOutput {
  const maxResults = body.MaxResults ?? MAX_GET_FINDINGS_RESULTS;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    invalid(`MaxResults must be an integer between 1 and ${MAX_GET_FINDINGS_RESULTS}`);
  }
  const matcher = compileFilters(body.Filters, context.now());
  const compare = compileSort(body.SortCriteria);
  const hash = queryHash(body);
  const offset = decodeToken(body.NextToken, hash);
  const matching: FindingRecord[] = [];
  for (const record of context.store.records()) {
    if (matcher.matches(record.finding)) matching.push(record.finding);
  }
  if (compare !== undefined) matching.sort(compare);
  const page = matching.slice(offset, offset + maxResults);
  const end = offset + page.length;
  return end < matching.length ? { Findings: page, NextToken: encodeToken(end, hash) } : { Findings: page };
}
