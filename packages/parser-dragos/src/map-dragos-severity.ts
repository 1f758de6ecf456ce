import { createDiagnostic, type Diagnostic } from '@otbridge/core';
import { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';

/** A Dragos severity on the 0-100 scale `toAsffSeverity` takes, with the vendor's value kept as sent. */
export type DragosSeverityResult =
  | {
      readonly ok: true;
      readonly normalized: number;
      readonly original: string;
      readonly diagnostics: Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

// Dragos notification severity 0-5 (vendors.md §1.3, the aws-samples mapping): 0 INFORMATIONAL, 1-2 LOW,
// 3 MEDIUM, 4 HIGH, 5 CRITICAL. The numbers sit inside the ASFF Normalized -> Label bands.
const DRAGOS_SEVERITY_NORMALIZED: readonly number[] = [0, 10, 30, 50, 70, 90];

function parseSmallInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return /^\d{1,2}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Maps the CEF header severity (Dragos 0-5) to the ASFF scale. Values 6-10 are not documented by Dragos and
 * fall back to the CEF 0-10 bands with a warning; anything else falls back to the 1.x `originalSeverity`,
 * and is rejected when there is none.
 */
export function mapDragosSeverity(
  header: string,
  originalSeverity: string | undefined,
): DragosSeverityResult {
  const diagnostics: Diagnostic[] = [];
  const original = header.trim();
  const value = parseSmallInteger(original);
  const fromExtension = parseSmallInteger(originalSeverity);
  if (value !== undefined && fromExtension !== undefined && value !== fromExtension) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.severityMismatch,
        'warning',
        `The header severity ${value} differs from originalSeverity=${fromExtension}; the header value is used.`,
      ),
    );
  }
  if (value !== undefined && value <= 5) {
    return { ok: true, normalized: DRAGOS_SEVERITY_NORMALIZED[value] ?? 0, original, diagnostics };
  }
  if (value !== undefined && value <= 10) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.unknownSeverity,
        'warning',
        `Severity ${value} is outside the Dragos 0-5 scale; it was mapped with the CEF 0-10 bands. ` +
          'Check the sensor version if this repeats.',
      ),
    );
    return { ok: true, normalized: value * 10, original, diagnostics };
  }
  if (fromExtension !== undefined && fromExtension <= 5) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.unknownSeverity,
        'warning',
        `The header severity ${JSON.stringify(original.slice(0, 40))} is not a Dragos 0-5 value; originalSeverity=${fromExtension} was used.`,
      ),
    );
    return {
      ok: true,
      normalized: DRAGOS_SEVERITY_NORMALIZED[fromExtension] ?? 0,
      original: String(fromExtension),
      diagnostics,
    };
  }
  diagnostics.push(
    createDiagnostic(
      DRAGOS_DIAGNOSTIC_CODES.invalidSeverity,
      'error',
      `The header severity ${JSON.stringify(original.slice(0, 40))} is not an integer 0-5 (Dragos) or 0-10 (CEF) ` +
        'and no originalSeverity is present; the record cannot be given a severity.',
    ),
  );
  return { ok: false, diagnostics };
}
