import type { RegisteredParser } from '@otbridge/core';

/** File name the loader looks for in the working directory and its parents. */
export const OTBRIDGE_CONFIG_FILE = 'otbridge.config.json';

/** Parsers otbridge ships, by id, with the package and export the bundle imports. */
export const BUILTIN_PARSER_PACKAGES = {
  dragos: { packageName: '@otbridge/parser-dragos', exportName: 'dragosParser' },
  claroty: { packageName: '@otbridge/parser-claroty', exportName: 'clarotyParser' },
  nozomi: { packageName: '@otbridge/parser-nozomi', exportName: 'nozomiParser' },
} as const;

/** Id of a parser otbridge ships. */
export type BuiltinParserId = keyof typeof BUILTIN_PARSER_PACKAGES;

/** A parser package entry as written in the file: a package name (or path), or `{ package, export? }`. */
export type ParserPackageEntry = string | { readonly package: string; readonly export?: string };

/**
 * Handler options in the file. Each maps to one of the handler's environment variables
 * (`CONFIG_VARIABLES` of `@otbridge/lambda-handler`); the bundle bakes them in as defaults, and the
 * deployment's environment still wins.
 */
export interface OtbridgeHandlerOptions {
  readonly partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
  readonly productArn?: string;
  readonly quarantinePrefix?: string;
  readonly envelope?: 'auto' | 'json' | 'raw';
  readonly envelopeKey?: string;
  readonly strict?: boolean;
  readonly defaultTimeZone?: string;
  readonly parserOptions?: Readonly<Record<string, object>>;
  readonly sensors?: readonly object[];
  readonly rateLimitCallsPerSecond?: number;
  readonly rateLimitBurst?: number;
  readonly importConcurrency?: number;
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly timeSafetyMarginMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Where records no parser claims go: the generic CEF parser (default) or rejected (`false`). */
export type FallbackSetting = 'generic-cef' | false;

/** `otbridge.config.json` as written (validated against `OTBRIDGE_CONFIG_SCHEMA`). */
export interface OtbridgeConfigFile {
  readonly $schema?: string;
  /** Extra parser packages, registered beside the built-in ones. */
  readonly parsers?: readonly ParserPackageEntry[];
  /** Which built-in parsers to keep: `true` (default, all), `false` (none) or a list of ids. */
  readonly builtinParsers?: boolean | readonly BuiltinParserId[];
  readonly fallback?: FallbackSetting;
  readonly handler?: OtbridgeHandlerOptions;
  readonly bundle?: { readonly outDir?: string };
}

/** One configured parser package after loading: where it resolved and the parsers it exports. */
export interface LoadedParserPackage {
  /** As written in the file (a package name or a path). */
  readonly specifier: string;
  /** The module file it resolved to (absolute). */
  readonly resolvedPath: string;
  /** Export names and the parsers behind them, sorted by export name (module namespace order). */
  readonly exports: readonly { readonly exportName: string; readonly parser: RegisteredParser }[];
}

/** The loaded project configuration, shared by `bundle`, `parse` and `local`. */
export interface OtbridgeConfig {
  /** Absolute path of the `otbridge.config.json` that was read. */
  readonly path: string;
  /** Its directory; relative paths in the file resolve from here. */
  readonly directory: string;
  /** The extra parsers the file lists, loaded (built-ins not included: see `builtinParsers`). */
  readonly parsers: readonly RegisteredParser[];
  readonly parserPackages: readonly LoadedParserPackage[];
  readonly builtinParsers: readonly BuiltinParserId[];
  readonly fallback: FallbackSetting;
  readonly handler: OtbridgeHandlerOptions;
  /** The handler options as the handler's environment variables (strings), ready for the bundle or `local`. */
  readonly handlerEnvironment: Readonly<Record<string, string>>;
  /** Absolute output directory of `otbridge bundle` (default `<config dir>/dist/otbridge`). */
  readonly bundleOutDir: string;
}
