import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The syslog header found before `CEF:`, when there was one. Fields absent from the form are omitted. */
export interface SyslogPrefix {
  /** Which prefix form was recognised. */
  readonly format: 'rfc3164' | 'rfc5424' | 'nozomi' | 'iso8601' | 'host-tag' | 'unknown';
  /** `<PRI>` value, 0-191. */
  readonly priority?: number;
  readonly facility?: number;
  readonly severity?: number;
  /** The timestamp text exactly as sent (parse it with `parseCefTimestamp` or `Date`). */
  readonly timestamp?: string;
  readonly hostname?: string;
  readonly appName?: string;
  readonly procId?: string;
  readonly msgId?: string;
  /** RFC 5424 STRUCTURED-DATA text, `-` excluded. */
  readonly structuredData?: string;
  /** A relay's own timestamp and host before the real header (Dragos 2.x through a relay). */
  readonly relay?: { readonly timestamp: string; readonly host: string };
  /** Everything before `CEF:`, verbatim. */
  readonly raw: string;
}

/** One extension pair, `[key, value]`, value unescaped. */
export type CefExtension = readonly [key: string, value: string];

/** A tokenized CEF record. All values stay strings; vendor mappers type them. */
export interface CefRecord {
  /** CEF version: 0 or 1. */
  readonly version: number;
  readonly deviceVendor: string;
  readonly deviceProduct: string;
  readonly deviceVersion: string;
  readonly deviceEventClassId: string;
  readonly name: string;
  /** The header severity as sent (a number 0-10, or a word such as `High`). */
  readonly severity: string;
  /** Extension pairs in input order; duplicates preserved. */
  readonly extensions: readonly CefExtension[];
  readonly prefix?: SyslogPrefix;
}

/** Options for `tokenizeCef`. */
export interface TokenizeCefOptions {
  /** Spec-strict (default true): spec violations are errors. `false` recovers with warnings. */
  readonly strict?: boolean;
}

/** A line decoded from bytes by `decodeLine`: the text plus any `cef/invalid-utf8` diagnostics. */
export interface DecodedLine {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

/** The result of `tokenizeCef`: never thrown, always one of these. */
export type TokenizeCefResult =
  | { readonly ok: true; readonly record: CefRecord; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
