import { describe, expect, test } from 'vitest';
import { mapNozomiRisk } from '../src/map-nozomi-risk.js';

describe('mapNozomiRisk', () => {
  test.each([
    ['9.0', '9', 90],
    ['8.0', '8', 80],
    ['3.5', '3', 35],
    ['1.5', '1', 15],
    ['0', '0', 0],
    ['10', '10', 100],
    ['6.25', '6', 63],
  ])('Risk %s (header %s) becomes Normalized %i and keeps the raw value', (risk, header, normalized) => {
    const result = mapNozomiRisk(risk, header);
    expect(result).toEqual({ ok: true, normalized, original: risk, source: 'risk', diagnostics: [] });
  });

  test('falls back to the header severity when Risk is absent', () => {
    expect(mapNozomiRisk(undefined, '7')).toMatchObject({
      ok: true,
      normalized: 70,
      original: '7',
      source: 'header',
    });
  });

  test.each(['high', '-1', '11', '1e1', '9.', '.5', '9..0', ''])(
    'Risk %j is invalid: warning and header fallback',
    (risk) => {
      const result = mapNozomiRisk(risk, '4');
      expect(result.ok).toBe(true);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['nozomi/invalid-risk']);
      if (result.ok) expect(result.normalized).toBe(40);
    },
  );

  test.each(['n/a', 'High', '11', '3.5', ''])('header %j without a usable Risk is rejected', (header) => {
    const result = mapNozomiRisk(undefined, header);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['nozomi/invalid-severity']);
  });
});
