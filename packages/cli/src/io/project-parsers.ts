import {
  createParserRegistry,
  genericCefParser,
  ParserConflictError,
  type ParserRegistry,
  type RegisteredParser,
} from '@otbridge/core';
import { clarotyParser } from '@otbridge/parser-claroty';
import { dragosParser } from '@otbridge/parser-dragos';
import { nozomiParser } from '@otbridge/parser-nozomi';
import type { OtbridgeConfig, OtbridgeHandlerOptions } from '../config/otbridge-config.js';
import { CliError } from './cli-error.js';
import { EXIT_CODES } from './exit-codes.js';

/** The parsers otbridge ships, by id. */
export const BUILTIN_PARSERS: Readonly<Record<string, RegisteredParser>> = {
  dragos: dragosParser as RegisteredParser,
  claroty: clarotyParser as RegisteredParser,
  nozomi: nozomiParser as RegisteredParser,
};

/** The parsers, fallback and handler options a command runs with (the project config's, or the defaults). */
export interface ProjectParsers {
  readonly parsers: readonly RegisteredParser[];
  readonly fallback: RegisteredParser | false;
  readonly handler: OtbridgeHandlerOptions;
  /** The handler options as handler environment variables. */
  readonly handlerEnvironment: Readonly<Record<string, string>>;
  /** The `otbridge.config.json` used, if any. */
  readonly configPath?: string;
}

/** Resolves the parsers from a loaded project configuration (or the three built-ins without one). */
export function toProjectParsers(config: OtbridgeConfig | undefined): ProjectParsers {
  if (config === undefined) {
    return {
      parsers: Object.values(BUILTIN_PARSERS),
      fallback: genericCefParser as RegisteredParser,
      handler: {},
      handlerEnvironment: {},
    };
  }
  const builtins = config.builtinParsers.map((id) => BUILTIN_PARSERS[id]).filter((p) => p !== undefined);
  return {
    parsers: [...builtins, ...config.parsers],
    fallback: config.fallback === false ? false : (genericCefParser as RegisteredParser),
    handler: config.handler,
    handlerEnvironment: config.handlerEnvironment,
    configPath: config.path,
  };
}

/** Builds the registry; a parser conflict becomes a configuration `CliError` naming both packages. */
export function createProjectRegistry(project: ProjectParsers): ParserRegistry {
  try {
    return createParserRegistry(project.parsers, { fallback: project.fallback });
  } catch (error) {
    if (error instanceof ParserConflictError) {
      const where = project.configPath === undefined ? '' : ` (parsers from ${project.configPath})`;
      throw new CliError(`${error.message}${where}`, EXIT_CODES.configuration, { cause: error });
    }
    throw error;
  }
}
