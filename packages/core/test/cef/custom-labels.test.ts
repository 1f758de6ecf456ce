import { describe, expect, it } from 'vitest';
import {
  CEF_DIAGNOSTIC_CODES as C,
  getCustomField,
  listCustomFields,
  resolveCustomLabels,
} from '../../src/index.js';
import { HEADER, record } from './helpers.js';

describe('custom label pairs', () => {
  it('pairs values and labels in any order (Nozomi: values first)', () => {
    const r = record(`${HEADER}cs1=9.0 cs2=true cs1Label=Risk cs2Label=IsSecurity cs3Label=Id`);
    expect([...resolveCustomLabels(r)]).toEqual([
      ['Risk', { key: 'cs1', value: '9.0' }],
      ['IsSecurity', { key: 'cs2', value: 'true' }],
    ]);
    expect(getCustomField(r, 'Risk')).toBe('9.0');
    expect(getCustomField(r, 'Id')).toBeUndefined();
    expect(listCustomFields(r).diagnostics.map((d) => d.code)).toEqual([C.orphanCustomField]);
  });

  it('recognises every family by pattern, any slot number', () => {
    const r = record(
      `${HEADER}cs22=a cs22Label=L1 cn7=5 cn7Label=L2 cfp12=1.5 cfp12Label=L3 c6a3=2001:db8::1 c6a3Label=L4 ` +
        'deviceCustomDate5=Oct 10 2019 16:00:18 deviceCustomDate5Label=L5 flexString4=x flexString4Label=L6 ' +
        'flexDate1=1570723218425 flexDate1Label=L7 flexNumber2=3 flexNumber2Label=L8 DeviceCustomNumber9=4 cn9Label=L9 C6a4Label=L10 c6a4=fe80::1',
    );
    const map = resolveCustomLabels(r);
    expect([...map.keys()]).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10']);
    expect(map.get('L5')).toEqual({ key: 'deviceCustomDate5', value: 'Oct 10 2019 16:00:18' });
    expect(map.get('L9')).toEqual({ key: 'DeviceCustomNumber9', value: '4' });
    expect(map.get('L10')).toEqual({ key: 'c6a4', value: 'fe80::1' });
  });

  it('skips empty labels and reports duplicates and values without labels', () => {
    const r = record(
      `${HEADER}cs2=user@example.com cs2Label= cs3=a cs3Label=Zone cs4=b cs4Label=Zone cs5=orphan`,
    );
    expect([...resolveCustomLabels(r)]).toEqual([['Zone', { key: 'cs4', value: 'b' }]]);
    expect(listCustomFields(r).diagnostics.map((d) => d.code)).toEqual([
      C.duplicateCustomLabel,
      C.orphanCustomField,
    ]);
  });

  it('ignores keys that only look like slots', () => {
    const r = record(`${HEADER}cs=1 csLabel=x cat=2 c6=3 c6Label=y cxa1=4 cxa1Label=z`);
    expect(resolveCustomLabels(r).size).toBe(0);
  });
});
