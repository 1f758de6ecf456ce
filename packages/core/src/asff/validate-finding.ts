import validateAsffSchema from '../generated/validate-asff-schema.js';
import { ASFF_LIMITS } from './asff-limits.js';
import { toFindingValidationErrors } from './to-finding-validation-errors.js';

/**
 * How Security Hub would answer: `InvalidInput` in `FailedFindings` for that finding,
 * `InvalidInputException` for the whole request (a malformed ProductArn), or `null` for a stricter rule
 * of otbridge's own that the service is not known to enforce (IP forms, port ranges, the `aws/` prefix).
 */
export type FindingServiceErrorCode = 'InvalidInput' | 'InvalidInputException' | null;

/** One reason a finding would be rejected, as data. */
export interface FindingValidationError {
  /** JSON pointer into the finding (`/Resources/0/Id`); `''` is the finding itself. */
  readonly pointer: string;
  /** Stable rule id (`max-length`, `required`, `timestamp`, `severity-required`, `max-finding-size` ...). */
  readonly rule: string;
  /** The limit or allowed value that was broken, where there is one. */
  readonly limit?: number | string;
  /** A sentence a person can act on. */
  readonly message: string;
  /** The service error this maps to. */
  readonly serviceErrorCode: FindingServiceErrorCode;
}

/** Valid, or every reason why not. */
export type FindingValidationResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly errors: readonly FindingValidationError[] };

const VALID: FindingValidationResult = Object.freeze({ valid: true });

const UNSTABLE_ERROR: FindingValidationError = Object.freeze({
  pointer: '',
  rule: 'unstable-value',
  message:
    'The finding gave other values when read again (getters or a Proxy): it failed the schema once and passed it the second time. Send plain JSON data.',
  serviceErrorCode: 'InvalidInput',
});

/**
 * Validates one finding as `BatchImportFindings` would: the precompiled ASFF schema (every field,
 * length, count, enum and timestamp rule, plus the service-only rules) and the 240 KB size. Never
 * throws, whatever the input.
 */
export function validateFinding(finding: unknown): FindingValidationResult {
  try {
    const schemaValid = validateAsffSchema(finding);
    const errors = schemaValid ? [] : toFindingValidationErrors(validateAsffSchema.errors ?? []);
    // The schema check answers first and only then runs again for the errors' paths: a finding whose
    // getters answer differently the second time can fail without errors. It still fails.
    if (!schemaValid && errors.length === 0) errors.push(UNSTABLE_ERROR);
    const sizeError = checkFindingSize(finding);
    if (sizeError) errors.push(sizeError);
    return errors.length === 0 ? VALID : { valid: false, errors };
  } catch (error) {
    return {
      valid: false,
      errors: [
        {
          pointer: '',
          rule: 'not-serializable',
          message: `The finding cannot be serialized to JSON (${error instanceof Error ? error.message : String(error)}); send plain JSON data without cycles, getters or BigInt values.`,
          serviceErrorCode: 'InvalidInput',
        },
      ],
    };
  }
}

function checkFindingSize(finding: unknown): FindingValidationError | undefined {
  // Most findings are far below the limit: a cheap upper bound clears them without serializing.
  if (maxJsonBytes(finding, 0, ASFF_LIMITS.FINDING_BYTES) <= ASFF_LIMITS.FINDING_BYTES) return undefined;
  const json = JSON.stringify(finding);
  if (json === undefined) return undefined;
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= ASFF_LIMITS.FINDING_BYTES) return undefined;
  return {
    pointer: '',
    rule: 'max-finding-size',
    limit: ASFF_LIMITS.FINDING_BYTES,
    message: `The finding serializes to ${bytes} bytes; Security Hub rejects findings over 240 KB (${ASFF_LIMITS.FINDING_BYTES} bytes). Shorten Description, ProductFields or Resources[].Details.`,
    serviceErrorCode: 'InvalidInput',
  };
}

/** Deeper than any real finding: beyond it (or on a cycle) the exact serialization decides. */
const MAX_ESTIMATE_DEPTH = 32;

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`: each UTF-16 unit of a string costs at
 * most 6 bytes (`\uXXXX`), a number at most 24. Stops as soon as the bound passes `budget`.
 */
function maxJsonBytes(value: unknown, depth: number, budget: number): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value === 'number') return 24;
  if (typeof value === 'boolean' || value === null || value === undefined) return 5;
  // Anything else (bigint, functions, toJSON, deep nesting, cycles) is left to the exact serialization.
  if (typeof value !== 'object' || depth > MAX_ESTIMATE_DEPTH) return Number.POSITIVE_INFINITY;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Number.POSITIVE_INFINITY;
  let total = 2;
  // Strings (most leaves) are costed inline: a call per leaf was most of this walk's time.
  if (Array.isArray(value)) {
    for (const item of value) {
      total +=
        (typeof item === 'string' ? item.length * 6 + 2 : maxJsonBytes(item, depth + 1, budget - total)) + 1;
      if (total > budget) return total;
    }
    return total;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    total +=
      key.length * 6 +
      4 +
      (typeof item === 'string' ? item.length * 6 + 2 : maxJsonBytes(item, depth + 1, budget - total));
    if (total > budget) return total;
  }
  return total;
}
