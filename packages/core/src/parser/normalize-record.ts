import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { validateFinding } from '../asff/validate-finding.js';
import type { CefRecord } from '../cef/cef-record.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { PARSER_DIAGNOSTIC_CODES } from './parser-diagnostic-codes.js';
import { mergeParserOptions } from './parser-options-cache.js';
import type {
  NormalizeContext,
  NormalizeLineResult,
  ParserContext,
  ParserIdentity,
  VendorParser,
} from './vendor-parser.js';

/** Per-parser options keyed by parser id, merged over that parser's `defaultOptions`. */
export type ParserOptionsById = Readonly<Record<string, object>>;

/** Options for `normalizeRecord`. */
export interface NormalizeRecordOptions {
  readonly parserOptions?: ParserOptionsById;
  /** Diagnostics gathered before this step (tokenizer, routing); they lead the result's list. */
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * Runs one parser on an already tokenized record and checks what it made: the finding must pass
 * `validateFinding` and belong to the context's account and product, otherwise the record is rejected
 * with `asff/<rule>` or `parser/*` diagnostics. Never throws.
 */
export function normalizeRecord(
  record: CefRecord,
  parser: VendorParser<object>,
  context: NormalizeContext,
  options: NormalizeRecordOptions = {},
): NormalizeLineResult {
  const identity: ParserIdentity = { id: parser.id, version: parser.version };
  const before = options.diagnostics ?? [];
  try {
    const productArn = context.productArn ?? defaultProductArn(context);
    const parserOptions = mergeParserOptions(parser.defaultOptions, options.parserOptions?.[parser.id]);
    const outcome = parser.normalize(record, toParserContext(context, productArn, parserOptions));
    const diagnostics =
      before.length === 0
        ? [...outcome.diagnostics]
        : outcome.diagnostics.length === 0
          ? [...before]
          : [...before, ...outcome.diagnostics];
    switch (outcome.outcome) {
      case 'finding': {
        const problems = checkFinding(outcome.finding, context.awsAccountId, productArn);
        if (problems.length > 0)
          return { outcome: 'rejected', parser: identity, diagnostics: [...diagnostics, ...problems] };
        return { outcome: 'finding', finding: outcome.finding, parser: identity, diagnostics };
      }
      case 'skipped':
        return { outcome: 'skipped', reason: outcome.reason, parser: identity, diagnostics };
      default:
        return { outcome: 'rejected', parser: identity, diagnostics };
    }
  } catch (error) {
    return {
      outcome: 'rejected',
      parser: identity,
      diagnostics: [...before, internalErrorDiagnostic(`parser "${parser.id}"`, error)],
    };
  }
}

/**
 * The parser's context, built member by member in one fixed order rather than spread from the caller's
 * object: every call then makes objects of one hidden class, whatever object the caller passed (a spread
 * copies the caller's shape; in the benchmarks a non-frozen caller context made every parser about 12 %
 * slower). Optional members are set only when present, as the spread did.
 */
export function toParserContext(
  context: NormalizeContext,
  productArn: string,
  options: object,
): ParserContext<object> {
  const parserContext: {
    now: Date;
    awsAccountId: string;
    region: string;
    partition: NormalizeContext['partition'];
    productArn: string;
    companyName?: string;
    productName?: string;
    defaultTimeZone?: string;
    options: object;
  } = {
    now: context.now,
    awsAccountId: context.awsAccountId,
    region: context.region,
    partition: context.partition,
    productArn,
    options,
  };
  if (context.companyName !== undefined) parserContext.companyName = context.companyName;
  if (context.productName !== undefined) parserContext.productName = context.productName;
  if (context.defaultTimeZone !== undefined) parserContext.defaultTimeZone = context.defaultTimeZone;
  return parserContext;
}

/** An `parser/internal-error` diagnostic for a throw that should never have happened. */
export function internalErrorDiagnostic(where: string, error: unknown): Diagnostic {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return createDiagnostic(
    PARSER_DIAGNOSTIC_CODES.internalError,
    'error',
    `Unexpected exception in ${where} (${detail.slice(0, 300)}); this is a bug: report it with the line attached.`,
  );
}

function checkFinding(finding: AwsSecurityFinding, awsAccountId: string, productArn: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const validation = validateFinding(finding);
  if (!validation.valid) {
    for (const error of validation.errors) {
      problems.push(
        createDiagnostic(
          `asff/${error.rule}`,
          'error',
          `Finding field ${error.pointer === '' ? '/' : error.pointer} is invalid: ${error.message}`,
        ),
      );
    }
  }
  if (finding.AwsAccountId !== awsAccountId) {
    problems.push(
      createDiagnostic(
        PARSER_DIAGNOSTIC_CODES.accountMismatch,
        'error',
        `Finding field /AwsAccountId is ${JSON.stringify(finding.AwsAccountId)} but the context account is ` +
          `${awsAccountId}; take the account from the context, never from the event.`,
      ),
    );
  }
  if (finding.ProductArn !== productArn) {
    problems.push(
      createDiagnostic(
        PARSER_DIAGNOSTIC_CODES.productArnMismatch,
        'error',
        `Finding field /ProductArn is ${JSON.stringify(finding.ProductArn)} but the context product is ` +
          `${productArn}; use context.productArn.`,
      ),
    );
  }
  return problems;
}
