import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../io/cli-error.js';
import { createStreamColors } from '../io/colors.js';
import { EXIT_CODES } from '../io/exit-codes.js';
import { findOtbridgeWorkspace } from '../scaffold/find-otbridge-workspace.js';
import { toParserNames } from '../scaffold/parser-names.js';
import { type ScaffoldMode, ScaffoldTargetError, scaffoldParser } from '../scaffold/scaffold-parser.js';

interface NewParserOptions {
  readonly dir?: string;
  readonly standalone?: boolean;
  readonly packageName?: string;
  readonly vendorName?: string;
  readonly deviceVendor?: string;
  readonly deviceProduct: string;
  readonly allProducts?: boolean;
  readonly docsUrl?: string;
  readonly force?: boolean;
}

/** Registers `otbridge new-parser <vendor>`. */
export function registerNewParserCommand(program: Command): void {
  program
    .command('new-parser')
    .summary('scaffold a vendor parser package (defineParser, fixtures, tests, README)')
    .description(
      'Scaffold a vendor parser package: one defineParser() call, a fixtures folder with one example and ' +
        'its golden finding, a test using @otbridge/core/testing, a README mapping table and package.json ' +
        'ready to publish. Its tests pass as generated. Inside the otbridge monorepo it goes to ' +
        'packages/parser-<vendor> (workspace links); elsewhere to ./otbridge-parser-<vendor>, depending ' +
        'on the @otbridge/* packages by version.',
    )
    .argument('<vendor>', 'parser id, kebab-case (acme, acme-sentry)')
    .option(
      '--dir <path>',
      'target directory (default: packages/parser-<vendor> or ./otbridge-parser-<vendor>)',
    )
    .option('--standalone', 'a package for its own repository, even inside the otbridge monorepo')
    .option(
      '--package-name <name>',
      'npm name (default @otbridge/parser-<vendor> or otbridge-parser-<vendor>)',
    )
    .option('--vendor-name <name>', 'vendor display name (default: the id in title case)')
    .option('--device-vendor <name>', 'CEF Device Vendor the parser claims (default: the vendor name)')
    .option('--device-product <name>', 'CEF Device Product the parser claims', 'Sensor')
    .option('--all-products', 'claim every product of the Device Vendor, not only --device-product')
    .option('--docs-url <url>', "the vendor's CEF documentation (default a placeholder)")
    .option('--force', 'write into a non-empty directory')
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge new-parser acme\n' +
        '  $ otbridge new-parser acme --dir ../parser-acme --package-name @example/otbridge-parser-acme\n' +
        "  $ otbridge new-parser acme-sentry --device-vendor 'Acme Industrial' --device-product Sentry\n",
    )
    .action(async (vendor: string, options: NewParserOptions) => {
      process.exitCode = await runNewParser(vendor, options);
    });
}

async function runNewParser(vendor: string, options: NewParserOptions): Promise<number> {
  const names = toParserNames(vendor);
  if (names === undefined) {
    throw new CliError(
      `"${vendor}" is not a parser id: use kebab-case letters and digits (acme, acme-sentry).`,
      EXIT_CODES.usage,
    );
  }
  const cwd = process.cwd();
  const workspace = options.standalone === true ? undefined : findOtbridgeWorkspace(cwd);
  const mode: ScaffoldMode = workspace === undefined ? 'standalone' : 'workspace';
  const targetDir = resolve(
    cwd,
    options.dir ??
      (workspace === undefined
        ? `otbridge-parser-${vendor}`
        : join(workspace, 'packages', `parser-${vendor}`)),
  );
  const vendorName = options.vendorName ?? names.titleName;
  const packageName =
    options.packageName ??
    (mode === 'workspace' ? `@otbridge/parser-${vendor}` : `otbridge-parser-${vendor}`);
  try {
    const result = await scaffoldParser({
      names,
      mode,
      targetDir,
      packageName,
      vendorName,
      deviceVendor: options.deviceVendor ?? vendorName,
      deviceProduct: options.deviceProduct,
      claimAllProducts: options.allProducts === true,
      docsUrl: options.docsUrl ?? `https://example.com/docs/${vendor}/cef`,
      force: options.force === true,
    });
    const colors = createStreamColors(process.stdout);
    const where = relative(cwd, result.targetDir) || '.';
    const lines = [
      `${colors.green('created')} ${where} (${mode})`,
      ...result.files.map((file) => `  ${file}`),
      ...(result.changeset === undefined ? [] : [`  ${relative(cwd, result.changeset)}`]),
      '',
      'Next:',
      ...(mode === 'workspace'
        ? ['  pnpm install', `  pnpm exec vitest run --project ${packageName}`]
        : [`  cd ${where}`, '  npm install', '  npm test']),
      "  then map your vendor's fields: docs/writing-a-parser.md",
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT_CODES.success;
  } catch (error) {
    if (error instanceof ScaffoldTargetError) throw new CliError(error.message, EXIT_CODES.usage);
    throw error;
  }
}
