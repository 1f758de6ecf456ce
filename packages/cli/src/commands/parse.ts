import type { NormalizeLineResult } from '@otbridge/core';
import { type Command, Option } from 'commander';
import { createStreamColors } from '../io/colors.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { formatDiagnostic } from '../io/format-diagnostic.js';
import { formatTable } from '../io/format-table.js';
import { loadProjectParsers } from '../io/load-project-parsers.js';
import {
  addNormalizeOptions,
  type NormalizeOptionValues,
  normalizeInputBytes,
  toNormalizeSettings,
} from '../io/normalize-input.js';
import { createProjectRegistry } from '../io/project-parsers.js';
import { readLines } from '../io/read-lines.js';
import { toNdjsonLine, writeOutput } from '../io/write-output.js';

interface ParseOptions extends NormalizeOptionValues {
  readonly format: 'ndjson' | 'table' | 'json';
  readonly summary?: boolean;
  readonly allowRejects?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/** Registers `otbridge parse [files...]`. */
export function registerParseCommand(program: Command): void {
  const command = program
    .command('parse')
    .summary('turn syslog CEF lines into ASFF findings, offline')
    .description(
      'Parse syslog CEF lines (files, or stdin when none or "-") into ASFF findings with the same parsers\n' +
        'the Lambda uses. Findings go to stdout (NDJSON, one per line); diagnostics go to stderr as\n' +
        'file:line:column. Exit code 1 when any line was rejected (see --allow-rejects).',
    )
    .argument('[files...]', 'input files, one syslog line per line ("-" is stdin)');
  addNormalizeOptions(command)
    .addOption(
      new Option('--format <format>', 'ndjson (findings), json (an array of findings) or table (for people)')
        .choices(['ndjson', 'table', 'json'])
        .default('ndjson'),
    )
    .option('--summary', 'print counts by vendor, outcome and severity instead of the findings')
    .option('--allow-rejects', 'exit 0 even when lines were rejected')
    .option('-q, --quiet', 'print only the diagnostics of rejected lines')
    .option('-v, --verbose', 'also report every skipped line on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge parse dragos.log\n  $ cat *.log | otbridge parse --format table\n' +
        '  $ otbridge parse --summary --account 111122223333 --region eu-west-1 nozomi.log\n',
    )
    .action(async (files: string[], options: ParseOptions, self: Command) => {
      // A summary is for people unless a format was asked for.
      const format =
        options.summary === true && self.getOptionValueSource('format') === 'default'
          ? 'table'
          : options.format;
      process.exitCode = await runParse(files, { ...options, format });
    });
}

type SummaryKey = `${string}\u0000${string}\u0000${string}`;

async function runParse(files: readonly string[], options: ParseOptions): Promise<ExitCode> {
  const project = await loadProjectParsers(
    options.config === undefined ? {} : { configPath: options.config },
  );
  const registry = createProjectRegistry(project);
  const settings = toNormalizeSettings(options, project, registry);
  const colors = createStreamColors(process.stderr);
  const stdout = process.stdout;
  const counts = new Map<SummaryKey, number>();
  const tableRows: string[][] = [];
  let rejected = 0;
  let first = true;
  if (options.format === 'json' && options.summary !== true) await writeOutput(stdout, '[');

  for await (const input of readLines(files)) {
    const result = normalizeInputBytes(input.bytes, input.truncated, registry, settings);
    const location = { source: input.source, lineNumber: input.lineNumber };
    const vendor = result.parser?.id ?? '(none)';
    const severity = result.outcome === 'finding' ? (result.finding.Severity?.Label ?? '-') : '-';
    const key: SummaryKey = `${vendor}\u0000${result.outcome}\u0000${severity}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (result.outcome === 'rejected') rejected++;
    printDiagnostics(result, location, options, colors);
    if (options.summary === true) continue;
    if (options.format === 'table') {
      tableRows.push(toTableRow(`${input.source}:${input.lineNumber}`, result));
    } else if (result.outcome === 'finding') {
      if (options.format === 'ndjson') await writeOutput(stdout, toNdjsonLine(result.finding));
      else {
        await writeOutput(stdout, `${first ? '\n' : ',\n'}${JSON.stringify(result.finding, null, 2)}`);
        first = false;
      }
    }
  }

  if (options.summary === true) await writeOutput(stdout, formatSummary(counts, options.format));
  else if (options.format === 'json') await writeOutput(stdout, first ? ']\n' : '\n]\n');
  else if (options.format === 'table') {
    await writeOutput(
      stdout,
      formatTable(
        [
          { header: 'LINE', maxWidth: 40, keep: 'end' },
          { header: 'OUTCOME' },
          { header: 'PARSER' },
          { header: 'SEVERITY' },
          { header: 'TITLE / REASON', maxWidth: 80 },
        ],
        tableRows,
      ),
    );
  }
  return rejected > 0 && options.allowRejects !== true ? EXIT_CODES.rejected : EXIT_CODES.success;
}

function printDiagnostics(
  result: NormalizeLineResult,
  location: { source: string; lineNumber: number },
  options: ParseOptions,
  colors: ReturnType<typeof createStreamColors>,
): void {
  if (result.outcome !== 'rejected' && options.quiet === true) return;
  for (const diagnostic of result.diagnostics) {
    process.stderr.write(`${formatDiagnostic(location, diagnostic, colors)}\n`);
  }
  if (result.outcome === 'rejected' && result.diagnostics.length === 0) {
    process.stderr.write(`${location.source}:${location.lineNumber}: ${colors.red('error')} rejected\n`);
  }
  if (result.outcome === 'skipped' && options.verbose === true) {
    process.stderr.write(
      `${location.source}:${location.lineNumber}: ${colors.cyan('skipped')} by ${result.parser.id}: ${result.reason}\n`,
    );
  }
}

function toTableRow(where: string, result: NormalizeLineResult): string[] {
  const parser = result.parser?.id ?? '-';
  if (result.outcome === 'finding') {
    return [where, 'finding', parser, result.finding.Severity?.Label ?? '-', result.finding.Title ?? ''];
  }
  if (result.outcome === 'skipped') return [where, 'skipped', parser, '-', result.reason];
  const firstError = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
  return [
    where,
    'rejected',
    parser,
    '-',
    firstError === undefined ? '' : `${firstError.code}: ${firstError.message}`,
  ];
}

function formatSummary(counts: ReadonlyMap<SummaryKey, number>, format: ParseOptions['format']): string {
  const rows = [...counts]
    .map(([key, count]) => {
      const [vendor = '', outcome = '', severity = ''] = key.split('\u0000');
      return { vendor, outcome, severity, count };
    })
    .sort(
      (a, b) =>
        a.vendor.localeCompare(b.vendor) ||
        a.outcome.localeCompare(b.outcome) ||
        a.severity.localeCompare(b.severity),
    );
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const byOutcome: Record<string, number> = { finding: 0, skipped: 0, rejected: 0 };
  for (const row of rows) byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + row.count;
  if (format === 'ndjson') return rows.map(toNdjsonLine).join('');
  if (format === 'json') return `${JSON.stringify({ lines: total, ...byOutcome, rows }, null, 2)}\n`;
  const table = formatTable(
    [
      { header: 'VENDOR' },
      { header: 'OUTCOME' },
      { header: 'SEVERITY' },
      { header: 'COUNT', align: 'right' },
    ],
    rows.map((row) => [row.vendor, row.outcome, row.severity, String(row.count)]),
  );
  return `${table}\n${total} lines: ${byOutcome.finding} findings, ${byOutcome.skipped} skipped, ${byOutcome.rejected} rejected\n`;
}
