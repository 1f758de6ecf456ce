/** One side of a registry conflict. */
export interface ParserConflictParty {
  readonly id: string;
  readonly packageName: string;
}

/**
 * Thrown by `createParserRegistry` at cold start when two parsers share an id or claim the same
 * vendor/product. The message names both packages so the operator knows which import to remove.
 */
export class ParserConflictError extends Error {
  override readonly name = 'ParserConflictError';
  readonly kind: 'duplicate-id' | 'duplicate-claim';
  readonly first: ParserConflictParty;
  readonly second: ParserConflictParty;
  /** The contested claim, as the second parser spelled it (for `duplicate-claim`). */
  readonly claim?: { readonly deviceVendor: string; readonly deviceProduct?: string };

  constructor(
    kind: 'duplicate-id' | 'duplicate-claim',
    first: ParserConflictParty,
    second: ParserConflictParty,
    claim?: { readonly deviceVendor: string; readonly deviceProduct?: string },
  ) {
    const who = `"${first.id}" from ${first.packageName} and "${second.id}" from ${second.packageName}`;
    const what =
      kind === 'duplicate-id'
        ? `both use the parser id "${second.id}"`
        : `both claim deviceVendor "${claim?.deviceVendor ?? ''}"${
            claim?.deviceProduct === undefined
              ? ' (every product)'
              : ` with deviceProduct "${claim.deviceProduct}"`
          }`;
    super(`Parser conflict: ${who} ${what}. Register only one of them, or narrow one parser's claims.`);
    this.kind = kind;
    this.first = first;
    this.second = second;
    if (claim !== undefined) this.claim = claim;
  }
}
