import { createDiagnostic, type Diagnostic } from '@otbridge/core';

/** The score behind `Severity`: `normalized` 0-100 and the vendor's value as sent (`Original`). */
export type NozomiRiskResult =
  | {
      readonly ok: true;
      readonly normalized: number;
      readonly original: string;
      readonly source: 'risk' | 'header';
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Highest N2OS risk and header severity. */
export const NOZOMI_RISK_MAX = 10;

/**
 * Maps the N2OS `cs1` Risk (a 0-10 decimal, only when labelled `Risk`) to `Severity.Normalized` (x10, rounded),
 * falling back to the 0-10 header severity. Never throws.
 */
export function mapNozomiRisk(risk: string | undefined, headerSeverity: string): NozomiRiskResult {
  const diagnostics: Diagnostic[] = [];
  if (risk !== undefined) {
    const value = parseDecimal(risk);
    if (value !== undefined && value <= NOZOMI_RISK_MAX) {
      return {
        ok: true,
        normalized: Math.round(value * 10),
        original: risk.trim(),
        source: 'risk',
        diagnostics,
      };
    }
    diagnostics.push(
      createDiagnostic(
        'nozomi/invalid-risk',
        'warning',
        `cs1 Risk "${risk.slice(0, 40)}" is not a decimal between 0 and 10; the header severity is used instead.`,
      ),
    );
  }
  const header = parseDecimal(headerSeverity);
  if (header !== undefined && header <= NOZOMI_RISK_MAX && Number.isInteger(header)) {
    return {
      ok: true,
      normalized: header * 10,
      original: headerSeverity.trim(),
      source: 'header',
      diagnostics,
    };
  }
  diagnostics.push(
    createDiagnostic(
      'nozomi/invalid-severity',
      'error',
      `Neither cs1 Risk nor the header severity "${headerSeverity.slice(0, 40)}" is a number from 0 to 10; ` +
        'check the N2OS data-integration settings (CEF format).',
    ),
  );
  return { ok: false, diagnostics };
}

/** `ddd` or `ddd.ddd` (no sign, no exponent) as a number; anything else is undefined. */
function parseDecimal(text: string): number | undefined {
  const value = text.trim();
  if (value.length === 0 || value.length > 16) return undefined;
  let dots = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === 46) {
      dots += 1;
      if (dots > 1 || index === 0 || index === value.length - 1) return undefined;
    } else if (code < 48 || code > 57) {
      return undefined;
    }
  }
  return Number(value);
}
