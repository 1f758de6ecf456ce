import type { CefRecord } from '../cef/cef-record.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createInputPairMemo } from '../text/create-input-pair-memo.js';
import { genericCefParser } from './generic-cef-parser.js';
import { ParserConflictError } from './parser-conflict-error.js';
import { ParserDefinitionError } from './parser-definition-error.js';
import { PARSER_DIAGNOSTIC_CODES } from './parser-diagnostic-codes.js';
import type { ParserClaim, VendorParser } from './vendor-parser.js';

/** Any parser, whatever its options type (parsers are registered side by side). */
export type RegisteredParser = VendorParser<object>;

/** Options for `createParserRegistry`. */
export interface ParserRegistryOptions {
  /** Where unclaimed or unmatched records go: the generic CEF parser by default; `false` rejects them. */
  readonly fallback?: RegisteredParser | false;
}

/** Where `route` sent a record, with any routing warnings. */
export type ParserRoute =
  | {
      readonly parser: RegisteredParser;
      readonly via: 'claim' | 'fallback';
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly parser: undefined; readonly via: 'none'; readonly diagnostics: readonly Diagnostic[] };

/** A checked set of parsers that routes CEF records by `deviceVendor`/`deviceProduct`. */
export interface ParserRegistry {
  readonly parsers: readonly RegisteredParser[];
  readonly fallback: RegisteredParser | undefined;
  /** The parser with this id (the fallback included), if registered. */
  get(id: string): RegisteredParser | undefined;
  /** Product claim, then vendor-wide claim, then fallback; a claimed parser whose `matches` says no is skipped with a warning. */
  route(record: CefRecord): ParserRoute;
}

const KEY_SEPARATOR = '\u0000';

/** Distinct header spellings (vendor and product) whose claimants a registry remembers. */
const MAX_CACHED_SPELLINGS = 1024;

function normalizeName(value: string): string {
  return value.trim().toLowerCase();
}

function describeClaim(claim: ParserClaim): string {
  return claim.deviceProduct === undefined
    ? `"${claim.deviceVendor}" (every product)`
    : `"${claim.deviceVendor}|${claim.deviceProduct}"`;
}

/**
 * Checks a set of parsers once (spec version, unique ids, no two claims on the same vendor/product) and
 * returns a router. Throws `ParserConflictError` naming both packages; meant to run at cold start.
 */
export function createParserRegistry(
  parsers: readonly RegisteredParser[],
  options: ParserRegistryOptions = {},
): ParserRegistry {
  const fallback =
    options.fallback === false ? undefined : (options.fallback ?? (genericCefParser as RegisteredParser));
  const byId = new Map<string, RegisteredParser>();
  const productClaims = new Map<string, RegisteredParser>();
  const vendorClaims = new Map<string, RegisteredParser>();

  const all = fallback === undefined ? [...parsers] : [...parsers, fallback];
  for (const parser of all) {
    checkSpecification(parser);
    const existing = byId.get(parser.id);
    if (existing !== undefined && existing !== parser)
      throw new ParserConflictError('duplicate-id', existing, parser);
    byId.set(parser.id, parser);
  }
  for (const parser of parsers) {
    for (const claim of parser.claims) {
      const vendor = normalizeName(claim.deviceVendor);
      const table = claim.deviceProduct === undefined ? vendorClaims : productClaims;
      const key =
        claim.deviceProduct === undefined
          ? vendor
          : vendor + KEY_SEPARATOR + normalizeName(claim.deviceProduct);
      const holder = table.get(key);
      if (holder !== undefined) {
        // The same parser repeating a claim is harmless; two parsers on one claim is a conflict.
        if (holder === parser) continue;
        throw new ParserConflictError('duplicate-claim', holder, parser, claim);
      }
      table.set(key, parser);
    }
  }

  // The claimants of a header, product claim first: normalised (trimmed, lower-cased) and looked up once per
  // exact spelling of vendor and product, since a sensor sends the same two strings on every record.
  const claimantsOf = createInputPairMemo(
    (deviceVendor, deviceProduct): readonly RegisteredParser[] => {
      const vendor = normalizeName(deviceVendor);
      const candidates: RegisteredParser[] = [];
      const productParser = productClaims.get(vendor + KEY_SEPARATOR + normalizeName(deviceProduct));
      if (productParser !== undefined) candidates.push(productParser);
      const vendorParser = vendorClaims.get(vendor);
      if (vendorParser !== undefined && vendorParser !== productParser) candidates.push(vendorParser);
      return Object.freeze(candidates);
    },
    { maxEntries: MAX_CACHED_SPELLINGS },
  );

  const frozenParsers = Object.freeze([...parsers]);
  return Object.freeze({
    parsers: frozenParsers,
    fallback,
    get: (id: string) => byId.get(id),
    route(record: CefRecord): ParserRoute {
      const candidates = claimantsOf(record.deviceVendor, record.deviceProduct);
      const diagnostics: Diagnostic[] = [];
      for (const candidate of candidates) {
        if (candidate.matches(record)) return { parser: candidate, via: 'claim', diagnostics };
        diagnostics.push(
          createDiagnostic(
            PARSER_DIAGNOSTIC_CODES.noMatch,
            'warning',
            `Parser "${candidate.id}" (${candidate.packageName}) claims ${describeClaim({
              deviceVendor: record.deviceVendor,
              deviceProduct: record.deviceProduct,
            })} but does not recognise this record; it went to ${
              fallback === undefined ? 'no parser' : `the fallback "${fallback.id}"`
            }. Update the vendor parser if the sensor's format changed.`,
          ),
        );
      }
      if (fallback !== undefined) return { parser: fallback, via: 'fallback', diagnostics };
      diagnostics.push(
        createDiagnostic(
          PARSER_DIAGNOSTIC_CODES.noParser,
          'error',
          `No parser handles deviceVendor "${record.deviceVendor}" / deviceProduct "${record.deviceProduct}" and the ` +
            'registry has no fallback; register a parser for it or enable the generic CEF fallback.',
        ),
      );
      return { parser: undefined, via: 'none', diagnostics };
    },
  });
}

function checkSpecification(parser: RegisteredParser): void {
  const id = typeof parser?.id === 'string' ? parser.id : '<unknown>';
  if (parser?.specificationVersion !== 'v1') {
    throw new ParserDefinitionError(
      id,
      `specificationVersion ${JSON.stringify(parser?.specificationVersion)} is not supported by this @otbridge/core (expected 'v1'); build parsers with defineParser.`,
    );
  }
  if (
    typeof parser.normalize !== 'function' ||
    typeof parser.matches !== 'function' ||
    !Array.isArray(parser.claims)
  ) {
    throw new ParserDefinitionError(
      id,
      'not a VendorParser (missing normalize, matches or claims); build it with defineParser.',
    );
  }
}
