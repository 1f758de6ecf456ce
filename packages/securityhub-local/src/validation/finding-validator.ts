import * as core from '@otbridge/core';

/** One problem found in a finding; the shape of `@otbridge/core`'s `FindingValidationError`. */
export interface FindingProblem {
  pointer: string;
  rule: string;
  limit?: number | string;
  message: string;
}

/** The shape of `@otbridge/core`'s `FindingValidationResult`. */
export type FindingCheckResult = { valid: true } | { valid: false; errors: FindingProblem[] };

/** A function that validates one finding as the service's schema does. */
export type FindingValidator = (finding: unknown) => FindingCheckResult;

/** The core validator (`validateFinding` from `@otbridge/core`), or undefined while core lacks it. */
export function resolveCoreValidator(): FindingValidator | undefined {
  const candidate = (core as unknown as { validateFinding?: unknown }).validateFinding;
  return typeof candidate === 'function' ? (candidate as FindingValidator) : undefined;
}

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

/** The service's per-finding InvalidInput message for a list of problems. */
export function formatInvalidInputMessage(problems: readonly FindingProblem[]): string {
  const details = problems.map((problem) => `${toDataPath(problem.pointer)} ${problem.message}`).join(', ');
  return `Finding does not adhere to Amazon Finding Format. ${details}`;
}
