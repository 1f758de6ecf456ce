import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { present } from '../src/claroty-event.js';

// What `present` must give, written plainly: trimmed, and nothing for blank text or a placeholder.
const PLACEHOLDERS = new Set(['N/A', 'None', 'none', '[]', '[None]', 'null']);
function model(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return text === '' || PLACEHOLDERS.has(text) ? undefined : text;
}

describe('present', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      'N/A',
      'None',
      'none',
      '[]',
      '[None]',
      'null',
      'Nonee',
      'n',
      '[',
      ' ',
      '\t',
      '\u00a0',
      '\u2028',
    ),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  test.prop([
    fc.option(
      fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('')),
      { nil: undefined },
    ),
  ])('trims and leaves out blanks and placeholders, as trim and the placeholder list say', (value) => {
    expect(present(value)).toBe(model(value));
  });
});
