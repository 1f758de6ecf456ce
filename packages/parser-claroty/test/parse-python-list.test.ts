import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parsePythonList } from '../src/index.js';

describe('parsePythonList', () => {
  const cases: [string, string[], boolean][] = [
    ['[]', [], true],
    ['[None]', [], true],
    ['None', [], true],
    ['', [], true],
    ["['192.0.2.4']", ['192.0.2.4'], true],
    ["['192.0.2.4', None]", ['192.0.2.4'], true],
    ["['Industrial', 'Corporate']", ['Industrial', 'Corporate'], true],
    ['["a, b", "c"]', ['a, b', 'c'], true],
    ["['it\\'s']", ["it's"], true],
    ['192.0.2.4', ['192.0.2.4'], true],
    ["['192.0.2.4', '198.51", ['192.0.2.4'], false],
    ["['a'] trailing", ['a'], false],
  ];
  for (const [input, items, ok] of cases) {
    test(`${JSON.stringify(input)}`, () => {
      expect(parsePythonList(input)).toEqual({ items, ok });
    });
  }

  test.prop([fc.array(fc.string().filter((s) => !s.includes("'") && !s.includes('\\') && s !== ''))])(
    'round-trips Python lists of quoted strings',
    (items) => {
      const text = `[${items.map((item) => `'${item}'`).join(', ')}]`;
      expect(parsePythonList(text)).toEqual({ items, ok: true });
    },
  );

  test.prop([fc.string()])('never throws', (text) => {
    expect(() => parsePythonList(text)).not.toThrow();
  });
});
