import type { DecodedLine } from '../cef/decode-line.js';
import { tokenizeCef } from '../cef/tokenize-cef.js';
import type { ParserRegistry } from './create-parser-registry.js';
import { internalErrorDiagnostic, normalizeRecord, type ParserOptionsById } from './normalize-record.js';
import type { NormalizeContext, NormalizeLineResult } from './vendor-parser.js';

/** Options for `normalizeLine`. */
export interface NormalizeLineOptions {
  /** Passed to `tokenizeCef`: spec-strict tokenizing (the tokenizer's default) or best-effort recovery. */
  readonly strict?: boolean;
  /** Per-parser options keyed by parser id (per-sensor settings), merged over each `defaultOptions`. */
  readonly parserOptions?: ParserOptionsById;
}

/**
 * Tokenizes one syslog/CEF line, routes it through the registry, normalises and validates it.
 * Always returns exactly one outcome (`finding`, `skipped` or `rejected`) and never throws, whatever the line.
 */
export function normalizeLine(
  line: string | DecodedLine,
  registry: ParserRegistry,
  context: NormalizeContext,
  options: NormalizeLineOptions = {},
): NormalizeLineResult {
  let tokenized: ReturnType<typeof tokenizeCef>;
  try {
    tokenized = tokenizeCef(line, options.strict === undefined ? {} : { strict: options.strict });
  } catch (error) {
    return { outcome: 'rejected', diagnostics: [internalErrorDiagnostic('tokenizeCef', error)] };
  }
  if (!tokenized.ok) return { outcome: 'rejected', diagnostics: tokenized.diagnostics };
  let route: ReturnType<ParserRegistry['route']>;
  try {
    route = registry.route(tokenized.record);
  } catch (error) {
    return {
      outcome: 'rejected',
      diagnostics: [...tokenized.diagnostics, internalErrorDiagnostic('registry.route', error)],
    };
  }
  const diagnostics = [...tokenized.diagnostics, ...route.diagnostics];
  if (route.parser === undefined) return { outcome: 'rejected', diagnostics };
  return normalizeRecord(
    tokenized.record,
    route.parser,
    context,
    options.parserOptions === undefined
      ? { diagnostics }
      : { diagnostics, parserOptions: options.parserOptions },
  );
}
