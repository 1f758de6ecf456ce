import { tokenizeCef } from '@otbridge/core';
import { describe, expect, test } from 'vitest';
import { readNozomiFields } from '../src/map-nozomi-fields.js';

function record(extension: string) {
  const result = tokenizeCef(`CEF:0|Nozomi Networks|N2OS|21.9.0|SIGN:X|X|5|${extension}`, { strict: false });
  if (!result.ok) throw new Error('fixture line does not tokenize');
  return result.record;
}

describe('readNozomiFields', () => {
  test('maps by label, in any slot and any case, labels after values', () => {
    const fields = readNozomiFields(
      record(
        'cs4=7.5 cs2=false cs4Label=risk cs2Label=isSecurity flexString1=T0843 flexString1Label=mitre_attack_techniques',
      ),
    );
    expect(fields).toMatchObject({ risk: '7.5', isSecurity: 'false', techniques: 'T0843' });
    expect([...fields.consumedKeys].sort()).toEqual([
      'cs2',
      'cs2Label',
      'cs4',
      'cs4Label',
      'flexString1',
      'flexString1Label',
    ]);
  });

  test('cs1 labelled browser (audit) is the browser, never the risk', () => {
    const fields = readNozomiFields(record('cs1=Mozilla/5.0 cs1Label=browser'));
    expect(fields.risk).toBeUndefined();
    expect(fields.browser).toBe('Mozilla/5.0');
  });

  test('a label without its value consumes the label and sets nothing', () => {
    const fields = readNozomiFields(record('cs1=8.0 cs1Label=Risk cs3Label=Id'));
    expect(fields.alertId).toBeUndefined();
    expect(fields.consumedKeys.has('cs3Label')).toBe(true);
  });

  test('prototype-named labels are unknown labels', () => {
    const fields = readNozomiFields(
      record('cs1=x cs1Label=constructor cs2=y cs2Label=__proto__ cs3=z cs3Label=toString'),
    );
    expect(fields.consumedKeys.size).toBe(0);
    expect(Object.keys(fields).sort()).toEqual(['consumedKeys', 'extensions']);
  });
});
