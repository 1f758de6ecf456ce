import { ConfigurationError } from './configuration-error.js';

/** Checks an IANA zone name or a `±HH:MM` offset; throws naming `variable` otherwise. */
export function assertTimeZone(variable: string, value: string): void {
  if (/^[+-](?:[01]\d|2[0-3]):[0-5]\d$/.test(value)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch (error) {
    throw new ConfigurationError(variable, `'${value}' is not an IANA time zone or ±HH:MM offset.`, {
      cause: error,
    });
  }
}
