import type { ConfigProblem } from './validate-config-schema.js';

/** A broken `otbridge.config.json` or parser package: names the file and every problem's JSON pointer. */
export class OtbridgeConfigError extends Error {
  override readonly name = 'OtbridgeConfigError';
  /** The configuration file at fault. */
  readonly path: string;
  readonly problems: readonly ConfigProblem[];

  constructor(path: string, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const lines = problems.map((problem) => `  ${problem.pointer}: ${problem.message}`);
    super(`${path} is not a valid otbridge configuration:\n${lines.join('\n')}`, options);
    this.path = path;
    this.problems = problems;
  }
}
