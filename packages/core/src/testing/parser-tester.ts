import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PRODUCT_FIELD_PARSER_ID, PRODUCT_FIELD_PARSER_VERSION } from '../asff/ot-conventions.js';
import { decodeLine } from '../cef/decode-line.js';
import { tokenizeCef } from '../cef/tokenize-cef.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { normalizeRecord } from '../parser/normalize-record.js';
import {
  CORE_DIAGNOSTIC_SCOPES,
  DIAGNOSTIC_CODE_PATTERN,
  PARSER_DIAGNOSTIC_CODES,
} from '../parser/parser-diagnostic-codes.js';
import type { NormalizeContext, NormalizeLineResult, VendorParser } from '../parser/vendor-parser.js';
import { deepFreeze } from './deep-freeze.js';
import { TEST_CONTEXT } from './test-context.js';

/** Options for `ParserTester`. */
export interface ParserTesterOptions<Options extends object> {
  /** The fixtures folder (`valid/`, `invalid/`, `skip/`, `regressions/`, `README.md`); a path or a `file:` URL. */
  readonly fixturesDir: string | URL;
  /** Defaults to `TEST_CONTEXT`. */
  readonly context?: NormalizeContext;
  /** Merged over the parser's `defaultOptions`. */
  readonly parserOptions?: Partial<Options>;
  /** Passed to `tokenizeCef` (its default when omitted). */
  readonly strict?: boolean;
  /** Require `README.md` to mention every fixture file name, for provenance (default true). */
  readonly requireProvenance?: boolean;
}

type Expectation = 'finding' | 'skipped' | 'rejected';

interface FixtureCase {
  readonly folder: string;
  readonly name: string;
  readonly logPath: string;
  /** Fixed by the folder; for `regressions/`, by whichever sidecar exists. */
  readonly expected: Expectation | undefined;
}

const CASE_FOLDERS: Readonly<Record<string, Expectation | undefined>> = {
  valid: 'finding',
  invalid: 'rejected',
  skip: 'skipped',
  regressions: undefined,
};
const SIDECARS = ['.asff.json', '.codes.json', '.reason.txt'] as const;

/**
 * Runs a parser over a fixtures folder as vitest tests, as ESLint's RuleTester does for rules:
 * goldens for `valid/`, expected codes for `invalid/`, skips for `skip/`, with frozen input, two runs
 * per case, schema checks, and orphan detection. `UPDATE_FIXTURES=1` writes missing or changed goldens.
 */
export class ParserTester<Options extends object> {
  readonly #parser: VendorParser<Options>;
  readonly #options: ParserTesterOptions<Options>;
  readonly #dir: string;

  constructor(parser: VendorParser<Options>, options: ParserTesterOptions<Options>) {
    this.#parser = parser;
    this.#options = options;
    this.#dir =
      typeof options.fixturesDir === 'string' ? options.fixturesDir : fileURLToPath(options.fixturesDir);
  }

  /** Registers a `describe` block with one test per fixture plus a fixture-inventory test. */
  run(): void {
    const parser = this.#parser;
    const dir = this.#dir;
    const update = process.env.UPDATE_FIXTURES === '1';
    const { cases, problems } = scanFixtures(dir, this.#options.requireProvenance ?? true);
    describe(`${parser.id} fixtures (${relative(process.cwd(), dir) || '.'})`, () => {
      test('fixtures folder: no orphaned, unknown or undocumented files', () => {
        expect(problems, `Fixture folder problems in ${dir}:\n  ${problems.join('\n  ')}`).toEqual([]);
        expect(
          cases.length,
          `No fixtures found under ${dir}/{valid,invalid,skip,regressions}/*.log`,
        ).toBeGreaterThan(0);
      });
      for (const fixture of cases) {
        test(`${fixture.folder}/${fixture.name}.log`, () => this.#runCase(fixture, update));
      }
    });
  }

  #runCase(fixture: FixtureCase, update: boolean): void {
    const bytes = readLine(fixture.logPath);
    const first = this.#normalizeBytes(bytes);
    const second = this.#normalizeBytes(bytes);
    expect(second, 'Determinism: a second run on the same line gave a different result').toEqual(first);
    this.#checkDiagnostics(first.diagnostics);

    const base = fixture.logPath.slice(0, -'.log'.length);
    const expected =
      fixture.expected ?? expectationFromSidecars(base) ?? (update ? first.outcome : undefined);
    if (expected === undefined) {
      throw new Error(
        `${fixture.logPath}: a regression needs one of ${SIDECARS.join(', ')} beside it; run with UPDATE_FIXTURES=1 to create it.`,
      );
    }
    const summary = describeResult(first);
    expect(first.outcome, `${fixture.logPath}: expected outcome "${expected}", got ${summary}`).toBe(
      expected,
    );

    if (first.outcome === 'finding') {
      const finding = first.finding;
      expect(finding.ProductFields?.[PRODUCT_FIELD_PARSER_ID], 'finding must carry the parser id stamp').toBe(
        this.#parser.id,
      );
      expect(
        finding.ProductFields?.[PRODUCT_FIELD_PARSER_VERSION],
        'finding must carry the parser version stamp',
      ).toBe(this.#parser.version);
      compareGolden(`${base}.asff.json`, finding, update, true);
      if (existsSync(`${base}.codes.json`))
        compareCodes(`${base}.codes.json`, first.diagnostics, update, false);
    } else if (first.outcome === 'rejected') {
      compareCodes(`${base}.codes.json`, first.diagnostics, update, true);
    } else {
      const reasonPath = `${base}.reason.txt`;
      if (existsSync(reasonPath) && !update) {
        const expectedReason = readFileSync(reasonPath, 'utf8').replace(/\r?\n$/, '');
        expect(first.reason, `${reasonPath}: skip reason differs`).toBe(expectedReason);
      } else if (update) {
        writeFileSync(reasonPath, `${first.reason}\n`);
      }
      if (existsSync(`${base}.codes.json`))
        compareCodes(`${base}.codes.json`, first.diagnostics, update, false);
    }
  }

  #normalizeBytes(bytes: Uint8Array): NormalizeLineResult {
    const parser = this.#parser;
    const decoded = decodeLine(bytes);
    const tokenized = tokenizeCef(
      decoded,
      this.#options.strict === undefined ? {} : { strict: this.#options.strict },
    );
    if (!tokenized.ok) return { outcome: 'rejected', diagnostics: tokenized.diagnostics };
    const record = deepFreeze(tokenized.record);
    const context = deepFreeze({ ...(this.#options.context ?? TEST_CONTEXT) });
    if (!parser.matches(record)) {
      return {
        outcome: 'rejected',
        diagnostics: [
          ...tokenized.diagnostics,
          createDiagnostic(
            PARSER_DIAGNOSTIC_CODES.noMatch,
            'warning',
            `Parser "${parser.id}" does not match this record; in production it would go to the fallback parser.`,
          ),
        ],
      };
    }
    const parserOptions =
      this.#options.parserOptions === undefined
        ? {}
        : { parserOptions: { [parser.id]: this.#options.parserOptions } };
    return normalizeRecord(record, parser as VendorParser<object>, context, {
      diagnostics: tokenized.diagnostics,
      ...parserOptions,
    });
  }

  #checkDiagnostics(diagnostics: readonly Diagnostic[]): void {
    const declared = new Set(this.#parser.diagnosticCodes);
    for (const diagnostic of diagnostics) {
      expect(
        diagnostic.code,
        `diagnostic code ${JSON.stringify(diagnostic.code)} is not <scope>/<kebab-problem>`,
      ).toMatch(DIAGNOSTIC_CODE_PATTERN);
      const scope = diagnostic.code.split('/')[0] ?? '';
      if (!CORE_DIAGNOSTIC_SCOPES.includes(scope)) {
        expect(
          declared.has(diagnostic.code),
          `diagnostic code "${diagnostic.code}" is missing from the parser's diagnosticCodes`,
        ).toBe(true);
      }
    }
  }
}

function readLine(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end -= 1;
  if (end > 0 && bytes[end - 1] === 0x0d && end < bytes.length) end -= 1;
  const line = bytes.subarray(0, end);
  if (line.includes(0x0a))
    throw new Error(`${path}: a fixture holds exactly one line (found a line feed inside it).`);
  return line;
}

function expectationFromSidecars(base: string): Expectation | undefined {
  if (existsSync(`${base}.asff.json`)) return 'finding';
  if (existsSync(`${base}.reason.txt`)) return 'skipped';
  if (existsSync(`${base}.codes.json`)) return 'rejected';
  return undefined;
}

/** Goldens are pretty-printed JSON (2 spaces) with a trailing newline. */
function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function compareGolden(path: string, finding: unknown, update: boolean, required: boolean): void {
  const actual = canonicalJson(finding);
  if (!existsSync(path)) {
    if (update) {
      writeFileSync(path, actual);
      return;
    }
    if (required)
      throw new Error(
        `${path} is missing: run the tests with UPDATE_FIXTURES=1 to create the golden, then review it.`,
      );
    return;
  }
  const text = readFileSync(path, 'utf8');
  if (update) {
    if (text !== actual) writeFileSync(path, actual);
    return;
  }
  let golden: unknown;
  try {
    golden = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON (${String(error)}); fix it or rewrite it with UPDATE_FIXTURES=1.`);
  }
  expect(
    JSON.parse(actual),
    `${path}: the finding differs from the golden (UPDATE_FIXTURES=1 rewrites it)`,
  ).toEqual(golden);
  expect(
    text,
    `${path}: golden is not canonical (2-space JSON, trailing newline); UPDATE_FIXTURES=1 rewrites it`,
  ).toBe(actual);
}

function compareCodes(
  path: string,
  diagnostics: readonly Diagnostic[],
  update: boolean,
  required: boolean,
): void {
  const actual = [...new Set(diagnostics.map((diagnostic) => diagnostic.code))].sort();
  if (update) {
    const next = canonicalJson(actual);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== next) writeFileSync(path, next);
    return;
  }
  if (!existsSync(path)) {
    if (required) {
      throw new Error(
        `${path} is missing: it lists the expected diagnostic codes as a JSON array (UPDATE_FIXTURES=1 creates it).`,
      );
    }
    return;
  }
  let expected: unknown;
  try {
    expected = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not JSON (${String(error)}); it must be an array of diagnostic codes.`);
  }
  if (!Array.isArray(expected) || !expected.every((code) => typeof code === 'string')) {
    throw new Error(`${path} must be a JSON array of diagnostic code strings.`);
  }
  const messages = diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`).join('\n  ');
  expect(actual, `${path}: diagnostic codes differ; the line produced:\n  ${messages}`).toEqual(
    [...new Set(expected)].sort(),
  );
}

function describeResult(result: NormalizeLineResult): string {
  const codes = result.diagnostics.map(
    (diagnostic) => `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`,
  );
  const head = result.outcome === 'skipped' ? `"skipped" (${result.reason})` : `"${result.outcome}"`;
  return codes.length === 0 ? head : `${head} with\n  ${codes.join('\n  ')}`;
}

function scanFixtures(dir: string, requireProvenance: boolean): { cases: FixtureCase[]; problems: string[] } {
  const cases: FixtureCase[] = [];
  const problems: string[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return { cases, problems: [`${dir} is not a directory`] };
  const mentioned: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (entry === 'README.md') continue;
    if (!(entry in CASE_FOLDERS) || !statSync(path).isDirectory()) {
      problems.push(`${entry}: unknown entry (expected valid/, invalid/, skip/, regressions/ and README.md)`);
      continue;
    }
    const files = readdirSync(path).sort();
    const logs = new Set(files.filter((file) => file.endsWith('.log')).map((file) => file.slice(0, -4)));
    for (const file of files) {
      if (file.endsWith('.log')) continue;
      const sidecar = SIDECARS.find((suffix) => file.endsWith(suffix));
      if (sidecar === undefined) {
        problems.push(
          `${entry}/${file}: unknown file (fixtures are *.log with ${SIDECARS.join(', ')} beside them)`,
        );
      } else if (!logs.has(file.slice(0, -sidecar.length))) {
        problems.push(
          `${entry}/${file}: orphaned, no ${file.slice(0, -sidecar.length)}.log beside it; delete it or add the line`,
        );
      }
    }
    for (const name of logs) {
      cases.push({ folder: entry, name, logPath: join(path, `${name}.log`), expected: CASE_FOLDERS[entry] });
      mentioned.push(`${name}.log`);
    }
  }
  if (requireProvenance && cases.length > 0) {
    const readme = join(dir, 'README.md');
    if (!existsSync(readme)) {
      problems.push(
        'README.md is missing: record where each line comes from (house style: fixtures provenance)',
      );
    } else {
      const text = readFileSync(readme, 'utf8');
      for (const file of mentioned) {
        if (!text.includes(file)) problems.push(`README.md does not mention ${file}: record its provenance`);
      }
    }
  }
  return { cases, problems };
}
