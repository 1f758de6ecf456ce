import { describe, expect, test } from 'vitest';
import { mapNozomiDetail } from '../src/map-nozomi-detail.js';

describe('mapNozomiDetail', () => {
  test('reads the brace-wrapped N2OS map', () => {
    const detail = mapNozomiDetail('{trigger_type: yara_rules, trigger_id: MALW_DragonFly2.yar}');
    expect([...detail]).toEqual([
      ['trigger_type', 'yara_rules'],
      ['trigger_id', 'MALW_DragonFly2.yar'],
    ]);
  });

  test('reads the compact form and keeps commas inside a value', () => {
    const detail = mapNozomiDetail('{trigger_type:packet_rules,trigger_id:123e4567-e89b, extra text}');
    expect(detail.get('trigger_type')).toBe('packet_rules');
    expect(detail.get('trigger_id')).toBe('123e4567-e89b, extra text');
  });

  test('text that is not a map gives no pairs', () => {
    expect(mapNozomiDetail('just words').size).toBe(0);
    expect(mapNozomiDetail('{}').size).toBe(0);
    expect(mapNozomiDetail(undefined).size).toBe(0);
  });

  test('prototype keys are plain keys', () => {
    const detail = mapNozomiDetail('{__proto__: x, constructor: y}');
    expect(detail.get('__proto__')).toBe('x');
    expect(detail.get('constructor')).toBe('y');
  });
});
