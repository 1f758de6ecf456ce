import { type FindingValidationError, validateFinding } from '@otbridge/core';
import { type Command, Option } from 'commander';
import { type Colors, createStreamColors } from '../io/colors.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { readSourceText, STDIN_NAME, toInputSources } from '../io/read-lines.js';
import { toNdjsonLine, writeOutput } from '../io/write-output.js';

/** Most findings one `BatchImportFindings` request may carry. */
const MAX_FINDINGS_PER_REQUEST = 100;

interface ValidateOptions {
  readonly format: 'text' | 'ndjson';
  readonly serviceRulesOnly?: boolean;
}

/** One problem with its place: source, NDJSON line, JSON pointer. */
interface Problem extends Omit<FindingValidationError, 'serviceErrorCode'> {
  readonly source: string;
  readonly line?: number;
  readonly findingId?: string;
  readonly serviceErrorCode: FindingValidationError['serviceErrorCode'] | 'InvalidJson';
}

/** A finding found in the input, with the pointer of where it sits. */
interface Located {
  readonly pointer: string;
  readonly value: unknown;
}

/** Registers `otbridge validate [files...]`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .summary('check ASFF findings from any producer against the otbridge schema')
    .description(
      'Check ASFF JSON against the schema and the rules Security Hub applies: a finding, an array of\n' +
        'findings, a BatchImportFindings request ({"Findings": [...]}) or NDJSON (one per line). Each\n' +
        'problem is printed with its JSON pointer and how to fix it. Exit code 1 when any is invalid.',
    )
    .argument('[files...]', 'JSON or NDJSON files (stdin when none or "-")')
    .addOption(
      new Option('--format <format>', 'text (for people) or ndjson (one problem per line)')
        .choices(['text', 'ndjson'])
        .default('text'),
    )
    .option(
      '--service-rules-only',
      "ignore otbridge's stricter rules that Security Hub itself does not enforce",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge validate finding.json\n  $ otbridge parse dragos.log | otbridge validate\n' +
        '  $ otbridge validate --format ndjson request.json | jq .pointer\n',
    )
    .action(async (files: string[], options: ValidateOptions) => {
      process.exitCode = await runValidate(files, options);
    });
}

async function runValidate(files: readonly string[], options: ValidateOptions): Promise<ExitCode> {
  const colors = createStreamColors(process.stdout);
  let checked = 0;
  let invalid = 0;
  let malformed = 0;
  for (const file of toInputSources(files)) {
    const source = file === '-' ? STDIN_NAME : file;
    const text = await readSourceText(file);
    for (const unit of splitUnits(text)) {
      const problems: Problem[] = [];
      const at = { source, ...(unit.line === undefined ? {} : { line: unit.line }) };
      if (unit.error !== undefined) {
        problems.push({
          ...at,
          pointer: '',
          rule: 'json',
          message: `Not JSON (${unit.error}); write one finding, an array, a BatchImportFindings request, or one finding per line.`,
          serviceErrorCode: 'InvalidJson',
        });
      } else {
        const { findings, requestProblems } = locateFindings(unit.value);
        for (const problem of requestProblems) problems.push({ ...at, ...problem });
        for (const located of findings) {
          checked++;
          const result = validateFinding(located.value);
          if (result.valid) continue;
          const errors = result.errors.filter(
            (error) => options.serviceRulesOnly !== true || error.serviceErrorCode !== null,
          );
          if (errors.length === 0) continue;
          invalid++;
          const id = (located.value as { Id?: unknown } | null)?.Id;
          for (const error of errors) {
            problems.push({
              ...at,
              ...error,
              pointer: located.pointer + error.pointer,
              ...(typeof id === 'string' ? { findingId: id } : {}),
            });
          }
        }
      }
      for (const problem of problems) {
        await writeOutput(
          process.stdout,
          options.format === 'ndjson' ? toNdjsonLine(problem) : formatProblem(problem, colors),
        );
      }
      if (problems.some((problem) => problem.rule === 'json' || problem.rule === 'request')) malformed++;
    }
  }
  const summary =
    `${checked} finding${checked === 1 ? '' : 's'} checked: ${checked - invalid} valid, ${invalid} invalid` +
    (malformed > 0
      ? `; ${malformed} input${malformed === 1 ? '' : 's'} not JSON or not a valid request`
      : '');
  process.stderr.write(`${summary}\n`);
  return invalid > 0 || malformed > 0 ? EXIT_CODES.rejected : EXIT_CODES.success;
}

/** The whole text as one JSON document, or else NDJSON lines (each with its 1-based line number). */
function* splitUnits(text: string): Generator<{ value?: unknown; line?: number; error?: string }> {
  if (text.trim() === '') return;
  try {
    yield { value: JSON.parse(text) };
    return;
  } catch (wholeError) {
    const lines = text.split('\n');
    if (lines.filter((line) => line.trim() !== '').length <= 1) {
      yield { error: (wholeError as Error).message };
      return;
    }
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        yield { value: JSON.parse(line), line: index + 1 };
      } catch (error) {
        yield { line: index + 1, error: (error as Error).message };
      }
    }
  }
}

/** Findings inside one JSON value: a request, an array or a single finding. */
function locateFindings(value: unknown): {
  findings: Located[];
  requestProblems: Omit<Problem, 'source' | 'line'>[];
} {
  const requestProblems: Omit<Problem, 'source' | 'line'>[] = [];
  if (Array.isArray(value)) {
    return { findings: value.map((item, index) => ({ pointer: `/${index}`, value: item })), requestProblems };
  }
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'Findings')) {
    const findings = (value as { Findings: unknown }).Findings;
    if (!Array.isArray(findings)) {
      requestProblems.push({
        pointer: '/Findings',
        rule: 'request',
        message: 'Findings must be an array of findings.',
        serviceErrorCode: 'InvalidInputException',
      });
      return { findings: [], requestProblems };
    }
    if (findings.length < 1 || findings.length > MAX_FINDINGS_PER_REQUEST) {
      requestProblems.push({
        pointer: '/Findings',
        rule: 'request',
        limit: MAX_FINDINGS_PER_REQUEST,
        message: `A BatchImportFindings request carries 1 to ${MAX_FINDINGS_PER_REQUEST} findings; this one has ${findings.length}. Split it into several calls.`,
        serviceErrorCode: 'InvalidInputException',
      });
    }
    return {
      findings: findings.map((item, index) => ({ pointer: `/Findings/${index}`, value: item })),
      requestProblems,
    };
  }
  return { findings: [{ pointer: '', value }], requestProblems };
}

function formatProblem(problem: Problem, colors: Colors): string {
  const where = `${problem.source}${problem.line === undefined ? '' : `:${problem.line}`}`;
  const limit = problem.limit === undefined ? '' : `, limit ${problem.limit}`;
  const scope =
    problem.serviceErrorCode === null ? colors.yellow(' (otbridge rule; Security Hub would accept it)') : '';
  return `${colors.bold(where)} ${colors.cyan(problem.pointer === '' ? '/' : problem.pointer)}: ${problem.message} ${colors.dim(`[${problem.rule}${limit}]`)}${scope}\n`;
}
