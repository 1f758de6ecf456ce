/** A parser id: kebab-case, starting with a letter (`acme`, `acme-sentry`). */
export const PARSER_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The identifiers a scaffolded parser uses, derived from its kebab-case id. */
export interface ParserNames {
  /** `acme-sentry` */
  readonly vendorId: string;
  /** `acmeSentry` (export `acmeSentryParser`) */
  readonly camelName: string;
  /** `AcmeSentry` (type `AcmeSentryParserOptions`) */
  readonly typeName: string;
  /** `ACME_SENTRY` (const `ACME_SENTRY_DIAGNOSTIC_CODES`) */
  readonly constantName: string;
  /** `Acme Sentry`: default vendor display name and CEF Device Vendor */
  readonly titleName: string;
}

/** Derives the names from a vendor id; `undefined` when it is not kebab-case. */
export function toParserNames(vendorId: string): ParserNames | undefined {
  if (!PARSER_ID_PATTERN.test(vendorId)) return undefined;
  const words = vendorId.split('-');
  const capitalized = words.map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`);
  return {
    vendorId,
    camelName: `${words[0]}${capitalized.slice(1).join('')}`,
    typeName: capitalized.join(''),
    constantName: words.join('_').toUpperCase(),
    titleName: capitalized.join(' '),
  };
}
