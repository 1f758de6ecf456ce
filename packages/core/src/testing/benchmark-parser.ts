import { readdirSync, readFileSync } from 'node:fs';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { tokenizeCef } from '../cef/tokenize-cef.js';
import { createParserRegistry, type RegisteredParser } from '../parser/create-parser-registry.js';
import { type NormalizeLineOptions, normalizeLine } from '../parser/normalize-line.js';
import { toParserContext } from '../parser/normalize-record.js';
import { mergeParserOptions } from '../parser/parser-options-cache.js';
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
  /**
   * The slowest and fastest of the timed runs, per CPU second: how far apart runs of one process fall
   * (a shared host varies by a quarter between minutes; one median alone hides that).
   */
  readonly cpuFindingsPerSecondRange: { readonly min: number; readonly max: number };
  readonly corpusSize: number;
  readonly fixtures: number;
  readonly runs: number;
  /**
   * Where a line's CPU time goes, in µs (medians, measured after the headline runs so they do not change
   * it): `tokenize` (tokenizeCef alone; lazy extension values are paid by the parser), `parser` (routing
   * and the parser's normalize, no validation) and `validation` (the ASFF schema, the 240 KB bound and the
   * account/product checks normalizeRecord adds).
   */
  readonly stageMicros: { readonly tokenize: number; readonly parser: number; readonly validation: number };
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

  // Stage loops: each repeats the previous one's work and adds a step, so differences give the step's cost.
  const strict = normalizeOptions.strict === undefined ? {} : { strict: normalizeOptions.strict };
  const parserOptions = mergeParserOptions(
    options.parser.defaultOptions,
    normalizeOptions.parserOptions?.[options.parser.id],
  );
  const parserContext = toParserContext(
    context,
    context.productArn ?? defaultProductArn(context),
    parserOptions,
  );
  const cpuMicrosPerLine = (step: (line: string) => unknown): number => {
    const timings = Array.from({ length: Math.max(3, runs) }, () => {
      const cpuStarted = process.cpuUsage();
      for (const line of corpus) step(line);
      const cpu = process.cpuUsage(cpuStarted);
      return (cpu.user + cpu.system) / corpus.length;
    });
    return median(timings);
  };
  const tokenize = cpuMicrosPerLine((line) => tokenizeCef(line, strict));
  const parse = cpuMicrosPerLine((line) => {
    const tokenized = tokenizeCef(line, strict);
    if (!tokenized.ok) return undefined;
    return registry.route(tokenized.record).parser?.normalize(tokenized.record, parserContext);
  });
  const full = cpuMicrosPerLine((line) => normalizeLine(line, registry, context, normalizeOptions));
  return {
    wallFindingsPerSecond: median(rates.map((rate) => rate.wall)),
    cpuFindingsPerSecond: median(rates.map((rate) => rate.cpu)),
    cpuFindingsPerSecondRange: {
      min: Math.min(...rates.map((rate) => rate.cpu)),
      max: Math.max(...rates.map((rate) => rate.cpu)),
    },
    corpusSize,
    fixtures: lines.length,
    runs,
    stageMicros: { tokenize, parser: Math.max(0, parse - tokenize), validation: Math.max(0, full - parse) },
  };
}

/**
 * A benchmark's output: `<label>: N findings/s wall clock, M findings/s per CPU second (...)`, then the
 * spread of the runs and the CPU time per line by stage.
 */
export function formatBenchmarkResult(label: string, result: BenchmarkParserResult): string {
  const format = (value: number): string => Math.round(value).toLocaleString('en-US');
  const micros = (value: number): string => `${value.toFixed(2)} µs`;
  return (
    `${label}: ${format(result.wallFindingsPerSecond)} findings/s wall clock, ` +
    `${format(result.cpuFindingsPerSecond)} findings/s per CPU second ` +
    `(median of ${result.runs} runs of ${format(result.corpusSize)} lines cycled from ${result.fixtures} ` +
    'fixtures; tokenize + normalize + validate, JSON excluded)\n' +
    `  runs per CPU second: ${format(result.cpuFindingsPerSecondRange.min)} to ` +
    `${format(result.cpuFindingsPerSecondRange.max)}\n` +
    `  CPU per line: tokenize ${micros(result.stageMicros.tokenize)}, route + parser ` +
    `${micros(result.stageMicros.parser)}, validation ${micros(result.stageMicros.validation)}`
  );
}
