import {
  type CefRecord,
  defineParser,
  PARSER_DIAGNOSTIC_CODES,
  type ParserDefinition,
  ParserDefinitionError,
  PRODUCT_FIELD_PARSER_ID,
  PRODUCT_FIELD_PARSER_VERSION,
  toProductFields,
} from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { typicalFinding } from '../asff/finding-fixture.js';
import { makeParser } from './helpers.js';

const RECORD: CefRecord = {
  version: 0,
  deviceVendor: 'Example',
  deviceProduct: 'Box',
  deviceVersion: '1',
  deviceEventClassId: 'sig',
  name: 'Something',
  severity: '5',
  extensions: [],
};

const base: ParserDefinition<object> = {
  id: 'demo',
  packageName: '@example/demo',
  version: '1.0.0',
  vendor: 'Example',
  docsUrl: 'https://example.com',
  claims: [{ deviceVendor: 'Example' }],
  defaultOptions: {},
  normalize: () => ({ outcome: 'skipped', reason: 'test', diagnostics: [] }),
};

describe('defineParser', () => {
  test('fills specificationVersion and keeps metadata', () => {
    const parser = defineParser(base);
    expect(parser.specificationVersion).toBe('v1');
    expect(parser.packageName).toBe('@example/demo');
    expect(Object.isFrozen(parser)).toBe(true);
    expect(parser.matches(RECORD)).toBe(true);
  });

  test.each([
    ['id', { id: 'Not Kebab' }],
    ['packageName', { packageName: 'Bad Name' }],
    ['version', { version: 'v1' }],
    ['docsUrl', { docsUrl: 'not a url' }],
    ['vendor', { vendor: ' ' }],
    ['claims', { claims: [{ deviceVendor: '' }] }],
    ['claim product', { claims: [{ deviceVendor: 'x', deviceProduct: '' }] }],
    ['diagnosticCodes format', { diagnosticCodes: ['NoScope'] }],
    ['diagnosticCodes duplicate', { diagnosticCodes: ['demo/a', 'demo/a'] }],
  ])('rejects a bad %s', (_name, patch) => {
    expect(() => defineParser({ ...base, ...patch } as ParserDefinition<object>)).toThrow(
      ParserDefinitionError,
    );
  });

  test('a throw in normalize becomes rejected with parser/internal-error', () => {
    const parser = defineParser({
      ...base,
      normalize: () => {
        throw new TypeError('boom');
      },
    });
    const outcome = parser.normalize(RECORD, { ...TEST_CONTEXT, options: {} });
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      PARSER_DIAGNOSTIC_CODES.internalError,
    ]);
  });

  test('a throw in matches counts as no match', () => {
    const parser = defineParser({
      ...base,
      matches: () => {
        throw new Error('boom');
      },
    });
    expect(parser.matches(RECORD)).toBe(false);
  });

  test('malformed outcomes become parser/invalid-outcome; reasonless rejections get an error', () => {
    const bad = defineParser({ ...base, normalize: () => ({ outcome: 'maybe' }) as never });
    expect(bad.normalize(RECORD, { ...TEST_CONTEXT, options: {} }).diagnostics[0]?.code).toBe(
      PARSER_DIAGNOSTIC_CODES.invalidOutcome,
    );
    const blankSkip = defineParser({
      ...base,
      normalize: () => ({ outcome: 'skipped', reason: ' ', diagnostics: [] }),
    });
    expect(blankSkip.normalize(RECORD, { ...TEST_CONTEXT, options: {} }).outcome).toBe('rejected');
    const silent = defineParser({ ...base, normalize: () => ({ outcome: 'rejected', diagnostics: [] }) });
    expect(silent.normalize(RECORD, { ...TEST_CONTEXT, options: {} }).diagnostics.map((d) => d.code)).toEqual(
      [PARSER_DIAGNOSTIC_CODES.rejectedWithoutReason],
    );
  });

  test('stamps parser id and version into ProductFields and merges options over defaults', () => {
    const parser = makeParser('stamp', [{ deviceVendor: 'Example' }]);
    const outcome = parser.normalize(RECORD, { ...TEST_CONTEXT, options: { title: 'custom' } });
    expect(outcome.outcome).toBe('finding');
    if (outcome.outcome !== 'finding') return;
    expect(outcome.finding.ProductFields?.[PRODUCT_FIELD_PARSER_ID]).toBe('stamp');
    expect(outcome.finding.ProductFields?.[PRODUCT_FIELD_PARSER_VERSION]).toBe('2.0.0');
    expect(outcome.finding.Title).toBe('custom UTC');
    const defaults = parser.normalize(RECORD, TEST_CONTEXT as never);
    expect(defaults.outcome === 'finding' && defaults.finding.Title).toBe('default title UTC');
  });

  // The stamps are stored by literal keys (V8 keeps large objects fast that way): the literals must be the
  // constants, in place of an earlier value, after the parser's keys in any object size.
  test.each([0, 5, 13, 14, 20, 48])('stamps after %i ProductFields keys, last and in order', (size) => {
    const keys = Array.from({ length: size }, (_, index) => `example/key${index}`);
    for (const stale of [false, true]) {
      const parser = defineParser({
        ...base,
        normalize: () => {
          const fields: Record<string, string> = toProductFields(keys.map((key) => [key, 'v'])).fields;
          if (stale) fields[PRODUCT_FIELD_PARSER_ID] = 'stale';
          return {
            outcome: 'finding',
            finding: { ...typicalFinding(), ProductFields: fields },
            diagnostics: [],
          };
        },
      });
      const outcome = parser.normalize(RECORD, { ...TEST_CONTEXT, options: {} });
      if (outcome.outcome !== 'finding') throw new Error('expected a finding');
      // A stale stamp is overwritten where it stands, which is the same place.
      expect(Object.keys(outcome.finding.ProductFields ?? {})).toEqual([
        ...keys,
        PRODUCT_FIELD_PARSER_ID,
        PRODUCT_FIELD_PARSER_VERSION,
      ]);
      expect(outcome.finding.ProductFields?.[PRODUCT_FIELD_PARSER_ID]).toBe('demo');
      expect(outcome.finding.ProductFields?.[PRODUCT_FIELD_PARSER_VERSION]).toBe('1.0.0');
    }
  });
});
