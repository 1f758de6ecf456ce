import { describe, expect, it } from 'vitest';
import { benchmarkParser, formatBenchmarkResult } from '../../src/testing/data.js';
import { acmeParser } from './example-parser.js';

const fixtures = new URL('./fixtures/acme/', import.meta.url);

describe('benchmarkParser', () => {
  it('measures a corpus cycled from the fixtures and reports positive rates', () => {
    const result = benchmarkParser({
      parser: acmeParser,
      fixtureFolders: [new URL('valid/', fixtures)],
      corpusSize: 30,
      runs: 1,
    });
    expect(result.fixtures).toBe(3);
    expect(result.corpusSize).toBe(30);
    expect(result.wallFindingsPerSecond).toBeGreaterThan(0);
    expect(result.cpuFindingsPerSecond).toBeGreaterThan(0);
    for (const stage of ['tokenize', 'parser', 'validation'] as const) {
      expect(Number.isFinite(result.stageMicros[stage])).toBe(true);
      expect(result.stageMicros[stage]).toBeGreaterThanOrEqual(0);
    }
    expect(result.stageMicros.tokenize).toBeGreaterThan(0);
    const { min, max } = result.cpuFindingsPerSecondRange;
    expect(min).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(result.cpuFindingsPerSecond);
    expect(max).toBeGreaterThanOrEqual(result.cpuFindingsPerSecond);
    const text = formatBenchmarkResult('acme', result);
    expect(text).toMatch(/^acme: [\d,]+ findings\/s wall clock/);
    expect(text).toMatch(/\n {2}runs per CPU second: [\d,]+ to [\d,]+\n/);
    expect(text).toMatch(
      /\n {2}CPU per line: tokenize \d+\.\d\d µs, route \+ parser \d+\.\d\d µs, validation \d+\.\d\d µs$/,
    );
  });

  it('refuses to report a figure when a line is not a finding', () => {
    expect(() =>
      benchmarkParser({
        parser: acmeParser,
        fixtureFolders: [new URL('skip/', fixtures)],
        corpusSize: 3,
        runs: 1,
      }),
    ).toThrow(/became findings/);
  });
});
