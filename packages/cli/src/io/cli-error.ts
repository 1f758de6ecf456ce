import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/** An error the CLI reports as one line on stderr (no stack) and exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT_CODES.usage, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
