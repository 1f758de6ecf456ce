import type { Options } from 'ajv';

/** The ajv options the generated validator is compiled with (tests compile the schema with the same). */
export declare const AJV_OPTIONS: Options;
/** Rewrites the require() calls of ajv's standalone output into ESM imports. */
export declare function rewriteRequires(source: string): string;
/** Puts an O(1) `.length` guard in front of each code-point length check of the generated code. */
export declare function guardLengthChecks(source: string): string;
/** A sufficient test for the `\S` pattern: true only for strings the pattern matches. */
export declare function fastNonBlank(value: string): boolean;
/** A sufficient test for the `Types` pattern, exact for values that start with printable ASCII other than ` ` and `/`. */
export declare function fastFindingType(value: string): boolean;
/** Schema pattern source → the sufficient test the generated code runs before the pattern. */
export declare const PATTERN_FAST_PATHS: Readonly<Record<string, (value: string) => boolean>>;
/** Fast test → the same test as an expression over a variable name, written inline into the generated code. */
export declare const INLINE_FAST_PATHS: ReadonlyMap<(value: string) => boolean, (value: string) => string>;
/** Result-identical rewrites of the generated validator's hottest operations. */
export declare function addFastPaths(source: string): string;
