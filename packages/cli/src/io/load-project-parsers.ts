import { loadOtbridgeConfig } from '../config/load-otbridge-config.js';
import { type ProjectParsers, toProjectParsers } from './project-parsers.js';

/**
 * The parsers and handler options of the project in `cwd`: `otbridge.config.json` (the nearest one, or
 * `configPath`) loaded by `loadOtbridgeConfig`, else the three built-in parsers and the generic CEF fallback.
 * A broken file throws `OtbridgeConfigError` (exit code `configuration`).
 */
export async function loadProjectParsers(
  options: { cwd?: string; configPath?: string } = {},
): Promise<ProjectParsers> {
  const config = await loadOtbridgeConfig(
    options.cwd ?? process.cwd(),
    options.configPath === undefined ? {} : { configPath: options.configPath },
  );
  return toProjectParsers(config);
}
