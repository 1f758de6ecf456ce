import { describe, expect, test } from 'vitest';
import { mapNozomiParents, NOZOMI_MAX_PARENTS } from '../src/map-nozomi-parents.js';

describe('mapNozomiParents', () => {
  test('reads a JSON array of ids', () => {
    expect(
      mapNozomiParents('["391c974d-419d-4456-8c60-f01ecd8ee8fd","2cb23ad4-2147-4fcd-afc9-9cf4739cecd6"]'),
    ).toEqual({
      ids: ['391c974d-419d-4456-8c60-f01ecd8ee8fd', '2cb23ad4-2147-4fcd-afc9-9cf4739cecd6'],
      diagnostics: [],
    });
  });

  test('an empty array and an absent field give no ids', () => {
    expect(mapNozomiParents('[]')).toEqual({ ids: [], diagnostics: [] });
    expect(mapNozomiParents(undefined)).toEqual({ ids: [], diagnostics: [] });
  });

  test('accepts the unquoted form of third-party samples', () => {
    expect(mapNozomiParents('[123e4567-e89b-12d3-a456-426614174001]').ids).toEqual([
      '123e4567-e89b-12d3-a456-426614174001',
    ]);
  });

  test.each(['{"a":1}', '[1,2]', 'abc', '[""]', '[null]'])('%j is reported and yields no ids', (value) => {
    const result = mapNozomiParents(value);
    expect(result.ids).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['nozomi/invalid-parents']);
  });

  test(`keeps at most ${NOZOMI_MAX_PARENTS} parents and says so`, () => {
    const ids = Array.from({ length: NOZOMI_MAX_PARENTS + 3 }, (_, index) => `p${index}`);
    const result = mapNozomiParents(JSON.stringify(ids));
    expect(result.ids).toEqual(ids.slice(0, NOZOMI_MAX_PARENTS));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['nozomi/too-many-parents']);
  });
});
