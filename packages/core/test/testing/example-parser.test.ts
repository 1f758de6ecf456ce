import { createParserRegistry, normalizeLine } from '@otbridge/core';
import { ParserTester, TEST_CONTEXT, testParserProperties } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { acmeParser } from './example-parser.js';

// The worked example of docs/writing-a-parser.md, run exactly as a third-party author would.
new ParserTester(acmeParser, { fixturesDir: new URL('./fixtures/acme/', import.meta.url) }).run();

testParserProperties(acmeParser, {
  deviceVendor: 'Acme Industrial',
  deviceProduct: 'Sentry',
  keys: ['externalId', 'dvchost', 'rt', 'cs1Label'],
});

describe('acme parser options', () => {
  const line =
    'CEF:0|Acme Industrial|Sentry|3.2|health:heartbeat|Sensor alive|0|dvchost=sentry-01.example.com rt=1767225600000';
  const registry = createParserRegistry([acmeParser]);

  test('health events are skipped by default', () => {
    const result = normalizeLine(line, registry, TEST_CONTEXT);
    expect(result.outcome).toBe('skipped');
  });

  test('includeHealthAndAudit turns them into INFORMATIONAL findings', () => {
    const result = normalizeLine(line, registry, TEST_CONTEXT, {
      parserOptions: { acme: { includeHealthAndAudit: true } },
    });
    expect(result.outcome).toBe('finding');
    if (result.outcome !== 'finding') return;
    expect(result.finding.Severity?.Label).toBe('INFORMATIONAL');
    expect(result.finding.Types).toEqual(['Unusual Behaviors/Application']);
    expect(result.parser).toEqual({ id: 'acme', version: '1.0.0' });
  });
});
