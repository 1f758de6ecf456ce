import { fc, test } from '@fast-check/vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import schemaJson from '../../schema/aws-security-finding.schema.json' with { type: 'json' };
import {
  AJV_OPTIONS,
  fastFindingType,
  fastNonBlank,
  INLINE_FAST_PATHS,
  PATTERN_FAST_PATHS,
} from '../../scripts/gen-validator.mjs';
import validateAsffSchema from '../../src/generated/validate-asff-schema.js';
import { typicalFinding } from './finding-fixture.js';

// Strings around the fast paths' edges: whitespace of every kind, ASCII, astral characters, slashes.
const edgyString = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2028',
      '\ufeff',
      '\u3000',
      '/',
      'a',
      '~',
      '\u007f',
      '\u0000',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const ajv = new Ajv(AJV_OPTIONS);
addFormats.default(ajv, ['ipv4', 'ipv6']);
const runtimeValidate = ajv.compile(schemaJson);

describe('generated validator fast paths', () => {
  test.prop([fc.oneof(edgyString, fc.string({ unit: 'binary' }))])(
    'every fast path accepts only strings its schema pattern matches',
    (value) => {
      for (const [pattern, fast] of Object.entries(PATTERN_FAST_PATHS)) {
        if (fast(value))
          expect(new RegExp(pattern, 'u').test(value), `${pattern} on ${JSON.stringify(value)}`).toBe(true);
      }
    },
  );

  test.prop([
    fc.oneof(edgyString, fc.string({ unit: 'binary' }), fc.constantFrom('', '!', '~', ' ', '\u007f')),
  ])("every inline form gives exactly its fast test's answer", (value) => {
    expect(INLINE_FAST_PATHS.size).toBeGreaterThan(0);
    for (const [fast, inline] of INLINE_FAST_PATHS) {
      const expression = new Function('value', `return ${inline('value')};`) as (value: string) => boolean;
      expect(expression(value), `${fast.name} on ${JSON.stringify(value)}`).toBe(fast(value));
    }
  });

  // From a printable ASCII first character other than space and slash on, the Types fast test is the whole
  // answer (a test that only implied the pattern could decline every value and still pass the one above).
  const typesPattern = new RegExp(
    Object.keys(PATTERN_FAST_PATHS).find((p) => p.includes('{0,2}')) ?? '',
    'u',
  );
  test.prop([
    fc.tuple(
      fc.constantFrom('a', 'T', '~', '0'),
      fc.string({ unit: fc.constantFrom('/', 'a', ' ', '\u00e9', '\t', '/'), maxLength: 12 }),
    ),
  ])('answers exactly as the Types pattern for values that start like a type', ([first, rest]) => {
    const value = first + rest;
    expect(fastFindingType(value), JSON.stringify(value)).toBe(typesPattern.test(value));
  });

  it('takes the fast path for ordinary values and leaves blank or odd ones to the pattern', () => {
    expect(fastNonBlank('Dragos')).toBe(true);
    expect(fastNonBlank('')).toBe(false);
    expect(fastNonBlank(' x')).toBe(false);
    expect(fastNonBlank('\u00e9t\u00e9')).toBe(false);
    expect(fastFindingType('Unusual Behaviors/Network Flow/New OT Asset Discovered')).toBe(true);
    expect(fastFindingType('TTPs')).toBe(true);
    for (const declined of ['a//b', 'a/b/c/d', 'a/', '/a', ' a', ''])
      expect(fastFindingType(declined), declined).toBe(false);
  });

  // Keys, ARNs and type strings aimed at the rewritten checks (Set key lookup, `aws/` prefix, ARN memo,
  // Types pattern, minLength guard); the standalone answer and error list must equal runtime ajv's.
  const mutation = fc.record(
    {
      ProductArn: fc.oneof(
        fc.constantFrom(
          'arn:aws:securityhub:eu-central-1:111122223333:product/111122223333/default',
          'arn:aws:securityhub:eu-central-1:111122223333:product/111122223333/default ',
          'arn:aws:securityhub:us-east-1::product/acme/ot',
          'arn:aws:securityhub:x',
          '\u{1F600}'.repeat(11),
          '\u{1F600}'.repeat(12),
        ),
        edgyString,
      ),
      ProductFields: fc.dictionary(
        fc.oneof(fc.constantFrom('aws/x', 'aws/', 'AWS/x', ' aws/x', 'constructor', '__proto__'), edgyString),
        fc.oneof(fc.constant('v'), edgyString),
        { maxKeys: 6 },
      ),
      Types: fc.array(fc.oneof(fc.constantFrom('a/b/c', 'a//b', '/a', ' / ', 'a/b/c/d'), edgyString), {
        maxLength: 4,
      }),
      Title: edgyString,
      Network: fc.dictionary(
        fc.constantFrom('Direction', 'Protocol', 'SourceMac', 'Bogus', 'hasOwnProperty'),
        fc.constant('IN'),
      ),
      Extra: fc.constantFrom(undefined, 'x'),
    },
    { requiredKeys: [] },
  );

  test.prop([fc.array(mutation, { minLength: 1, maxLength: 4 })])(
    'agrees with runtime-compiled ajv on findings aimed at the fast paths (in sequence, for the ARN memo)',
    (changes) => {
      for (const change of changes) {
        const { Extra, ...rest } = change;
        const finding: Record<string, unknown> = { ...typicalFinding(), ...rest };
        if (Extra !== undefined) finding.Extra = Extra;
        const standalone = validateAsffSchema(finding);
        expect(standalone).toBe(runtimeValidate(finding));
        if (!standalone) {
          const summary = (errors: typeof validateAsffSchema.errors) =>
            (errors ?? []).map((error) => `${error.instancePath} ${error.keyword} ${error.schemaPath}`);
          expect(summary(validateAsffSchema.errors)).toEqual(summary(runtimeValidate.errors));
        }
      }
    },
  );
});
