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

/**
 * Validates one finding as `BatchImportFindings` would: the precompiled ASFF schema (every field,
 * length, count, enum and timestamp rule, plus the service-only rules) and the 240 KB size. Never
 * throws, whatever the input.
 */
export function validateFinding(finding: unknown): FindingValidationResult {
  try {
    const schemaValid = validateAsffSchema(finding);
    const errors = schemaValid ? [] : toFindingValidationErrors(validateAsffSchema.errors ?? []);
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
  const json = JSON.stringify(finding);
  if (json === undefined) return undefined;
  // A UTF-16 unit is at most 3 UTF-8 bytes: most findings are cleared without counting bytes.
  if (json.length * 3 <= ASFF_LIMITS.FINDING_BYTES) return undefined;
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
