import {
  type CefRecord,
  createParserRegistry,
  genericCefParser,
  PARSER_DIAGNOSTIC_CODES,
  ParserConflictError,
} from '@otbridge/core';
import { describe, expect, test } from 'vitest';
import { makeParser } from './helpers.js';

const record = (deviceVendor: string, deviceProduct: string, name = 'n'): CefRecord => ({
  version: 0,
  deviceVendor,
  deviceProduct,
  deviceVersion: '1',
  deviceEventClassId: 'sig',
  name,
  severity: '5',
  extensions: [],
});

describe('createParserRegistry', () => {
  test('a duplicate claim names both packages and the vendor/product', () => {
    const first = makeParser('first', [{ deviceVendor: 'Acme', deviceProduct: 'Sentry' }]);
    const second = makeParser('second', [{ deviceVendor: 'ACME ', deviceProduct: 'sentry' }]);
    let error: unknown;
    try {
      createParserRegistry([first, second]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParserConflictError);
    const message = (error as Error).message;
    expect(message).toContain('@example/parser-first');
    expect(message).toContain('@example/parser-second');
    expect(message).toContain('ACME');
    expect(message).toContain('sentry');
    expect((error as ParserConflictError).kind).toBe('duplicate-claim');
  });

  test('two vendor-wide claims on one vendor conflict; vendor-wide plus product claim do not', () => {
    const wide = makeParser('wide', [{ deviceVendor: 'Acme' }]);
    expect(() => createParserRegistry([wide, makeParser('wide2', [{ deviceVendor: 'acme' }])])).toThrow(
      /every product/,
    );
    expect(() =>
      createParserRegistry([wide, makeParser('narrow', [{ deviceVendor: 'Acme', deviceProduct: 'X' }])]),
    ).not.toThrow();
  });

  test('duplicate ids conflict, including with the fallback', () => {
    const a = makeParser('same', [{ deviceVendor: 'A' }]);
    const b = makeParser('same', [{ deviceVendor: 'B' }]);
    expect(() => createParserRegistry([a, b])).toThrow(ParserConflictError);
    expect(() => createParserRegistry([makeParser('generic-cef', [{ deviceVendor: 'A' }])])).toThrow(
      /generic-cef/,
    );
    expect(() => createParserRegistry([genericCefParser as never])).not.toThrow();
  });

  test('rejects objects that are not spec v1 parsers', () => {
    const fake = { ...makeParser('fake', [{ deviceVendor: 'A' }]), specificationVersion: 'v2' };
    expect(() => createParserRegistry([fake as never])).toThrow(/specificationVersion/);
  });

  test('routes case-insensitively; a product claim beats a vendor-wide claim', () => {
    const wide = makeParser('wide', [{ deviceVendor: 'Acme Industrial' }]);
    const narrow = makeParser('narrow', [{ deviceVendor: 'Acme Industrial', deviceProduct: 'Sentry' }]);
    const registry = createParserRegistry([wide, narrow]);
    expect(registry.route(record('ACME INDUSTRIAL', 'sentry')).parser?.id).toBe('narrow');
    expect(registry.route(record('acme industrial', 'Other')).parser?.id).toBe('wide');
    expect(registry.route(record('Unknown', 'Thing'))).toMatchObject({ via: 'fallback', diagnostics: [] });
    expect(registry.route(record('Unknown', 'Thing')).parser?.id).toBe('generic-cef');
    expect(registry.get('narrow')).toBe(narrow);
  });

  test('routes the same way when a spelling comes again, also past the remembered spellings', () => {
    const wide = makeParser('wide', [{ deviceVendor: 'Acme Industrial' }]);
    const narrow = makeParser('narrow', [{ deviceVendor: 'Acme Industrial', deviceProduct: 'Sentry' }]);
    const registry = createParserRegistry([wide, narrow]);
    // 1,500 distinct spellings (more than a registry remembers), each routed twice.
    const spellings = Array.from({ length: 1500 }, (_, index) => [
      index % 3 === 0
        ? 'Acme Industrial'
        : index % 3 === 1
          ? ` acme INDUSTRIAL${' '.repeat(index % 7)}`
          : `Other${index}`,
      index % 2 === 0 ? `Sentry${' '.repeat(index % 5)}` : `Product${index}`,
    ]);
    const expected = (vendor: string, product: string) =>
      vendor.trim().toLowerCase() !== 'acme industrial'
        ? 'generic-cef'
        : product.trim().toLowerCase() === 'sentry'
          ? 'narrow'
          : 'wide';
    for (let round = 0; round < 2; round++)
      for (const [vendor, product] of spellings)
        expect(registry.route(record(vendor as string, product as string)).parser?.id).toBe(
          expected(vendor as string, product as string),
        );
  });

  test('matches false falls through to the vendor-wide claim, then the fallback, with warnings', () => {
    const wide = makeParser('wide', [{ deviceVendor: 'Acme' }], (r) => r.name !== 'neither');
    const narrow = makeParser(
      'narrow',
      [{ deviceVendor: 'Acme', deviceProduct: 'Sentry' }],
      (r) => r.name === 'narrow',
    );
    const registry = createParserRegistry([wide, narrow]);
    const toWide = registry.route(record('Acme', 'Sentry', 'other'));
    expect(toWide.parser?.id).toBe('wide');
    expect(toWide.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      [PARSER_DIAGNOSTIC_CODES.noMatch, 'warning'],
    ]);
    const toFallback = registry.route(record('Acme', 'Sentry', 'neither'));
    expect(toFallback.parser?.id).toBe('generic-cef');
    expect(toFallback.diagnostics.map((d) => d.code)).toEqual([
      PARSER_DIAGNOSTIC_CODES.noMatch,
      PARSER_DIAGNOSTIC_CODES.noMatch,
    ]);
  });

  test('fallback false: unclaimed records get parser/no-parser', () => {
    const registry = createParserRegistry([], { fallback: false });
    const route = registry.route(record('Unknown', 'Thing'));
    expect(route.parser).toBeUndefined();
    expect(route.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      [PARSER_DIAGNOSTIC_CODES.noParser, 'error'],
    ]);
  });
});
