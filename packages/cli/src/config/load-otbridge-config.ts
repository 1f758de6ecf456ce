import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadParserPackage } from './load-parser-package.js';
import {
  BUILTIN_PARSER_PACKAGES,
  type BuiltinParserId,
  type LoadedParserPackage,
  OTBRIDGE_CONFIG_FILE,
  type OtbridgeConfig,
  type OtbridgeConfigFile,
  type OtbridgeHandlerOptions,
} from './otbridge-config.js';
import { OtbridgeConfigError } from './otbridge-config-error.js';
import { OTBRIDGE_CONFIG_SCHEMA } from './otbridge-config-schema.js';
import { toHandlerEnvironment } from './to-handler-environment.js';
import { type ConfigProblem, validateConfigSchema } from './validate-config-schema.js';

/** Options for `loadOtbridgeConfig`. */
export interface LoadOtbridgeConfigOptions {
  /** An explicit file (`--config`); otherwise `otbridge.config.json` in `cwd` or the nearest parent. */
  readonly configPath?: string;
}

/** The nearest `otbridge.config.json` from `cwd` upwards, if any. */
export function findOtbridgeConfig(cwd: string = process.cwd()): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, OTBRIDGE_CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads, validates and loads the project configuration: imports the parser packages it lists and
 * checks the handler options with the handler's own validation. `undefined` when there is no file
 * (commands then use the built-in parsers). Throws `OtbridgeConfigError` naming every problem.
 */
export async function loadOtbridgeConfig(
  cwd: string = process.cwd(),
  options: LoadOtbridgeConfigOptions = {},
): Promise<OtbridgeConfig | undefined> {
  const path = options.configPath === undefined ? findOtbridgeConfig(cwd) : resolve(cwd, options.configPath);
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new OtbridgeConfigError(path, [{ pointer: '/', message: 'file not found.' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OtbridgeConfigError(path, [{ pointer: '/', message: `not valid JSON (${String(error)}).` }], {
      cause: error,
    });
  }
  const problems = validateConfigSchema(raw, OTBRIDGE_CONFIG_SCHEMA);
  if (problems.length > 0) throw new OtbridgeConfigError(path, problems);
  const file = raw as OtbridgeConfigFile;
  const directory = dirname(path);
  const handler = file.handler ?? {};
  const handlerEnvironment = await checkHandlerOptions(path, handler);
  const parserPackages = await loadParserPackages(path, directory, file.parsers ?? []);
  return {
    path,
    directory,
    parsers: parserPackages.flatMap((entry) => entry.exports.map((item) => item.parser)),
    parserPackages,
    builtinParsers: toBuiltinParsers(file.builtinParsers),
    fallback: file.fallback ?? 'generic-cef',
    handler,
    handlerEnvironment,
    bundleOutDir: resolve(directory, file.bundle?.outDir ?? 'dist/otbridge'),
  };
}

function toBuiltinParsers(setting: OtbridgeConfigFile['builtinParsers']): BuiltinParserId[] {
  const all = Object.keys(BUILTIN_PARSER_PACKAGES) as BuiltinParserId[];
  if (setting === undefined || setting === true) return all;
  if (setting === false) return [];
  return all.filter((id) => setting.includes(id));
}

async function loadParserPackages(
  path: string,
  directory: string,
  entries: NonNullable<OtbridgeConfigFile['parsers']>,
): Promise<LoadedParserPackage[]> {
  const loaded: LoadedParserPackage[] = [];
  const problems: ConfigProblem[] = [];
  for (const [index, entry] of entries.entries()) {
    const specifier = typeof entry === 'string' ? entry : entry.package;
    const exportName = typeof entry === 'string' ? undefined : entry.export;
    try {
      loaded.push(await loadParserPackage(specifier, directory, exportName));
    } catch (error) {
      problems.push({
        pointer: `/parsers/${index}`,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (problems.length > 0) throw new OtbridgeConfigError(path, problems);
  return loaded;
}

/** Validates the options exactly as the handler will (its `parseHandlerConfig`), pointing at the file's key. */
async function checkHandlerOptions(
  path: string,
  handler: OtbridgeHandlerOptions,
): Promise<Record<string, string>> {
  if (Object.keys(handler).length === 0) return {};
  const { CONFIG_VARIABLES, ConfigurationError, parseHandlerConfig } = await import(
    '@otbridge/lambda-handler'
  );
  const environment = toHandlerEnvironment(handler, CONFIG_VARIABLES);
  try {
    // Region and bucket come from the deployment; stand-ins let the rest be checked now.
    parseHandlerConfig({
      AWS_REGION: 'us-east-1',
      OTBRIDGE_QUARANTINE_BUCKET: 'config-check',
      ...environment,
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const key = Object.entries(CONFIG_VARIABLES).find(
      ([, name]) => error.variable === name || error.variable.startsWith(`${name} `),
    )?.[0];
    const message = error.message.slice(error.variable.length + 2);
    throw new OtbridgeConfigError(path, [{ pointer: `/handler/${key ?? ''}`, message }], { cause: error });
  }
  return environment;
}
