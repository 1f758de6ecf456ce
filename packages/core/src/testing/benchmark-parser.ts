import { readdirSync, readFileSync } from 'node:fs';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { createParserRegistry, type RegisteredParser } from '../parser/create-parser-registry.js';
import { type NormalizeLineOptions, normalizeLine } from '../parser/normalize-line.js';
import type { NormalizeContext } from '../parser/vendor-parser.js';
import { TEST_CONTEXT } from './test-context.js';

/** Options for `benchmarkParser`. */
export interface BenchmarkParserOptions {
  readonly parser: RegisteredParser;
  /** Fixture folders (`file:` URLs ending in `/`) whose `*.log` lines, sorted by name, make the corpus. */
  readonly fixtureFolders: readonly URL[];
  /** Lines in the corpus, cycled from the fixtures (default 50,000). */
  readonly corpusSize?: number;
  /** Timed runs after one warm-up; the median is reported (default 5). */
  readonly runs?: number;
  /** Passed to `normalizeLine` (e.g. `strict`, `parserOptions`). Default: lenient, as the handler runs. */
  readonly normalizeOptions?: NormalizeLineOptions;
  readonly context?: NormalizeContext;
}

/** Median findings per second: wall clock, and per second of this process's CPU time. */
export interface BenchmarkParserResult {
  readonly wallFindingsPerSecond: number;
  /** What one core does even when other work shares the machine. */
  readonly cpuFindingsPerSecond: number;
  readonly corpusSize: number;
  readonly fixtures: number;
  readonly runs: number;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/**
 * Times line string → tokenize → route → normalize → validate over a corpus cycled from a parser's
 * fixtures (JSON serialisation excluded). Throws when a line does not become a finding: the figure would
 * otherwise measure skips or rejections.
 */
export function benchmarkParser(options: BenchmarkParserOptions): BenchmarkParserResult {
  const corpusSize = options.corpusSize ?? 50_000;
  const runs = options.runs ?? 5;
  // The product ARN resolved once, as the handler does per invocation (not derived again for every line).
  const context = options.context ?? { ...TEST_CONTEXT, productArn: defaultProductArn(TEST_CONTEXT) };
  const normalizeOptions: NormalizeLineOptions = options.normalizeOptions ?? { strict: false };
  const lines = options.fixtureFolders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.log'))
      .sort()
      .map((file) => readFileSync(new URL(file, folder), 'utf8').replace(/\r?\n$/, '')),
  );
  if (lines.length === 0) throw new Error('benchmarkParser: no *.log fixtures in the given folders');
  const corpus = Array.from({ length: corpusSize }, (_, index) => lines[index % lines.length] as string);
  const registry = createParserRegistry([options.parser], { fallback: false });

  const run = () => {
    let findings = 0;
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    for (const line of corpus) {
      if (normalizeLine(line, registry, context, normalizeOptions).outcome === 'finding') findings += 1;
    }
    const cpu = process.cpuUsage(cpuStarted);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (findings !== corpus.length)
      throw new Error(`benchmarkParser: only ${findings} of ${corpus.length} lines became findings`);
    return { wall: findings / seconds, cpu: findings / ((cpu.user + cpu.system) / 1e6) };
  };

  run(); // warm-up (JIT, lazy module state)
  const rates = Array.from({ length: runs }, run);
  return {
    wallFindingsPerSecond: median(rates.map((rate) => rate.wall)),
    cpuFindingsPerSecond: median(rates.map((rate) => rate.cpu)),
    corpusSize,
    fixtures: lines.length,
    runs,
  };
}

/** One line for a benchmark's output: `<label>: N findings/s wall clock, M findings/s per CPU second (...)`. */
export function formatBenchmarkResult(label: string, result: BenchmarkParserResult): string {
  const format = (value: number): string => Math.round(value).toLocaleString('en-US');
  return (
    `${label}: ${format(result.wallFindingsPerSecond)} findings/s wall clock, ` +
    `${format(result.cpuFindingsPerSecond)} findings/s per CPU second ` +
    `(median of ${result.runs} runs of ${format(result.corpusSize)} lines cycled from ${result.fixtures} ` +
    'fixtures; tokenize + normalize + validate, JSON excluded)'
  );
}
