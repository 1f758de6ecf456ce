import type { Options } from 'ajv';

/** The ajv options the generated validator is compiled with (tests compile the schema with the same). */
export declare const AJV_OPTIONS: Options;
/** Rewrites the require() calls of ajv's standalone output into ESM imports. */
export declare function rewriteRequires(source: string): string;
