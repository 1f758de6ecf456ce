import {
  type CefRecord,
  createBaseFinding,
  createFindingId,
  defineParser,
  type ParserClaim,
} from '@otbridge/core';

/** A small parser for registry and normalizeLine tests: one finding per record, title from the header. */
export function makeParser(
  id: string,
  claims: readonly ParserClaim[],
  matches: (record: CefRecord) => boolean = () => true,
) {
  return defineParser<{ title: string; seenTimeZone?: string }>({
    id,
    packageName: `@example/parser-${id}`,
    version: '2.0.0',
    vendor: 'Example',
    docsUrl: 'https://example.com/docs',
    claims,
    defaultOptions: { title: 'default title' },
    matches,
    normalize: (record, context) => ({
      outcome: 'finding',
      finding: createBaseFinding(context, {
        id: createFindingId({ vendor: id, sensor: 'sensor', content: record.name }),
        generatorId: `${id}/${record.deviceEventClassId}`,
        title: `${context.options.title} ${context.defaultTimeZone ?? 'UTC'}`,
        severity: { normalized: 40, original: record.severity },
        types: ['Unusual Behaviors'],
        createdAt: context.now,
        resources: [{ Type: 'Other', Id: 'sensor' }],
      }),
      diagnostics: [],
    }),
  });
}
