import {
  createParserRegistry,
  genericCefParser,
  normalizeLine,
  PRODUCT_FIELD_PARSER_ID,
} from '@otbridge/core';
import { ParserTester, TEST_CONTEXT, testParserProperties } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';

new ParserTester(genericCefParser, { fixturesDir: new URL('../fixtures/generic/', import.meta.url) }).run();

// Any vendor, any product: the fallback must turn every tokenizable record into a valid finding.
testParserProperties(genericCefParser, { numRuns: 300 });

describe('generic CEF parser', () => {
  const registry = createParserRegistry([]);

  test('always makes a finding from a tokenizable record, whatever the vendor', () => {
    const result = normalizeLine(
      'CEF:0|Unknown Vendor|Box|1|x|Something happened|5|foo=bar',
      registry,
      TEST_CONTEXT,
    );
    expect(result.outcome).toBe('finding');
    if (result.outcome !== 'finding') return;
    expect(result.finding.ProductFields?.[PRODUCT_FIELD_PARSER_ID]).toBe('generic-cef');
    expect(result.finding.ProductFields?.['otbridge/cef/ext/foo']).toBe('bar');
    expect(result.finding.Severity?.Label).toBe('MEDIUM');
  });

  test('keeps at most the ProductFields budget and warns about the rest', () => {
    const extension = Array.from({ length: 80 }, (_, index) => `vendorKey${index}=v${index}`).join(' ');
    const result = normalizeLine(`CEF:0|V|P|1|x|Many keys|1|${extension}`, registry, TEST_CONTEXT);
    expect(result.outcome).toBe('finding');
    if (result.outcome !== 'finding') return;
    expect(Object.keys(result.finding.ProductFields ?? {}).length).toBeLessThanOrEqual(50);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain(
      'generic-cef/product-fields-dropped',
    );
  });

  test('findingType option is applied', () => {
    const result = normalizeLine('CEF:0|V|P|1|x|Name|1|', registry, TEST_CONTEXT, {
      parserOptions: { 'generic-cef': { findingType: 'TTPs/Discovery' } },
    });
    expect(result.outcome === 'finding' && result.finding.Types).toEqual(['TTPs/Discovery']);
  });
});
