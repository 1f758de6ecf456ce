import type { AwsSecurityFinding, Network, Resource, SeverityLabel } from '@aws-sdk/client-securityhub';
import type { NormalizeContext } from '../parser/vendor-parser.js';
import { ASFF_LIMITS, ASFF_SCHEMA_VERSION } from './asff-limits.js';
import { defaultProductArn } from './default-product-arn.js';
import { type AsffSeverity, type ToAsffSeverityInput, toAsffSeverity } from './to-asff-severity.js';
import { toAsffTimestamp } from './to-asff-timestamp.js';
import { toFindingTypes } from './to-finding-type.js';
import { takeFreshProductFields } from './to-product-fields.js';
import { fitUtf16 } from './truncate-utf16.js';

/** `ProductName` when neither the context nor the parser names one. */
export const DEFAULT_PRODUCT_NAME = 'otbridge';

/** What a parser knows about one event; `createBaseFinding` does the ASFF bookkeeping. */
export interface BaseFindingInput {
  /** From `createFindingId`. */
  readonly id: string;
  /** The rule, detector or signature (truncated to 512). */
  readonly generatorId: string;
  /** Truncated to 256; a blank title falls back to the generator id. */
  readonly title: string;
  /** Truncated to 1024; blank or absent falls back to the title. */
  readonly description?: string | undefined;
  /** A finished severity or a 0-100 score plus the vendor's raw value (see `toAsffSeverity`). */
  readonly severity: AsffSeverity | ToAsffSeverityInput;
  /** `namespace/category/classifier` values (first 50 distinct kept; build them with `toFindingType`). */
  readonly types: readonly string[];
  /** When the vendor saw the event. `CreatedAt`, and `UpdatedAt` unless given; invalid → `context.now`. */
  readonly createdAt: Date;
  readonly updatedAt?: Date | undefined;
  readonly firstObservedAt?: Date | undefined;
  /** Defaults to `firstObservedAt`. */
  readonly lastObservedAt?: Date | undefined;
  /** At least one is needed (see `toOtAssetResource`); more than 32 are cut to 32. */
  readonly resources: readonly Resource[];
  /** The IDS vendor's name (`Dragos`); `context.companyName` overrides it. */
  readonly companyName?: string | undefined;
  /** `context.productName` overrides it; default `otbridge`. */
  readonly productName?: string | undefined;
  /**
   * From `toProductFields`: the first finding built from a result uses that object itself (no copy), so
   * later changes to it show in that finding; any other object is copied.
   */
  readonly productFields?: Readonly<Record<string, string>> | undefined;
  readonly network?: Network | undefined;
  readonly sourceUrl?: string | undefined;
  readonly recordState?: 'ACTIVE' | 'ARCHIVED' | undefined;
}

/**
 * Builds a schema-valid base finding: SchemaVersion, ProductArn (the context's or the account's default
 * product), CompanyName/ProductName (context overrides), AwsAccountId, timestamps in the service's
 * form, truncated Title/Description/GeneratorId, Severity and Types mirrored into
 * FindingProviderFields, and `RecordState: ACTIVE`. Parsers spread it and add what else they know.
 */
export function createBaseFinding(context: NormalizeContext, input: BaseFindingInput): AwsSecurityFinding {
  const severity = 'Label' in input.severity ? input.severity : toAsffSeverity(input.severity);
  const createdAt = toTimestampOr(input.createdAt, context.now);
  // Parsers often pass the same instant for several timestamps: format each distinct one once.
  const firstObservedAt =
    input.firstObservedAt && sameOr(input.firstObservedAt, input.createdAt, createdAt, context.now);
  const lastObservedAt = input.lastObservedAt
    ? sameOr(input.lastObservedAt, input.createdAt, createdAt, context.now)
    : firstObservedAt;
  const generatorId = orFallback(input.generatorId, 'otbridge/unknown-generator', ASFF_LIMITS.GENERATOR_ID);
  const title = orFallback(input.title, generatorId, ASFF_LIMITS.TITLE);
  const companyName = context.companyName ?? input.companyName;
  const productName = context.productName ?? input.productName ?? DEFAULT_PRODUCT_NAME;
  // Built by assignment in the final key order (goldens compare JSON text): conditional spreads and the
  // copy `withFindingProviderFields` would make cost more than the rest of the finding on the hot path.
  const finding: Partial<AwsSecurityFinding> = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: input.id,
    ProductArn: context.productArn ?? defaultProductArn(context),
    ProductName: fitUtf16(productName, ASFF_LIMITS.PRODUCT_NAME),
  };
  if (companyName !== undefined && companyName.trim() !== '')
    finding.CompanyName = fitUtf16(companyName, ASFF_LIMITS.COMPANY_NAME);
  const types = toFindingTypes(input.types);
  finding.GeneratorId = generatorId;
  finding.AwsAccountId = context.awsAccountId;
  finding.Types = types;
  finding.CreatedAt = createdAt;
  finding.UpdatedAt = input.updatedAt
    ? input.lastObservedAt !== undefined && lastObservedAt !== undefined
      ? sameOr(input.updatedAt, input.lastObservedAt, lastObservedAt, context.now)
      : sameOr(input.updatedAt, input.createdAt, createdAt, context.now)
    : createdAt;
  if (firstObservedAt !== undefined) finding.FirstObservedAt = firstObservedAt;
  if (lastObservedAt !== undefined) finding.LastObservedAt = lastObservedAt;
  finding.Severity = { Label: severity.Label, Normalized: severity.Normalized, Original: severity.Original };
  finding.Title = title;
  finding.Description = orFallback(input.description ?? '', title, ASFF_LIMITS.DESCRIPTION);
  const productFields = input.productFields;
  // A fresh toProductFields result (plain, non-empty, not yet used by another finding) is used as it is;
  // anything else is copied.
  const copiedFields =
    productFields === undefined
      ? undefined
      : takeFreshProductFields(productFields)
        ? (productFields as Record<string, string>)
        : copyFields(productFields);
  if (copiedFields !== undefined) finding.ProductFields = copiedFields;
  if (input.network !== undefined) finding.Network = input.network;
  if (input.sourceUrl !== undefined && input.sourceUrl.trim() !== '') finding.SourceUrl = input.sourceUrl;
  finding.Resources = input.resources.slice(0, ASFF_LIMITS.RESOURCES);
  finding.RecordState = input.recordState ?? 'ACTIVE';
  // What `withFindingProviderFields` mirrors for a finding that has no Confidence, Criticality or
  // RelatedFindings yet (test/asff/create-base-finding.test.ts checks the two agree).
  const providerSeverity: { Label?: SeverityLabel; Original?: string } = {};
  if (severity.Label !== undefined) providerSeverity.Label = severity.Label;
  if (severity.Original !== undefined) providerSeverity.Original = severity.Original;
  finding.FindingProviderFields = { Severity: providerSeverity, Types: [...types] };
  // Every required member is set above.
  return finding as AwsSecurityFinding;
}

// What `{ ...fields }` gives for a plain record of strings (own enumerable keys in order, `__proto__` an
// own key), without the generic spread path (slow for null-prototype objects), and in V8's fast mode
// whatever the key count (see toProductFields); `undefined` when there is no key.
function copyFields(fields: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const keys = Object.keys(fields);
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, fields[key] as string]));
}

function toTimestampOr(date: Date, fallback: Date): string {
  try {
    return toAsffTimestamp(date);
  } catch {
    return toAsffTimestamp(fallback);
  }
}

/** `toTimestampOr(date, fallback)`, reusing `knownTimestamp` when `date` is the instant `known` (a valid one). */
function sameOr(date: Date, known: Date, knownTimestamp: string, fallback: Date): string {
  const time = date.getTime();
  return time === known.getTime() ? knownTimestamp : toTimestampOr(date, fallback);
}

function orFallback(value: string, fallback: string, limit: number): string {
  return fitUtf16(value.trim() === '' ? fallback : value, limit);
}
