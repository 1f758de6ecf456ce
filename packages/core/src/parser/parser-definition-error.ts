/** Thrown by `defineParser` and `createParserRegistry` when a parser definition is malformed (a programmer error). */
export class ParserDefinitionError extends Error {
  override readonly name = 'ParserDefinitionError';
  /** The offending parser's id (or `<unknown>` when the id itself is missing). */
  readonly parserId: string;

  constructor(parserId: string, message: string, options?: ErrorOptions) {
    super(`Invalid parser definition "${parserId}": ${message}`, options);
    this.parserId = parserId;
  }
}
