import { type CefRecord, defineParser, normalizeRecord, PARSER_DIAGNOSTIC_CODES } from '@otbridge/core';
import { deepFreeze, TEST_CONTEXT } from '@otbridge/core/testing';
import { expect, test } from 'vitest';

test('deepFreeze freezes nested values, so a mutating parser is caught as parser/internal-error', () => {
  const record: CefRecord = deepFreeze({
    version: 0,
    deviceVendor: 'V',
    deviceProduct: 'P',
    deviceVersion: '1',
    deviceEventClassId: 'x',
    name: 'n',
    severity: '1',
    extensions: [['k', 'v']],
  });
  expect(Object.isFrozen(record.extensions[0])).toBe(true);
  const mutating = defineParser({
    id: 'mutating',
    packageName: '@example/mutating',
    version: '1.0.0',
    vendor: 'V',
    docsUrl: 'https://example.com',
    claims: [{ deviceVendor: 'V' }],
    defaultOptions: {},
    normalize: (input) => {
      (input.extensions as [string, string][]).push(['added', 'by parser']);
      return { outcome: 'skipped', reason: 'never reached', diagnostics: [] };
    },
  });
  const result = normalizeRecord(record, mutating, deepFreeze({ ...TEST_CONTEXT }));
  expect(result.diagnostics.map((d) => d.code)).toEqual([PARSER_DIAGNOSTIC_CODES.internalError]);
});

test('doc example is included verbatim in docs/writing-a-parser.md', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('./example-parser.ts', import.meta.url), 'utf8');
  const doc = await readFile(new URL('../../../../docs/writing-a-parser.md', import.meta.url), 'utf8');
  expect(doc).toContain(source.trimEnd());
});
