/**
 * Exit codes every otbridge command uses, so a script can branch on them. Never renumber one: add new
 * codes at the end.
 */
export const EXIT_CODES = {
  /** Everything was processed and nothing was rejected. */
  success: 0,
  /** Some input was rejected: a line no parser could turn into a finding, an invalid finding, a replay that still fails. */
  rejected: 1,
  /** Wrong usage: unknown option, missing argument, unreadable input file. */
  usage: 2,
  /** A service did not take everything after retries (Kinesis, Security Hub, S3, SQS); re-run later. */
  unavailable: 3,
  /** Bad configuration: otbridge.config.json, conflicting parsers, an unknown parser id. */
  configuration: 4,
  /** A bug in otbridge; report it. */
  internal: 70,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;

/** One of the values of `EXIT_CODES`. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
