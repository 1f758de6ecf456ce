import { SERVICE_ERROR, ServiceError } from '../server/service-error.js';
import type { FindingRecord } from '../store/finding-store.js';
import { parseTimestampNanos } from '../store/timestamp.js';

type StringGetter = (finding: FindingRecord) => readonly string[];

const field =
  (name: string): StringGetter =>
  (finding) => {
    const value = finding[name];
    return typeof value === 'string' ? [value] : [];
  };

const nested =
  (outer: string, inner: string): StringGetter =>
  (finding) => {
    const value = (finding[outer] as Record<string, unknown> | undefined)?.[inner];
    return typeof value === 'string' ? [value] : [];
  };

const resources =
  (inner: string): StringGetter =>
  (finding) => {
    const list = finding.Resources;
    if (!Array.isArray(list)) return [];
    return list.flatMap((resource: Record<string, unknown>) =>
      typeof resource?.[inner] === 'string' ? [resource[inner] as string] : [],
    );
  };

/** String filters the local server understands, keyed by their `AwsSecurityFindingFilters` name. */
export const STRING_FILTER_FIELDS: Readonly<Record<string, StringGetter>> = {
  Id: field('Id'),
  ProductArn: field('ProductArn'),
  GeneratorId: field('GeneratorId'),
  AwsAccountId: field('AwsAccountId'),
  Title: field('Title'),
  Description: field('Description'),
  ProductName: field('ProductName'),
  CompanyName: field('CompanyName'),
  Region: field('Region'),
  RecordState: field('RecordState'),
  VerificationState: field('VerificationState'),
  SourceUrl: field('SourceUrl'),
  SeverityLabel: nested('Severity', 'Label'),
  WorkflowStatus: nested('Workflow', 'Status'),
  ComplianceStatus: nested('Compliance', 'Status'),
  Type: (finding) => (Array.isArray(finding.Types) ? finding.Types.filter((t) => typeof t === 'string') : []),
  ResourceId: resources('Id'),
  ResourceType: resources('Type'),
};

/** Date filters the local server understands. */
export const DATE_FILTER_FIELDS: readonly string[] = [
  'CreatedAt',
  'UpdatedAt',
  'FirstObservedAt',
  'LastObservedAt',
];

const POSITIVE = new Set(['EQUALS', 'PREFIX', 'CONTAINS', 'CONTAINS_WORD']);
const NEGATIVE = new Set(['NOT_EQUALS', 'PREFIX_NOT_EQUALS', 'NOT_CONTAINS']);
const DAY_NANOS = 86_400_000_000_000n;

interface StringCondition {
  getter: StringGetter;
  positive: Array<(value: string) => boolean>;
  negative: Array<(value: string) => boolean>;
}

interface DateCondition {
  name: string;
  ranges: Array<{ start?: bigint; end?: bigint }>;
}

/** A compiled `Filters` object: `matches(finding)` is the AND over fields of each field's conditions. */
export interface FindingMatcher {
  matches(finding: FindingRecord): boolean;
}

function invalid(message: string): never {
  throw new ServiceError(SERVICE_ERROR.invalidInput, message);
}

function compileComparison(comparison: string, expected: string): (value: string) => boolean {
  switch (comparison) {
    case 'EQUALS':
    case 'NOT_EQUALS':
      return (value) => value === expected;
    case 'PREFIX':
    case 'PREFIX_NOT_EQUALS':
      return (value) => value.startsWith(expected);
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      return (value) => value.includes(expected);
    default:
      // CONTAINS_WORD: the value contains the expected text as a whole word.
      return (value) => value.split(/\s+/).includes(expected);
  }
}

function compileString(name: string, getter: StringGetter, entries: unknown): StringCondition {
  if (!Array.isArray(entries)) invalid(`Filters.${name} must be a list of string filters`);
  const condition: StringCondition = { getter, positive: [], negative: [] };
  for (const entry of entries as Array<Record<string, unknown>>) {
    const value = entry?.Value;
    const comparison = entry?.Comparison;
    if (typeof value !== 'string' || typeof comparison !== 'string') {
      invalid(`Filters.${name} entries need a string Value and Comparison`);
    }
    if (POSITIVE.has(comparison)) condition.positive.push(compileComparison(comparison, value));
    else if (NEGATIVE.has(comparison)) condition.negative.push(compileComparison(comparison, value));
    else invalid(`Filters.${name}: unknown Comparison ${comparison}`);
  }
  return condition;
}

function compileDate(name: string, entries: unknown, now: bigint): DateCondition {
  if (!Array.isArray(entries)) invalid(`Filters.${name} must be a list of date filters`);
  const condition: DateCondition = { name, ranges: [] };
  for (const entry of entries as Array<Record<string, unknown>>) {
    const range = entry?.DateRange as Record<string, unknown> | undefined;
    if (range !== undefined) {
      if (typeof range.Value !== 'number' || range.Unit !== 'DAYS') {
        invalid(`Filters.${name}.DateRange needs a numeric Value and Unit DAYS`);
      }
      condition.ranges.push({ start: now - BigInt(Math.trunc(range.Value)) * DAY_NANOS, end: now });
      continue;
    }
    const start = entry?.Start === undefined ? undefined : parseTimestampNanos(entry.Start);
    const end = entry?.End === undefined ? undefined : parseTimestampNanos(entry.End);
    if (
      (entry?.Start !== undefined && start === undefined) ||
      (entry?.End !== undefined && end === undefined)
    ) {
      invalid(`Filters.${name}: Start and End must be timestamps`);
    }
    if (start === undefined && end === undefined) invalid(`Filters.${name} needs Start, End or DateRange`);
    condition.ranges.push({
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
    });
  }
  return condition;
}

function matchesString(condition: StringCondition, finding: FindingRecord): boolean {
  const values = condition.getter(finding);
  if (condition.positive.length > 0 && !values.some((v) => condition.positive.some((test) => test(v)))) {
    return false;
  }
  return !values.some((v) => condition.negative.some((test) => test(v)));
}

function matchesDate(condition: DateCondition, finding: FindingRecord): boolean {
  const at = parseTimestampNanos(finding[condition.name]);
  if (at === undefined) return false;
  return condition.ranges.some(
    (range) =>
      (range.start === undefined || at >= range.start) && (range.end === undefined || at <= range.end),
  );
}

/** Compiles a GetFindings `Filters` object; unsupported filter names are an InvalidInputException. */
export function compileFilters(filters: unknown, now: Date = new Date()): FindingMatcher {
  if (filters === undefined || filters === null) return { matches: () => true };
  if (typeof filters !== 'object' || Array.isArray(filters)) invalid('Filters must be an object');
  const nowNanos = BigInt(now.getTime()) * 1_000_000n;
  const strings: StringCondition[] = [];
  const dates: DateCondition[] = [];
  for (const [name, entries] of Object.entries(filters as Record<string, unknown>)) {
    if (entries === undefined || (Array.isArray(entries) && entries.length === 0)) continue;
    const getter = Object.hasOwn(STRING_FILTER_FIELDS, name) ? STRING_FILTER_FIELDS[name] : undefined;
    if (getter !== undefined) strings.push(compileString(name, getter, entries));
    else if (DATE_FILTER_FIELDS.includes(name)) dates.push(compileDate(name, entries, nowNanos));
    else invalid(`Filters.${name} is not supported by securityhub-local`);
  }
  return {
    matches: (finding) =>
      strings.every((condition) => matchesString(condition, finding)) &&
      dates.every((condition) => matchesDate(condition, finding)),
  };
}
