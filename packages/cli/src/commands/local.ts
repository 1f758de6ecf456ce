import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadOtbridgeConfig } from '../config/load-otbridge-config.js';
import { CliError } from '../io/cli-error.js';
import { EXIT_CODES } from '../io/exit-codes.js';

/** Registers `otbridge local`: the local pipeline (`npm start`) from `@otbridge/local-pipeline`. */
export function registerLocalCommand(program: Command): void {
  program
    .command('local')
    .summary('run the whole pipeline on this machine (syslog → Kinesis → handler → Security Hub)')
    .description(
      'Run the local pipeline the README’s `npm start` runs: a syslog listener, an embedded Kinesis, the\n' +
        'bundled handler, securityhub-local and an S3 quarantine. With an otbridge.config.json, the bundle\n' +
        '`otbridge bundle` built from it runs, so what you test is what you deploy. Options are those of\n' +
        '@otbridge/local-pipeline (`otbridge local --help` prints them).',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[options...]', 'passed to the local pipeline: --once, --syslog-port N, --bundle PATH, ...')
    .action(async (args: string[]) => {
      const { runLocalPipelineCommand } = await import('@otbridge/local-pipeline');
      process.exitCode = await runLocalPipelineCommand(await withConfiguredBundle(args));
    });
}

async function withConfiguredBundle(args: readonly string[]): Promise<string[]> {
  if (args.includes('--bundle') || args.includes('--help') || args.includes('-h')) return [...args];
  const config = await loadOtbridgeConfig(process.cwd());
  if (config === undefined) return [...args];
  const bundle = join(config.bundleOutDir, 'index.mjs');
  if (!existsSync(bundle)) {
    throw new CliError(
      `${config.path} configures the parsers, but ${bundle} does not exist; run \`otbridge bundle\` first.`,
      EXIT_CODES.configuration,
    );
  }
  process.stderr.write(`otbridge local: using ${bundle} (built from ${config.path})\n`);
  return [...args, '--bundle', bundle];
}
