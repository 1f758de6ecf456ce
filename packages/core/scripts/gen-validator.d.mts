import type { Options } from 'ajv';

/** The ajv options the generated validator is compiled with (tests compile the schema with the same). */
export declare const AJV_OPTIONS: Options;
/** Rewrites the require() calls of ajv's standalone output into ESM imports. */
export declare function rewriteRequires(source: string): string;
/** Puts an O(1) `.length` guard in front of each code-point length check of the generated code. */
export declare function guardLengthChecks(source: string): string;
