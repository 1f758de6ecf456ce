import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildLambdaBundle, type LambdaBundleResult } from '../bundle/build-lambda-bundle.js';
import { loadOtbridgeConfig } from '../config/load-otbridge-config.js';
import {
  BUILTIN_PARSER_PACKAGES,
  type BuiltinParserId,
  type OtbridgeConfig,
} from '../config/otbridge-config.js';
import { resolveParserModule } from '../config/resolve-parser-module.js';
import { CliError } from '../io/cli-error.js';
import { createStreamColors } from '../io/colors.js';
import { EXIT_CODES } from '../io/exit-codes.js';
import { createProjectRegistry, toProjectParsers } from '../io/project-parsers.js';
import { findTemplatesDir } from '../scaffold/find-templates-dir.js';

interface BundleOptions {
  readonly config?: string;
  readonly outDir?: string;
  readonly zip: boolean;
  readonly analyze?: boolean;
  readonly json?: boolean;
}

/** Registers `otbridge bundle`. */
export function registerBundleCommand(program: Command): void {
  program
    .command('bundle')
    .summary('build the Lambda bundle and zip with the parsers in otbridge.config.json')
    .description(
      'Build the single-file Lambda bundle (index.mjs, handler "index.handler") and lambda.zip with exactly ' +
        'the parsers otbridge.config.json lists beside the built-in ones, and its handler options as ' +
        "environment defaults. Same build as @otbridge/lambda-handler's own bundle: esbuild, minified, " +
        'tree-shaken ESM for node20, every dependency inlined. The parser registry is checked now and again ' +
        'at cold start (a conflict names both packages). Without a config file: the built-in parsers.',
    )
    .option('-c, --config <path>', 'the config file (default: otbridge.config.json here or in a parent)')
    .option(
      '-o, --out-dir <dir>',
      'output directory (default: bundle.outDir of the config, or dist/otbridge)',
    )
    .option('--no-zip', 'write index.mjs only')
    .option('--analyze', 'list the bytes each package adds to the bundle')
    .option('--json', 'print the result as JSON (paths, sizes, parsers)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ otbridge bundle\n  $ otbridge bundle --config deploy/otbridge.config.json --out-dir cdk/lambda\n' +
        '\nDeploy: pass the output directory (or lambda.zip) to OtIdsSecurityHubPipeline in your CDK app.\n',
    )
    .action(async (options: BundleOptions) => {
      process.exitCode = await runBundle(options);
    });
}

async function runBundle(options: BundleOptions): Promise<number> {
  const cwd = process.cwd();
  const config = await loadOtbridgeConfig(
    cwd,
    options.config === undefined ? {} : { configPath: options.config },
  );
  // The same check the handler runs at cold start, so a conflict fails the build, not the deploy.
  const project = toProjectParsers(config);
  createProjectRegistry(project);
  const packageRoot = dirname(findTemplatesDir());
  const outDir = resolve(cwd, options.outDir ?? config?.bundleOutDir ?? join('dist', 'otbridge'));
  const builtinIds: readonly BuiltinParserId[] =
    config?.builtinParsers ?? (Object.keys(BUILTIN_PARSER_PACKAGES) as BuiltinParserId[]);
  const parsers = [
    ...builtinIds.map((id) => ({
      specifier: BUILTIN_PARSER_PACKAGES[id].packageName,
      fromDir: packageRoot,
      exportName: BUILTIN_PARSER_PACKAGES[id].exportName,
    })),
    ...(config?.parserPackages ?? []).flatMap((entry) =>
      entry.exports.map((item) => ({
        specifier: entry.specifier,
        fromDir: config?.directory ?? cwd,
        exportName: item.exportName,
      })),
    ),
  ];
  let result: LambdaBundleResult;
  try {
    result = await buildLambdaBundle({
      outDir,
      handlerFromDir: packageRoot,
      parsers,
      fallback: config?.fallback ?? 'generic-cef',
      environment: config?.handlerEnvironment ?? {},
      source: config === undefined ? 'the built-in parsers' : relative(outDir, config.path),
      // In the otbridge monorepo (sources present) build from TypeScript sources, as the handler does.
      withSources: existsSync(join(packageRoot, 'src', 'cli.ts')),
      zip: options.zip,
    });
  } catch (error) {
    throw new CliError(
      `bundle failed: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_CODES.configuration,
      {
        cause: error,
      },
    );
  }
  const parserIds = project.parsers.map((parser) => `${parser.id}@${parser.version}`);
  const baseline = readDefaultBundleSize(packageRoot);
  if (options.json === true) {
    process.stdout.write(
      `${JSON.stringify({ ...result, config: config?.path ?? null, parsers: parserIds, defaultBundleBytes: baseline ?? null }, null, 2)}\n`,
    );
    return EXIT_CODES.success;
  }
  process.stdout.write(`${formatReport(result, config, parserIds, baseline, options.analyze === true)}\n`);
  return EXIT_CODES.success;
}

function readDefaultBundleSize(packageRoot: string): number | undefined {
  try {
    const manifest = resolveParserModule('@otbridge/lambda-handler/package.json', packageRoot);
    const bundle = join(dirname(manifest), 'dist', 'index.mjs');
    return existsSync(bundle) ? statSync(bundle).size : undefined;
  } catch {
    return undefined;
  }
}

function formatReport(
  result: LambdaBundleResult,
  config: OtbridgeConfig | undefined,
  parserIds: readonly string[],
  baseline: number | undefined,
  analyze: boolean,
): string {
  const colors = createStreamColors(process.stdout);
  const cwd = process.cwd();
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  const delta =
    baseline === undefined
      ? ''
      : ` (default bundle ${kb(baseline)}, ${result.bytes >= baseline ? '+' : ''}${kb(result.bytes - baseline)})`;
  const lines = [
    `${colors.green('bundled')} ${relative(cwd, result.bundlePath)}: ${kb(result.bytes)}, gzip ${kb(result.gzipBytes)}${delta}`,
    ...(result.zipPath === undefined || result.zipBytes === undefined
      ? []
      : [`${colors.green('zipped')}  ${relative(cwd, result.zipPath)}: ${kb(result.zipBytes)}`]),
    `config:  ${config === undefined ? '(none: built-in parsers)' : relative(cwd, config.path)}`,
    `parsers: ${parserIds.join(', ')}; fallback ${config?.fallback === false ? 'none (unclaimed records rejected)' : 'generic-cef'}`,
    'handler: index.handler (nodejs22.x or nodejs20.x)',
  ];
  if (analyze) {
    lines.push('', 'bytes by package:');
    for (const entry of result.packages.slice(0, 25))
      lines.push(`  ${kb(entry.bytes).padStart(10)}  ${entry.name}`);
  }
  return lines.join('\n');
}
