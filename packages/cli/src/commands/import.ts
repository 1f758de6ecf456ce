import type { AwsSecurityFinding } from '@otbridge/core';
import type { Command } from 'commander';
import { createStreamColors } from '../io/colors.js';
import { EXIT_CODES, type ExitCode } from '../io/exit-codes.js';
import { formatDiagnostic } from '../io/format-diagnostic.js';
import { loadProjectParsers } from '../io/load-project-parsers.js';
import {
  addNormalizeOptions,
  type NormalizeOptionValues,
  normalizeInputBytes,
  toNormalizeSettings,
} from '../io/normalize-input.js';
import { createProgress } from '../io/progress.js';
import { createProjectRegistry } from '../io/project-parsers.js';
import { readLines } from '../io/read-lines.js';
import { writeOutput } from '../io/write-output.js';

/** Findings gathered before one importer run (10 calls of 100): bounds memory on large backfills. */
const IMPORT_CHUNK_FINDINGS = 1_000;

interface ImportOptions extends NormalizeOptionValues {
  readonly endpoint?: string;
  readonly dryRun?: boolean;
  readonly rate: string;
  readonly burst?: string;
  readonly concurrency: string;
  readonly maxAttempts: string;
  readonly allowRejects?: boolean;
  readonly quiet?: boolean;
}

interface PendingFinding {
  readonly finding: AwsSecurityFinding;
  readonly where: string;
}

/** Registers `otbridge import [files...]`. */
export function registerImportCommand(program: Command): void {
  const command = program
    .command('import')
    .summary('parse lines and import the findings into Security Hub (backfill)')
    .description(
      'Parse syslog CEF lines and import the findings straight into Security Hub with the handler’s\n' +
        'importer: packed into calls of 100 findings / 6 MB, within the BatchImportFindings quota (10 calls/s),\n' +
        'throttled and failed findings retried with back-off. Exit 1 when lines or findings were rejected,\n' +
        '3 when some findings could not be delivered.',
    )
    .argument('[files...]', 'syslog files, one message per line ("-" is stdin)');
  addNormalizeOptions(command)
    .option('--endpoint <url>', 'Security Hub endpoint (securityhub-local)')
    .option('--dry-run', 'print the BatchImportFindings requests (NDJSON, one per call) instead of sending')
    .option('--rate <calls>', 'BatchImportFindings calls per second', '10')
    .option('--burst <calls>', 'calls allowed at once after idling (default: the rate)')
    .option('--concurrency <n>', 'calls in flight', '2')
    .option('--max-attempts <n>', 'attempts per call, as the handler', '6')
    .option('--allow-rejects', 'exit 0 even when lines or findings were rejected')
    .option('-q, --quiet', 'print only errors')
    .addHelpText(
      'after',
      "\nExamples:\n  $ otbridge import --dry-run dragos.log | jq '.Findings | length'\n" +
        '  $ otbridge import --account 111122223333 --region eu-west-1 archive/*.log\n' +
        '  $ otbridge import --endpoint http://127.0.0.1:4599 dragos.log\n',
    )
    .action(async (files: string[], options: ImportOptions) => {
      process.exitCode = await runImport(files, options);
    });
}

async function runImport(files: readonly string[], options: ImportOptions): Promise<ExitCode> {
  const handler = await import('@otbridge/lambda-handler');
  const aws = await import('../io/aws-clients.js');
  const project = await loadProjectParsers(
    options.config === undefined ? {} : { configPath: options.config },
  );
  const registry = createProjectRegistry(project);
  const settings = toNormalizeSettings(options, project, registry);
  const target = aws.toAwsTarget({
    region: settings.context.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const rate = aws.toNumberOption('--rate', options.rate, 0, 100_000, false);
  const burst =
    options.burst === undefined
      ? Math.max(1, Math.ceil(rate))
      : aws.toNumberOption('--burst', options.burst, 1, 100_000);
  const concurrency = aws.toNumberOption('--concurrency', options.concurrency, 1, 64);
  const maxAttempts = aws.toNumberOption('--max-attempts', options.maxAttempts, 1, 100);
  const colors = createStreamColors(process.stderr);
  const counts = {
    lines: 0,
    findings: 0,
    rejectedLines: 0,
    skipped: 0,
    imported: 0,
    permanent: 0,
    retryable: 0,
    calls: 0,
    retried: 0,
    throttled: 0,
  };

  let importer: import('@otbridge/lambda-handler').FindingsImporter | undefined;
  let client: { destroy(): void } | undefined;
  if (options.dryRun !== true) {
    aws.useLocalCredentialsFor(target);
    const securityHub = handler.createSecurityHubClient({
      region: target.region,
      requestTimeoutMs: 10_000,
      ...(target.endpoint === undefined ? {} : { securityHubEndpoint: target.endpoint }),
    });
    client = securityHub;
    importer = handler.createFindingsImporter({
      client: securityHub,
      rateLimiter: handler.createRateLimiter({ ratePerSecond: rate, burst }),
      maxAttempts,
      backoffBaseMs: 100,
      backoffMaxMs: 5_000,
      concurrency,
      requestTimeoutMs: 10_000,
    });
  }
  const progress = createProgress('import', { unit: 'findings' });
  let pending: PendingFinding[] = [];

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    // The importer needs unique Ids: lines carrying the same alert share one finding, the newest wins.
    const byId = handler.collapseDuplicateFindings(batch, (item) => item.finding);
    const findings = [...byId.values()].map((entry) => entry.newest.finding);
    if (importer === undefined) {
      const { calls, oversized } = handler.packFindings(findings.map(handler.toSizedFinding));
      // Each line is the request body the import would send.
      for (const call of calls) await writeOutput(process.stdout, `${handler.toBatchImportBody(call)}\n`);
      counts.calls += calls.length;
      for (const item of oversized) {
        counts.permanent++;
        reportFailure(
          byId.get(item.id)?.all ?? [],
          item.id,
          'FindingTooLarge',
          `${item.bytes} bytes; Security Hub accepts at most 240 KB.`,
        );
      }
      return;
    }
    const result = await importer.importFindings(findings, { deadline: Number.MAX_SAFE_INTEGER });
    counts.imported += result.accepted.length;
    counts.calls += result.calls;
    counts.retried += result.retriedFindings;
    counts.throttled += result.throttledCalls;
    progress.increment(findings.length);
    for (const failure of result.permanent) {
      counts.permanent++;
      reportFailure(byId.get(failure.id)?.all ?? [], failure.id, failure.errorCode, failure.errorMessage);
    }
    for (const failure of result.retryable) {
      counts.retryable++;
      reportFailure(
        byId.get(failure.id)?.all ?? [],
        failure.id,
        failure.errorCode,
        `${failure.errorMessage} (not delivered; run again)`,
      );
    }
  };

  const reportFailure = (
    items: readonly PendingFinding[],
    id: string,
    code: string,
    message: string,
  ): void => {
    const where = items.map((item) => item.where).join(', ') || id;
    process.stderr.write(
      `${colors.bold(where)}: ${colors.red('error')} ${code}: finding ${id}: ${message}\n`,
    );
  };

  try {
    for await (const input of readLines(files)) {
      counts.lines++;
      const result = normalizeInputBytes(input.bytes, input.truncated, registry, settings);
      const location = { source: input.source, lineNumber: input.lineNumber };
      if (result.outcome === 'rejected' || options.quiet !== true) {
        for (const diagnostic of result.diagnostics) {
          process.stderr.write(`${formatDiagnostic(location, diagnostic, colors)}\n`);
        }
      }
      if (result.outcome === 'rejected') counts.rejectedLines++;
      else if (result.outcome === 'skipped') counts.skipped++;
      else {
        counts.findings++;
        pending.push({ finding: result.finding, where: `${input.source}:${input.lineNumber}` });
        if (pending.length >= IMPORT_CHUNK_FINDINGS) await flush();
      }
    }
    await flush();
  } finally {
    progress.stop();
    client?.destroy();
  }

  const verb = options.dryRun === true ? 'would send' : 'imported';
  const delivered = options.dryRun === true ? counts.findings - counts.permanent : counts.imported;
  process.stderr.write(
    `${counts.lines} lines: ${counts.findings} findings, ${counts.skipped} skipped, ${counts.rejectedLines} rejected; ` +
      `${verb} ${delivered} findings in ${counts.calls} BatchImportFindings calls` +
      (options.dryRun === true ? '' : ` (${counts.retried} retried, ${counts.throttled} throttled)`) +
      `; ${counts.permanent} refused by Security Hub, ${counts.retryable} not delivered\n`,
  );
  if (counts.retryable > 0) return EXIT_CODES.unavailable;
  if ((counts.rejectedLines > 0 || counts.permanent > 0) && options.allowRejects !== true)
    return EXIT_CODES.rejected;
  return EXIT_CODES.success;
}
