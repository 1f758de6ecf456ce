/** How bad a diagnostic is: `error` stops a record from becoming a finding, `warning` does not. */
export type DiagnosticSeverity = 'error' | 'warning';

/**
 * A problem found in untrusted input, returned as data rather than thrown.
 * `code` is stable (`<scope>/<kebab-problem>`, e.g. `cef/invalid-escape`); tests assert codes, never messages.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  /** A sentence that says what is wrong and how to fix it. */
  readonly message: string;
  /** 0-based offset in UTF-16 code units into the input line, where it applies. */
  readonly offset?: number;
}

/** Builds a diagnostic; `offset` is omitted when undefined so objects compare cleanly. */
export function createDiagnostic(
  code: string,
  severity: DiagnosticSeverity,
  message: string,
  offset?: number,
): Diagnostic {
  return offset === undefined ? { code, severity, message } : { code, severity, message, offset };
}
