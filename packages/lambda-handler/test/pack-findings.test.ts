import { describe, expect, it } from 'vitest';
// Internal: the handler's request bodies (the barrel keeps `toBatchImportBody`, the string form).
import { toBatchImportBodyBytes } from '../src/import/pack-findings.js';
import {
  collapseDuplicateFindings,
  MAX_FINDING_BYTES,
  MAX_FINDINGS_PER_CALL,
  MAX_REQUEST_BYTES,
  packFindings,
  toBatchImportBody,
  toSizedFinding,
} from '../src/index.js';
import { makeFinding } from './helpers/findings.js';

describe('packFindings', () => {
  it('packs at most 100 findings per call, in order', () => {
    const sized = Array.from({ length: 250 }, (_, i) => toSizedFinding(makeFinding(`f${i}`)));
    const { calls, oversized } = packFindings(sized);
    expect(calls.map((call) => call.length)).toEqual([MAX_FINDINGS_PER_CALL, MAX_FINDINGS_PER_CALL, 50]);
    expect(calls.flat().map((item) => item.id)).toEqual(sized.map((item) => item.id));
    expect(oversized).toEqual([]);
  });

  it('keeps every call under 6 MB and sets aside findings over 240 KB', () => {
    const big = Array.from({ length: 60 }, (_, i) =>
      toSizedFinding(makeFinding(`b${i}`, { padding: 200 * 1024 })),
    );
    const huge = toSizedFinding(makeFinding('huge', { padding: MAX_FINDING_BYTES }));
    const { calls, oversized } = packFindings([...big, huge]);
    for (const call of calls)
      expect(call.reduce((sum, item) => sum + item.bytes + 1, 0)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(calls.flat()).toHaveLength(60);
    expect(calls.length).toBeGreaterThan(1);
    expect(oversized.map((item) => item.id)).toEqual(['huge']);
  });
});

describe('toBatchImportBodyBytes', () => {
  it('is the UTF-8 encoding of toBatchImportBody, multi-byte characters and escapes included', () => {
    const items = [
      toSizedFinding(makeFinding('a')),
      toSizedFinding({ ...makeFinding('b'), Description: 'Zürich – 東京 😀 "quoted" \\ back\nslash \ud800' }),
      toSizedFinding(makeFinding('c', { padding: 5_000 })),
    ];
    for (const call of [[], items.slice(0, 1), items, [items[1]!]]) {
      const body = toBatchImportBodyBytes(call);
      expect(body.equals(Buffer.from(toBatchImportBody(call), 'utf8'))).toBe(true);
      expect(JSON.parse(body.toString('utf8'))).toEqual(JSON.parse(toBatchImportBody(call)));
    }
  });

  it('encodes the body as a whole when an item states the wrong size', () => {
    const item = toSizedFinding({ ...makeFinding('a'), Description: 'Zürich 東京' });
    for (const bytes of [item.bytes - 1, item.bytes - 3, item.bytes + 1, item.json.length]) {
      const call = [toSizedFinding(makeFinding('x')), { ...item, bytes }, toSizedFinding(makeFinding('y'))];
      expect(toBatchImportBodyBytes(call).equals(Buffer.from(toBatchImportBody(call), 'utf8'))).toBe(true);
    }
  });
});

describe('collapseDuplicateFindings', () => {
  it('keeps the newest UpdatedAt, and the later one on a tie', () => {
    const items = [
      makeFinding('a', { updatedAt: '2026-01-01T00:00:02.000Z', title: 'newest' }),
      makeFinding('a', { updatedAt: '2026-01-01T00:00:01.000Z', title: 'older' }),
      makeFinding('b', { title: 'first' }),
      makeFinding('b', { title: 'second' }),
    ];
    const byId = collapseDuplicateFindings(items, (finding) => finding);
    expect(byId.get('a')?.newest.Title).toBe('newest');
    expect(byId.get('a')?.all).toHaveLength(2);
    expect(byId.get('b')?.newest.Title).toBe('second');
  });
});
