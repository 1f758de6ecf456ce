// The only public barrel of @otbridge/cli: the program, for embedding and tests; the bin is src/cli.ts.
export { CliError } from './io/cli-error.js';
export { EXIT_CODES, type ExitCode } from './io/exit-codes.js';
export { CLI_VERSION, createProgram } from './program.js';
