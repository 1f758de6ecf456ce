import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { defaultProductArn } from '../asff/default-product-arn.js';
import { PRODUCT_FIELD_PARSER_ID, PRODUCT_FIELD_PARSER_VERSION } from '../asff/ot-conventions.js';
import type { CefRecord } from '../cef/cef-record.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ParserDefinitionError } from './parser-definition-error.js';
import { DIAGNOSTIC_CODE_PATTERN, PARSER_DIAGNOSTIC_CODES } from './parser-diagnostic-codes.js';
import { isMergedOptions } from './parser-options-cache.js';
import type { ParserClaim, ParserContext, ParserOutcome, VendorParser } from './vendor-parser.js';

/** What a parser author writes; `defineParser` turns it into a checked, wrapped `VendorParser`. */
export interface ParserDefinition<Options extends object> {
  readonly id: string;
  readonly packageName: string;
  readonly version: string;
  readonly vendor: string;
  readonly docsUrl: string;
  readonly claims: readonly ParserClaim[];
  readonly defaultOptions: Readonly<Options>;
  /** Every code this parser emits outside the core scopes (`cef/`, `asff/`, `parser/`). Default `[]`. */
  readonly diagnosticCodes?: readonly string[];
  /** Cheap shape check after routing; default: always true. */
  matches?(record: CefRecord): boolean;
  normalize(record: CefRecord, context: ParserContext<Options>): ParserOutcome;
}

const PARSER_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PACKAGE_NAME_PATTERN = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const SEMVER_PATTERN = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Builds a `VendorParser` (spec v1) from a definition: validates the metadata, merges options over
 * `defaultOptions`, fills `productArn`, turns a throw into `rejected` with `parser/internal-error`, and
 * stamps `otbridge/parser/id` and `otbridge/parser/version` into every finding's ProductFields.
 */
export function defineParser<Options extends object>(
  definition: ParserDefinition<Options>,
): VendorParser<Options> {
  const checked = checkDefinition(definition);
  const { id, version } = checked;
  const userMatches = definition.matches;
  const userNormalize = definition.normalize;
  const defaultOptions = Object.freeze({ ...definition.defaultOptions });

  const parser: VendorParser<Options> = {
    specificationVersion: 'v1',
    id,
    packageName: checked.packageName,
    version,
    vendor: checked.vendor,
    docsUrl: checked.docsUrl,
    claims: Object.freeze(checked.claims.map((claim) => Object.freeze({ ...claim }))),
    defaultOptions,
    diagnosticCodes: Object.freeze([...(definition.diagnosticCodes ?? [])]),
    matches(record: CefRecord): boolean {
      if (userMatches === undefined) return true;
      try {
        return userMatches.call(definition, record) === true;
      } catch {
        return false;
      }
    },
    normalize(record: CefRecord, context: ParserContext<Options>): ParserOutcome {
      // From normalizeRecord the context is already resolved (a fresh object, options merged over these
      // defaults, productArn set): merging again would give the same keys, values and order.
      const resolved: ParserContext<Options> =
        context.productArn !== undefined && isMergedOptions(defaultOptions, context.options)
          ? context
          : {
              ...context,
              productArn: context.productArn ?? defaultProductArn(context),
              options: { ...defaultOptions, ...(context.options as Options | undefined) },
            };
      let outcome: unknown;
      try {
        outcome = userNormalize.call(definition, record, resolved);
      } catch (error) {
        return rejectInternal(id, error);
      }
      return stampOutcome(outcome, id, version);
    },
  };
  return Object.freeze(parser);
}

function rejectInternal(id: string, error: unknown): ParserOutcome {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    outcome: 'rejected',
    diagnostics: [
      createDiagnostic(
        PARSER_DIAGNOSTIC_CODES.internalError,
        'error',
        `Parser "${id}" threw while normalising this record (${detail.slice(0, 300)}). ` +
          'This is a parser bug: report it with the record attached.',
      ),
    ],
  };
}

function stampOutcome(outcome: unknown, id: string, version: string): ParserOutcome {
  if (typeof outcome !== 'object' || outcome === null) return invalidOutcome(id, 'a non-object');
  const candidate = outcome as { outcome?: unknown; diagnostics?: unknown };
  const diagnostics = Array.isArray(candidate.diagnostics) ? (candidate.diagnostics as Diagnostic[]) : [];
  switch (candidate.outcome) {
    case 'finding': {
      const finding = (outcome as { finding?: unknown }).finding;
      if (typeof finding !== 'object' || finding === null)
        return invalidOutcome(id, 'a finding outcome without a finding');
      return {
        outcome: 'finding',
        finding: stampFinding(finding as AwsSecurityFinding, id, version),
        diagnostics,
      };
    }
    case 'skipped': {
      const reason = (outcome as { reason?: unknown }).reason;
      if (typeof reason !== 'string' || reason.trim() === '')
        return invalidOutcome(id, 'a skip without a reason');
      return { outcome: 'skipped', reason, diagnostics };
    }
    case 'rejected': {
      if (diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
        return { outcome: 'rejected', diagnostics };
      return {
        outcome: 'rejected',
        diagnostics: [
          ...diagnostics,
          createDiagnostic(
            PARSER_DIAGNOSTIC_CODES.rejectedWithoutReason,
            'error',
            `Parser "${id}" rejected this record without an error diagnostic; add one that says why.`,
          ),
        ],
      };
    }
    default:
      return invalidOutcome(id, `outcome ${JSON.stringify(candidate.outcome) ?? 'undefined'}`);
  }
}

/**
 * Adds the parser id and version to ProductFields. A parser's fresh, extensible finding with a plain
 * ProductFields object is stamped in place (the same keys, values and order a copy would have);
 * anything frozen or unusual is copied as before.
 */
function stampFinding(finding: AwsSecurityFinding, id: string, version: string): AwsSecurityFinding {
  const fields = finding.ProductFields;
  if (
    Object.isExtensible(finding) &&
    Object.getPrototypeOf(finding) === Object.prototype &&
    (fields === undefined || isPlainExtensible(fields))
  ) {
    if (fields === undefined) {
      finding.ProductFields = { [PRODUCT_FIELD_PARSER_ID]: id, [PRODUCT_FIELD_PARSER_VERSION]: version };
    } else {
      // Named stores: the keys written as literals (a test holds them equal to the constants). V8 keeps an object
      // in fast mode for up to 128 properties added by name, but turns it into a slow dictionary when a
      // keyed store (`fields[PRODUCT_FIELD_PARSER_ID]`) adds one past 12 outside the object, as a
      // ProductFields object of 18 keys or more has (see toProductFields). A define kept fast mode too,
      // at over 100 ns a key.
      fields['otbridge/parser/id'] = id;
      fields['otbridge/parser/version'] = version;
    }
    return finding;
  }
  return {
    ...finding,
    ProductFields: {
      ...finding.ProductFields,
      [PRODUCT_FIELD_PARSER_ID]: id,
      [PRODUCT_FIELD_PARSER_VERSION]: version,
    },
  };
}

function isPlainExtensible(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.isExtensible(value)
  );
}

function invalidOutcome(id: string, what: string): ParserOutcome {
  return {
    outcome: 'rejected',
    diagnostics: [
      createDiagnostic(
        PARSER_DIAGNOSTIC_CODES.invalidOutcome,
        'error',
        `Parser "${id}" returned ${what}; normalize must return a finding, a skip with a reason, or a rejection.`,
      ),
    ],
  };
}

function checkDefinition<Options extends object>(
  definition: ParserDefinition<Options>,
): ParserDefinition<Options> {
  if (typeof definition !== 'object' || definition === null) {
    throw new ParserDefinitionError('<unknown>', 'the definition must be an object.');
  }
  const id = typeof definition.id === 'string' ? definition.id : '<unknown>';
  const fail = (message: string): never => {
    throw new ParserDefinitionError(id, message);
  };
  if (!PARSER_ID_PATTERN.test(id)) fail('`id` must be kebab-case (`acme`, `acme-sensor`).');
  if (typeof definition.packageName !== 'string' || !PACKAGE_NAME_PATTERN.test(definition.packageName)) {
    fail('`packageName` must be the npm package name that ships the parser.');
  }
  if (typeof definition.version !== 'string' || !SEMVER_PATTERN.test(definition.version)) {
    fail('`version` must be a semver version such as `1.0.0`.');
  }
  if (typeof definition.vendor !== 'string' || definition.vendor.trim() === '')
    fail('`vendor` must be non-empty.');
  if (typeof definition.docsUrl !== 'string' || !isHttpUrl(definition.docsUrl)) {
    fail('`docsUrl` must be an absolute http(s) URL.');
  }
  if (!Array.isArray(definition.claims))
    fail('`claims` must be an array of { deviceVendor, deviceProduct? }.');
  for (const claim of definition.claims) {
    if (typeof claim?.deviceVendor !== 'string' || claim.deviceVendor.trim() === '') {
      fail('every claim needs a non-empty `deviceVendor`.');
    }
    if (
      claim.deviceProduct !== undefined &&
      (typeof claim.deviceProduct !== 'string' || claim.deviceProduct.trim() === '')
    ) {
      fail('a claim `deviceProduct` must be non-empty when given (omit it to claim every product).');
    }
  }
  if (typeof definition.defaultOptions !== 'object' || definition.defaultOptions === null) {
    fail('`defaultOptions` must be an object (use `{}` when the parser has none).');
  }
  const codes = definition.diagnosticCodes ?? [];
  if (!Array.isArray(codes)) fail('`diagnosticCodes` must be an array of strings.');
  const seen = new Set<string>();
  for (const code of codes) {
    if (typeof code !== 'string' || !DIAGNOSTIC_CODE_PATTERN.test(code)) {
      fail(`diagnostic code ${JSON.stringify(code)} must look like \`<scope>/<kebab-problem>\`.`);
    }
    if (seen.has(code)) fail(`diagnostic code "${code}" is listed twice.`);
    seen.add(code);
  }
  if (typeof definition.normalize !== 'function') fail('`normalize` must be a function.');
  if (definition.matches !== undefined && typeof definition.matches !== 'function')
    fail('`matches` must be a function.');
  return definition;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
