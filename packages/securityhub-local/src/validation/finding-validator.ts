import { type FindingValidationError, type FindingValidationResult, validateFinding } from '@otbridge/core';

/** A function that validates one finding as the service's schema does; default `validateFinding` from core. */
export type FindingValidator = (finding: unknown) => FindingValidationResult;

/** The default validator: `@otbridge/core`'s schema + service-only rules + 240 KB. */
export const defaultFindingValidator: FindingValidator = validateFinding;

/** `/Resources/0/Type` → `data.Resources[0].Type`, the path form of the service's ajv-style messages. */
export function toDataPath(pointer: string): string {
  let path = 'data';
  if (pointer === '' || pointer === '/') return path;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/**
 * Keeps the problems the service itself enforces: core marks otbridge's own stricter rules with
 * `serviceErrorCode: null`, and the service would accept those findings.
 */
export function toServiceProblems(errors: readonly FindingValidationError[]): FindingValidationError[] {
  return errors.filter((error) => error.serviceErrorCode !== null);
}

/** The service's per-finding InvalidInput message for a list of problems. */
export function formatInvalidInputMessage(problems: readonly FindingValidationError[]): string {
  const details = problems.map((problem) => `${toDataPath(problem.pointer)} ${problem.message}`).join(', ');
  return `Finding does not adhere to Amazon Finding Format. ${details}`;
}
