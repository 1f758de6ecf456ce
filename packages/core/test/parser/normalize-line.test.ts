import { fc, test as propTest } from '@fast-check/vitest';
import {
  createParserRegistry,
  defineParser,
  genericCefParser,
  normalizeLine,
  PARSER_DIAGNOSTIC_CODES,
} from '@otbridge/core';
import { hostileStringArbitrary, TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { makeParser } from './helpers.js';

const LINE = 'CEF:0|Acme|Sentry|1|sig|Alert|5|src=192.0.2.1';

describe('normalizeLine', () => {
  test('returns the finding with the parser that made it', () => {
    const registry = createParserRegistry([makeParser('acme', [{ deviceVendor: 'Acme' }])]);
    const result = normalizeLine(LINE, registry, TEST_CONTEXT);
    expect(result).toMatchObject({
      outcome: 'finding',
      parser: { id: 'acme', version: '2.0.0' },
      diagnostics: [],
    });
  });

  test('merges parserOptions by id over defaultOptions and passes defaultTimeZone through', () => {
    const registry = createParserRegistry([makeParser('acme', [{ deviceVendor: 'Acme' }])]);
    const result = normalizeLine(
      LINE,
      registry,
      { ...TEST_CONTEXT, defaultTimeZone: 'Europe/Berlin' },
      {
        parserOptions: { acme: { title: 'site A' } },
      },
    );
    expect(result.outcome === 'finding' && result.finding.Title).toBe('site A Europe/Berlin');
  });

  test('a finding that fails validateFinding is rejected with asff/<rule> and the JSON pointer', () => {
    const broken = defineParser({
      id: 'broken',
      packageName: '@example/broken',
      version: '1.0.0',
      vendor: 'Acme',
      docsUrl: 'https://example.com',
      claims: [{ deviceVendor: 'Acme' }],
      defaultOptions: {},
      normalize: (_record, context) => {
        const base = genericCefParser.normalize(_record, {
          ...context,
          options: genericCefParser.defaultOptions,
        });
        if (base.outcome !== 'finding') return base;
        return {
          outcome: 'finding',
          finding: { ...base.finding, Title: ' ', Resources: [] },
          diagnostics: [],
        };
      },
    });
    const result = normalizeLine(LINE, createParserRegistry([broken]), TEST_CONTEXT);
    expect(result.outcome).toBe('rejected');
    expect(result.parser).toEqual({ id: 'broken', version: '1.0.0' });
    const asff = result.diagnostics.filter((d) => d.code.startsWith('asff/'));
    expect(asff.length).toBeGreaterThan(0);
    expect(asff.every((d) => d.severity === 'error')).toBe(true);
    expect(asff.map((d) => d.message).join(' ')).toContain('/Title');
    expect(asff.map((d) => d.message).join(' ')).toContain('/Resources');
  });

  test('a finding for another account is rejected', () => {
    const registry = createParserRegistry([makeParser('acme', [{ deviceVendor: 'Acme' }])]);
    const other = makeParser('acme', [{ deviceVendor: 'Acme' }]);
    const result = normalizeLine(LINE, registry, TEST_CONTEXT);
    expect(result.outcome).toBe('finding');
    const forged = defineParser({
      ...other,
      id: 'forged',
      normalize: (record, context) => other.normalize(record, { ...context, awsAccountId: '999999999999' }),
    });
    const rejected = normalizeLine(LINE, createParserRegistry([forged]), TEST_CONTEXT);
    expect(rejected.diagnostics.map((d) => d.code)).toContain(PARSER_DIAGNOSTIC_CODES.accountMismatch);
  });

  test('tokenizer failures are rejected without a parser', () => {
    const result = normalizeLine('hello world', createParserRegistry([]), TEST_CONTEXT);
    expect(result.outcome).toBe('rejected');
    expect(result.parser).toBeUndefined();
    expect(result.diagnostics.every((d) => d.code.startsWith('cef/'))).toBe(true);
  });

  test('matches false goes to the generic parser with a warning', () => {
    const registry = createParserRegistry([makeParser('acme', [{ deviceVendor: 'Acme' }], () => false)]);
    const result = normalizeLine(LINE, registry, TEST_CONTEXT);
    expect(result.outcome).toBe('finding');
    expect(result.outcome === 'finding' && result.parser.id).toBe('generic-cef');
    expect(result.diagnostics.map((d) => d.code)).toContain(PARSER_DIAGNOSTIC_CODES.noMatch);
  });

  test('accepts decoded lines', () => {
    const result = normalizeLine({ text: LINE, diagnostics: [] }, createParserRegistry([]), TEST_CONTEXT);
    expect(result.outcome).toBe('finding');
  });

  propTest.prop([fc.oneof(hostileStringArbitrary(), fc.string())], { numRuns: 300 })(
    'never throws and always returns one of three outcomes',
    (text) => {
      const registry = createParserRegistry([makeParser('acme', [{ deviceVendor: 'Acme' }])]);
      for (const line of [text, `CEF:0|Acme|Sentry|1|${text}`, `CEF:0|V|P|1|x|y|5|k=${text}`]) {
        const result = normalizeLine(line, registry, TEST_CONTEXT, { strict: false });
        expect(['finding', 'skipped', 'rejected']).toContain(result.outcome);
        expect(result.diagnostics.map((d) => d.code)).not.toContain(PARSER_DIAGNOSTIC_CODES.internalError);
      }
    },
  );
});
