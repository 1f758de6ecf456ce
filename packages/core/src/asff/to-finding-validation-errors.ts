import type { ErrorObject } from 'ajv';
import type { FindingServiceErrorCode, FindingValidationError } from './validate-finding.js';

/** The schema's patterns, each with the rule it stands for (a test checks this list covers the schema). */
export const ASFF_SCHEMA_PATTERNS: Readonly<Record<string, { rule: string; hint: string }>> = {
  '\\S': {
    rule: 'non-empty',
    hint: 'must contain a non-whitespace character; leave the field out instead of sending it blank',
  },
  '^\\d{12}$': { rule: 'aws-account-id', hint: 'must be a 12-digit AWS account id' },
  '^arn:aws(?:-[a-z]+)*:securityhub:[a-z]{2}(?:-[a-z]+)+-\\d+:(?:\\d{12})?:product/[^/\\s]+/[^/\\s]+$': {
    rule: 'product-arn',
    hint: 'must be a Security Hub product ARN such as arn:aws:securityhub:<region>:<account>:product/<account>/default (see defaultProductArn)',
  },
  '^(?=[\\s\\S]*\\S)[^/]+(?:/[^/]+){0,2}$': {
    rule: 'finding-type',
    hint: 'must be namespace[/category[/classifier]]: one to three non-empty segments separated by single slashes (see toFindingType)',
  },
  '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d|23:59:60)(?:\\.\\d{1,9})?(?:Z|[+-](?:(?:0\\d|1[0-7])(?::?[0-5]\\d)?|18(?::?00)?))$':
    {
      rule: 'timestamp',
      hint: 'must be an RFC 3339 date-time such as 2026-01-01T00:00:00.000Z (uppercase T, at most 9 fraction digits, Z or an offset within ±18:00); use toAsffTimestamp',
    },
  '^[A-Za-z0-9 .:+=@_/-]+$': {
    rule: 'tag-value',
    hint: 'may hold only letters, digits, spaces and . : + = @ _ / -; put OT metadata in Details.Other, not Tags',
  },
};

/**
 * Where the schema states a rule the model does not show: keyed by ajv's schemaPath, or by
 * `<instancePath> <keyword>` for rules inside a $ref'd definition (whose schemaPath ajv makes relative).
 */
const SERVICE_RULES: Readonly<Record<string, { rule: string; message: string }>> = {
  '#/allOf/0/anyOf': {
    rule: 'severity-required',
    message:
      'The finding has no severity: set Severity (with Label or Normalized) or FindingProviderFields.Severity.Label (see toAsffSeverity and withFindingProviderFields).',
  },
  '#/allOf/1/anyOf': {
    rule: 'types-required',
    message:
      'The finding has no Types: set Types or FindingProviderFields.Types, e.g. ["Unusual Behaviors/Network Flow"].',
  },
  '/Severity anyOf': {
    rule: 'severity-label-or-normalized',
    message:
      'Severity must have Label or Normalized; Security Hub rejects a severity with neither (use toAsffSeverity).',
  },
  '#/properties/Region/false schema': {
    rule: 'region-not-allowed',
    message: 'Region is set by Security Hub and rejected in BatchImportFindings: remove it from the finding.',
  },
};

/** Numbers otbridge bounds itself (ports, counts, Pid); the model only says "integer". */
const OTBRIDGE_BOUNDED = /\/(?:SourcePort|DestinationPort|Begin|End|Port|ItemCount|Pid)$/;

/** Turns ajv's errors into `FindingValidationError`s: one per problem, with an actionable message. */
export function toFindingValidationErrors(errors: readonly ErrorObject[]): FindingValidationError[] {
  const result: FindingValidationError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // Branch failures of an anyOf are reported once, by the anyOf itself; so is propertyNames.
    if (/\/anyOf\/\d+\//.test(error.schemaPath) || error.keyword === 'propertyNames') continue;
    const translated = translate(error);
    const key = `${translated.pointer}\u0000${translated.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(translated);
  }
  return result;
}

function translate(error: ErrorObject): FindingValidationError {
  const { keyword, schemaPath } = error;
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  const pointer =
    propertyName === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(propertyName)}`;
  const where = pointer === '' ? 'The finding' : pointer;
  const keyNote = propertyName === undefined ? '' : ' (the key itself)';
  const serviceErrorCode = toServiceErrorCode(error);
  const special = SERVICE_RULES[schemaPath] ?? SERVICE_RULES[`${error.instancePath} ${keyword}`];
  if (special) return { pointer, rule: special.rule, message: special.message, serviceErrorCode };
  const data = propertyName ?? error.data;
  const rulePrefix = propertyName === undefined ? '' : 'key-';
  switch (keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        pointer: `${error.instancePath}/${escapePointer(missing)}`,
        rule: 'required',
        limit: missing,
        message: `${where === 'The finding' ? 'The finding' : where} is missing the required property ${missing}.`,
        serviceErrorCode,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return {
        pointer: `${error.instancePath}/${escapePointer(extra)}`,
        rule: 'unknown-property',
        limit: extra,
        message: `${where} has the property "${extra}", which ASFF does not define (the SDK would drop it silently): fix the property name or remove it.`,
        serviceErrorCode,
      };
    }
    case 'maxLength':
    case 'minLength': {
      const limit = Number(params.limit);
      const length = typeof data === 'string' ? [...data].length : 0;
      const max = keyword === 'maxLength';
      return {
        pointer,
        rule: `${rulePrefix}${max ? 'max-length' : 'min-length'}`,
        limit,
        message: max
          ? `${where}${keyNote} is ${length} characters long; Security Hub allows at most ${limit}. Shorten it, e.g. with truncateUtf16(value, ${limit}).`
          : `${where}${keyNote} is ${length} characters long; Security Hub requires at least ${limit}.`,
        serviceErrorCode,
      };
    }
    case 'pattern': {
      const pattern = String(params.pattern);
      const known = ASFF_SCHEMA_PATTERNS[pattern];
      return {
        pointer,
        rule: `${rulePrefix}${known?.rule ?? 'pattern'}`,
        limit: pattern,
        message: `${where}${keyNote} ${known?.hint ?? `must match ${pattern}`}${typeof data === 'string' ? `; got ${quote(data)}` : ''}.`,
        serviceErrorCode,
      };
    }
    case 'not':
      return {
        pointer,
        rule: 'reserved-key-prefix',
        limit: 'aws/',
        message: `${where} uses the aws/ prefix, which Security Hub reserves for its own ProductFields: use otbridge/<vendor>/<field>.`,
        serviceErrorCode,
      };
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties': {
      const limit = Number(params.limit);
      const count = Array.isArray(data)
        ? data.length
        : data && typeof data === 'object'
          ? Object.keys(data).length
          : 0;
      const unit = keyword.endsWith('Items') ? 'items' : 'pairs';
      const max = keyword.startsWith('max');
      return {
        pointer,
        rule:
          keyword === 'maxItems'
            ? 'max-items'
            : keyword === 'minItems'
              ? 'min-items'
              : max
                ? 'max-properties'
                : 'min-properties',
        limit,
        message: max
          ? `${where} has ${count} ${unit}; Security Hub allows at most ${limit}. Drop or merge the extra ones.`
          : `${where} has ${count} ${unit}; Security Hub requires at least ${limit}${pointer === '/Resources' ? ' (every finding needs a resource, e.g. toOtAssetResource(asset))' : ''}; leave the field out if there is nothing to send.`,
        serviceErrorCode,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const limit = Number(params.limit);
      return {
        pointer,
        rule: keyword.includes('inimum') ? 'minimum' : 'maximum',
        limit,
        message: `${where} is ${String(data)}; it must be ${keyword.includes('inimum') ? 'at least' : 'at most'} ${limit}.`,
        serviceErrorCode,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return {
        pointer,
        rule: 'enum',
        limit: allowed,
        message: `${where} is ${quote(String(data))}; it must be one of ${allowed}.`,
        serviceErrorCode,
      };
    }
    case 'const':
      return {
        pointer,
        rule: 'const',
        limit: String(params.allowedValue),
        message: `${where} must be ${quote(String(params.allowedValue))}.`,
        serviceErrorCode,
      };
    case 'type':
      return {
        pointer,
        rule: 'type',
        limit: String(params.type),
        message: `${where} must be of type ${String(params.type)}${params.type === 'integer' ? ' (a whole number)' : ''}, not ${describeType(data)}.`,
        serviceErrorCode,
      };
    case 'format':
      return {
        pointer,
        rule: 'ip-address',
        limit: String(params.format),
        message: `${where} must be a valid ${String(params.format)} address; got ${quote(String(data))} (toAsffNetwork picks IpV4 or IpV6 by form).`,
        serviceErrorCode,
      };
    default:
      return {
        pointer,
        rule: keyword,
        message: `${where} ${error.message ?? 'is invalid'}.`,
        serviceErrorCode,
      };
  }
}

function toServiceErrorCode(error: ErrorObject): FindingServiceErrorCode {
  if (error.instancePath === '/ProductArn' && error.keyword !== 'type') return 'InvalidInputException';
  // IP forms, port ranges and the reserved aws/ prefix are otbridge's own stricter rules.
  if (error.keyword === 'format' || error.keyword === 'not') return null;
  if (
    (error.keyword === 'minimum' || error.keyword === 'maximum') &&
    OTBRIDGE_BOUNDED.test(error.instancePath)
  )
    return null;
  return 'InvalidInput';
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
