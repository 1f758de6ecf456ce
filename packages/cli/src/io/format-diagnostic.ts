import type { Diagnostic } from '@otbridge/core';
import type { Colors } from './colors.js';

/** Where a diagnostic applies: a file and 1-based line number. */
export interface DiagnosticLocation {
  readonly source: string;
  readonly lineNumber?: number;
}

/**
 * One diagnostic as `file:line:column: severity code: message` (column 1-based from the 0-based
 * offset), the form editors and `grep` understand.
 */
export function formatDiagnostic(
  location: DiagnosticLocation,
  diagnostic: Diagnostic,
  colors: Colors,
): string {
  let where = location.source;
  if (location.lineNumber !== undefined) {
    where += `:${location.lineNumber}`;
    if (diagnostic.offset !== undefined) where += `:${diagnostic.offset + 1}`;
  }
  const severity =
    diagnostic.severity === 'error' ? colors.red(diagnostic.severity) : colors.yellow(diagnostic.severity);
  return `${colors.bold(where)}: ${severity} ${colors.dim(diagnostic.code)}: ${diagnostic.message}`;
}
