import { Command } from 'commander';
import { registerBundleCommand } from './commands/bundle.js';
import { registerImportCommand } from './commands/import.js';
import { registerLocalCommand } from './commands/local.js';
import { registerNewParserCommand } from './commands/new-parser.js';
import { registerParseCommand } from './commands/parse.js';
import { registerQuarantineCommand } from './commands/quarantine.js';
import { registerRedriveCommand } from './commands/redrive.js';
import { registerSendCommand } from './commands/send.js';
import { registerValidateCommand } from './commands/validate.js';

/** The package version, for `otbridge --version`. */
export const CLI_VERSION = '0.1.0';

/**
 * Builds the `otbridge` program with every command registered. Commands set `process.exitCode`
 * (see `EXIT_CODES`); `cli.ts` runs the program.
 */
export function createProgram(): Command {
  const program = new Command('otbridge')
    .description(
      'otbridge: OT/ICS intrusion-detection syslog (Dragos, Claroty, Nozomi) to AWS Security Hub.\n' +
        'Test mappings offline, backfill findings, and operate the pipeline.',
    )
    .version(CLI_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });

  // --- engineer A's commands ---
  registerParseCommand(program);
  registerValidateCommand(program);
  registerSendCommand(program);
  registerImportCommand(program);
  registerQuarantineCommand(program);
  registerRedriveCommand(program);
  registerLocalCommand(program);
  // --- end of engineer A's commands ---

  // --- engineer B's commands ---
  registerNewParserCommand(program);
  registerBundleCommand(program);
  // --- end of engineer B's commands ---
  return program;
}
