import type { OtbridgeHandlerOptions } from './otbridge-config.js';

type HandlerVariables = Readonly<Record<keyof OtbridgeHandlerOptions, string>>;

/**
 * Maps the file's handler options to the handler's environment variables (strings; objects as JSON).
 * `variables` is `CONFIG_VARIABLES` from `@otbridge/lambda-handler`, passed in so this stays pure.
 */
export function toHandlerEnvironment(
  options: OtbridgeHandlerOptions,
  variables: HandlerVariables,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(options) as [keyof OtbridgeHandlerOptions, unknown][]) {
    if (value === undefined) continue;
    const name = variables[key];
    environment[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return environment;
}
