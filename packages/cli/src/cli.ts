#!/usr/bin/env node
// The otbridge bin: builds the commander program and runs it, mapping failures to EXIT_CODES.
import { CommanderError } from 'commander';
import { CliError } from './io/cli-error.js';
import { EXIT_CODES } from './io/exit-codes.js';
import { createProgram } from './program.js';

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" in commander's terms; usage problems were already printed.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT_CODES.success;
    if (error.code === 'commander.help') return EXIT_CODES.success;
    return EXIT_CODES.usage;
  }
  if (error instanceof CliError) {
    process.stderr.write(`otbridge: ${error.message}\n`);
    return error.exitCode;
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EPIPE') return process.exitCode === undefined ? EXIT_CODES.success : Number(process.exitCode);
  if ((error as { name?: string } | null)?.name === 'OtbridgeConfigError') {
    process.stderr.write(`otbridge: ${(error as Error).message}\n`);
    return EXIT_CODES.configuration;
  }
  process.stderr.write(
    `otbridge: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT_CODES.internal;
}

// A reader that closes the pipe early (`otbridge parse | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
});

const program = createProgram().exitOverride();
for (const command of program.commands) command.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
