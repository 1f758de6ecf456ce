import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { validateFinding } from '../asff/validate-finding.js';
import type { CefRecord } from '../cef/cef-record.js';
import { tokenizeCef } from '../cef/tokenize-cef.js';
import { createParserRegistry } from '../parser/create-parser-registry.js';
import { normalizeLine } from '../parser/normalize-line.js';
import { PARSER_DIAGNOSTIC_CODES } from '../parser/parser-diagnostic-codes.js';
import type { NormalizeContext, ParserOutcome, VendorParser } from '../parser/vendor-parser.js';
import { cefLineArbitrary, cefRecordArbitrary, hostileStringArbitrary } from './cef-arbitraries.js';
import { deepFreeze } from './deep-freeze.js';
import { TEST_CONTEXT } from './test-context.js';

/** Options for `testParserProperties`. */
export interface TestParserPropertiesOptions<Options extends object> {
  /** Generated records carry this Device Vendor (omit for random vendors). */
  readonly deviceVendor?: string;
  /** Generated records carry this Device Product (omit for random products). */
  readonly deviceProduct?: string;
  /** The parser's own extension keys, mixed into generated records so its mapping code runs. */
  readonly keys?: readonly string[];
  readonly context?: NormalizeContext;
  readonly parserOptions?: Partial<Options>;
  /** fast-check runs per property (default 200). */
  readonly numRuns?: number;
}

const OUTCOMES = new Set(['finding', 'skipped', 'rejected']);

/**
 * Registers vitest property tests (via `@fast-check/vitest`) that any parser must pass: on generated
 * records and lines it never throws, always returns one of the three outcomes, never mutates its input,
 * is deterministic, and every finding it makes is schema-valid and belongs to the context's account.
 */
export function testParserProperties<Options extends object>(
  parser: VendorParser<Options>,
  options: TestParserPropertiesOptions<Options> = {},
): void {
  const context = deepFreeze({ ...(options.context ?? TEST_CONTEXT) });
  const productArn = context.productArn ?? defaultProductArn(context);
  const resolved = deepFreeze({
    ...context,
    productArn,
    options: { ...parser.defaultOptions, ...options.parserOptions } as Options,
  });
  const arbitraryOptions = {
    ...(options.deviceVendor === undefined ? {} : { deviceVendor: options.deviceVendor }),
    ...(options.deviceProduct === undefined ? {} : { deviceProduct: options.deviceProduct }),
    ...(options.keys === undefined ? {} : { keys: options.keys }),
  };
  const parameters = { numRuns: options.numRuns ?? 200 };
  const registry = createParserRegistry([parser as VendorParser<object>], { fallback: false });
  const lineOptions =
    options.parserOptions === undefined ? {} : { parserOptions: { [parser.id]: options.parserOptions } };

  const checkOutcome = (record: CefRecord): void => {
    const frozen = deepFreeze(record);
    const outcome = parser.normalize(frozen, resolved);
    assertOutcome(parser.id, outcome, context.awsAccountId, productArn);
    expect(parser.normalize(frozen, resolved), 'normalize is not deterministic').toEqual(outcome);
  };

  describe(`${parser.id} properties`, () => {
    test.prop([cefRecordArbitrary(arbitraryOptions)], parameters)(
      'normalize on generated records: total, one outcome, schema-valid findings, pure, deterministic',
      (record) => checkOutcome(record),
    );
    test.prop([cefLineArbitrary(arbitraryOptions)], parameters)(
      'generated syslog/CEF lines: tokenized and normalised without a throw',
      (line) => {
        const tokenized = tokenizeCef(line, { strict: false });
        if (tokenized.ok) checkOutcome(tokenized.record);
        const result = normalizeLine(line, registry, context, lineOptions);
        expect(OUTCOMES.has(result.outcome)).toBe(true);
        expect(result.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain(
          PARSER_DIAGNOSTIC_CODES.internalError,
        );
      },
    );
    test.prop([hostileStringArbitrary()], parameters)(
      'normalizeLine never throws on hostile text',
      (text) => {
        const result = normalizeLine(text, registry, context, lineOptions);
        expect(OUTCOMES.has(result.outcome)).toBe(true);
        expect(result.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain(
          PARSER_DIAGNOSTIC_CODES.internalError,
        );
      },
    );
  });
}

function assertOutcome(id: string, outcome: ParserOutcome, awsAccountId: string, productArn: string): void {
  expect(OUTCOMES.has(outcome.outcome), `parser "${id}" returned outcome ${String(outcome.outcome)}`).toBe(
    true,
  );
  const codes = outcome.diagnostics.map((diagnostic) => diagnostic.code);
  const failures = outcome.diagnostics
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`)
    .join('\n');
  expect(codes, `parser "${id}" threw or returned a malformed outcome:\n${failures}`).not.toContain(
    PARSER_DIAGNOSTIC_CODES.internalError,
  );
  expect(codes).not.toContain(PARSER_DIAGNOSTIC_CODES.invalidOutcome);
  if (outcome.outcome === 'finding') {
    const validation = validateFinding(outcome.finding);
    const errors = validation.valid
      ? ''
      : validation.errors.map((error) => `${error.pointer} ${error.rule}: ${error.message}`).join('\n');
    expect(validation.valid, `parser "${id}" made an invalid finding:\n${errors}`).toBe(true);
    expect(outcome.finding.AwsAccountId).toBe(awsAccountId);
    expect(outcome.finding.ProductArn).toBe(productArn);
  } else if (outcome.outcome === 'skipped') {
    expect(outcome.reason.trim()).not.toBe('');
  } else {
    expect(outcome.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
  }
}
