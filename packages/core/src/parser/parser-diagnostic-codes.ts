/**
 * Diagnostic codes emitted by the parser layer itself (defineParser, the registry, normalizeLine).
 * Codes are stable API: SOC dashboards and fixtures match on them. Findings that fail schema validation
 * are reported as `asff/<rule>` with the rule name from `validateFinding`.
 */
export const PARSER_DIAGNOSTIC_CODES = {
  /** `normalize` threw; the record is rejected instead of crashing the batch. */
  internalError: 'parser/internal-error',
  /** `normalize` returned something that is not one of the three outcomes. */
  invalidOutcome: 'parser/invalid-outcome',
  /** A claimed parser's `matches` said no; the record went to the next parser or the fallback. */
  noMatch: 'parser/no-match',
  /** No parser claims the record's vendor/product and the registry has no fallback. */
  noParser: 'parser/no-parser',
  /** A rejection carried no error diagnostic, so the layer adds this one. */
  rejectedWithoutReason: 'parser/rejected-without-reason',
  /** The finding's `AwsAccountId` is not the context's account (Security Hub would refuse the batch). */
  accountMismatch: 'parser/account-mismatch',
  /** The finding's `ProductArn` is not the context's product ARN. */
  productArnMismatch: 'parser/product-arn-mismatch',
} as const;

/** Scopes whose codes belong to core and need not be listed in a parser's `diagnosticCodes`. */
export const CORE_DIAGNOSTIC_SCOPES: readonly string[] = ['cef', 'asff', 'parser'];

/** `<scope>/<kebab-problem>`: lowercase kebab words separated by one slash (`dragos/unknown-severity`). */
export const DIAGNOSTIC_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
