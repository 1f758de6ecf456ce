import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
// Internal: the handler's own items and request bodies.
import { EncodedImportItem, encodeFinding } from '../src/import/encoded-import-item.js';
import { toBatchImportBodyBytes } from '../src/import/pack-findings.js';
import { toBatchImportBody, toSizedFinding } from '../src/index.js';
import { makeFinding } from './helpers/findings.js';

describe('encodeFinding', () => {
  // Latin-1 characters keep a string one byte per character while its UTF-8 takes two: the ASCII shortcut
  // must not take them.
  test.prop([fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme-ascii' })])(
    'is the UTF-8 of the finding’s JSON',
    (description, title) => {
      const finding = { ...makeFinding('a'), Description: description, Title: title };
      expect(encodeFinding(finding).equals(Buffer.from(JSON.stringify(finding), 'utf8'))).toBe(true);
    },
  );

  it('keeps Latin-1, astral and escaped characters and lone surrogates', () => {
    for (const Description of ['Zürich café', 'Zürich – 東京 😀', '"quoted" \\ back\nslash', '\ud800 x']) {
      const finding = { ...makeFinding('a'), Description };
      expect(encodeFinding(finding).equals(Buffer.from(JSON.stringify(finding), 'utf8'))).toBe(true);
    }
  });

  it('never overwrites bytes it returned, across slabs and for large findings', () => {
    const findings = Array.from({ length: 400 }, (_, i) =>
      makeFinding(`f${i}`, {
        padding: i % 100 === 0 ? 100_000 : 2_000 + i,
        title: i % 7 === 0 ? `Zürich – 東京 ${i}` : `finding ${i}`,
      }),
    );
    const encoded = findings.map(encodeFinding);
    findings.forEach((finding, i) => {
      expect(encoded[i]!.equals(Buffer.from(JSON.stringify(finding), 'utf8'))).toBe(true);
    });
  });
});

describe('EncodedImportItem', () => {
  it('gives its size and JSON from the bytes, and the same body as the string items', () => {
    const findings = [
      makeFinding('a'),
      { ...makeFinding('b'), Description: 'Zürich – 東京 😀' },
      makeFinding('c', { padding: 5_000 }),
    ];
    const encoded = findings.map(
      (finding) => new EncodedImportItem(finding.Id ?? '', encodeFinding(finding)),
    );
    const sized = findings.map(toSizedFinding);
    expect(encoded.map((item) => [item.id, item.bytes, item.json])).toEqual(
      sized.map((item) => [item.id, item.bytes, item.json]),
    );
    const body = Buffer.from(toBatchImportBody(sized), 'utf8');
    expect(toBatchImportBodyBytes(encoded).equals(body)).toBe(true);
    expect(toBatchImportBodyBytes([encoded[0]!, sized[1]!, encoded[2]!]).equals(body)).toBe(true);
  });
});
