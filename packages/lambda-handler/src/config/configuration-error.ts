/** A configuration problem, raised at cold start or on the first invocation; names the variable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  /** The environment variable (or option) at fault. */
  readonly variable: string;

  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super(`${variable}: ${message}`, options);
    this.variable = variable;
  }
}
