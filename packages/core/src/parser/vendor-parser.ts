import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { CefRecord } from '../cef/cef-record.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** AWS partitions Security Hub runs in. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Where and when a record is being normalised. Time comes from here, never from `Date.now()`. */
export interface NormalizeContext {
  readonly now: Date;
  readonly awsAccountId: string;
  readonly region: string;
  readonly partition: AwsPartition;
  /** Defaults to the account's custom product: `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`. */
  readonly productArn?: string;
  readonly companyName?: string;
  readonly productName?: string;
  /** IANA zone or `±HH:MM` for vendor times sent without a zone (per-sensor setting); UTC when absent. */
  readonly defaultTimeZone?: string;
}

/** What a parser's `normalize` receives: the context plus its resolved options (defaults applied). */
export interface ParserContext<Options> extends NormalizeContext {
  readonly options: Options;
}

/** A vendor/product pair a parser claims; `deviceProduct` omitted claims every product of the vendor. */
export interface ParserClaim {
  readonly deviceVendor: string;
  readonly deviceProduct?: string;
}

/** What one record became: exactly one of a finding, a deliberate skip, or a rejection. */
export type ParserOutcome =
  | {
      readonly outcome: 'finding';
      readonly finding: AwsSecurityFinding;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly outcome: 'skipped'; readonly reason: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly outcome: 'rejected'; readonly diagnostics: readonly Diagnostic[] };

/** The parser that produced an outcome, as recorded in ProductFields. */
export interface ParserIdentity {
  readonly id: string;
  readonly version: string;
}

/** What `normalizeLine` returns for one line: the outcome plus the parser that produced it. Never thrown. */
export type NormalizeLineResult =
  | {
      readonly outcome: 'finding';
      readonly finding: AwsSecurityFinding;
      readonly parser: ParserIdentity;
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly outcome: 'skipped';
      readonly reason: string;
      readonly parser: ParserIdentity;
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly outcome: 'rejected';
      readonly parser?: ParserIdentity;
      readonly diagnostics: readonly Diagnostic[];
    };

/** Options every parser accepts, beside its own. */
export interface CommonParserOptions {
  /** Health and audit events become INFORMATIONAL findings instead of skips (default false). */
  readonly includeHealthAndAudit?: boolean;
}

/** The versioned vendor-parser plugin interface. Build one with `defineParser`. */
export interface VendorParser<Options extends object = Record<string, unknown>> {
  readonly specificationVersion: 'v1';
  /** Stable id, kebab-case (`dragos`, `acme-sensor`); recorded in every finding's ProductFields. */
  readonly id: string;
  /** npm package that ships it (`@otbridge/parser-dragos`). */
  readonly packageName: string;
  /** The parser's own semver version; recorded in every finding's ProductFields. */
  readonly version: string;
  readonly vendor: string;
  readonly docsUrl: string;
  /** The CEF `deviceVendor`/`deviceProduct` pairs routed to this parser (compared case-insensitively). */
  readonly claims: readonly ParserClaim[];
  readonly defaultOptions: Readonly<Options>;
  /** Every diagnostic code this parser may emit, for documentation and tests. */
  readonly diagnosticCodes: readonly string[];
  /** A cheap check that this parser understands the record (after routing by claims). */
  matches(record: CefRecord): boolean;
  /** Pure: same record and context, same outcome; never mutates the record; never throws on any record. */
  normalize(record: CefRecord, context: ParserContext<Options>): ParserOutcome;
}
