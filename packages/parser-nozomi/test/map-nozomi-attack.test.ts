import { describe, expect, test } from 'vitest';
import { mapNozomiAttack } from '../src/map-nozomi-attack.js';

describe('mapNozomiAttack', () => {
  test('snake_case tactics become Title Case, in order', () => {
    expect(
      mapNozomiAttack('T0843', 'impair_process_control, inhibit_response_function, persistence'),
    ).toEqual({
      techniques: ['T0843'],
      tactics: ['Impair Process Control', 'Inhibit Response Function', 'Persistence'],
    });
  });

  test('free text is kept but a slash (a Types separator) is not', () => {
    expect(mapNozomiAttack(undefined, 'Impair process (etc)').tactics).toEqual(['Impair Process (etc)']);
    expect(mapNozomiAttack(undefined, 'a/b').tactics).toEqual(['A B']);
  });

  test('only well-formed technique ids are kept, without duplicates', () => {
    expect(mapNozomiAttack('T0843, T843, T0866.001, x, T0843, T08430', undefined).techniques).toEqual([
      'T0843',
      'T0866.001',
    ]);
  });

  test('empty and absent fields give nothing', () => {
    expect(mapNozomiAttack('', ' , ')).toEqual({ techniques: [], tactics: [] });
    expect(mapNozomiAttack(undefined, undefined)).toEqual({ techniques: [], tactics: [] });
  });
});
