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
    expect(formatBenchmarkResult('acme', result)).toMatch(/^acme: [\d,]+ findings\/s wall clock/);
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
