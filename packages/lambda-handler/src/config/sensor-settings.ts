import type { CefRecord } from '@otbridge/core';
import { assertTimeZone } from './assert-time-zone.js';
import { ConfigurationError } from './configuration-error.js';

/** What identifies a sensor; every given field must match (case-insensitive). */
export interface SensorMatch {
  /** Syslog HOSTNAME, or the host the collector recorded. */
  readonly hostname?: string;
  /** CEF `dvchost`. */
  readonly deviceHostname?: string;
  /** CEF `dvc`. */
  readonly deviceAddress?: string;
  /** CEF `deviceExternalId`. */
  readonly deviceExternalId?: string;
  readonly deviceVendor?: string;
  readonly deviceProduct?: string;
}

/** Settings for the records of one sensor (`OTBRIDGE_SENSORS`, a JSON array; first match wins). */
export interface SensorSettings {
  readonly match: SensorMatch;
  /** For vendors that send local times without a zone. */
  readonly defaultTimeZone?: string;
  /** Per-parser options, merged over `OTBRIDGE_PARSER_OPTIONS`. */
  readonly parserOptions?: Readonly<Record<string, object>>;
}

const MATCH_KEYS = [
  'hostname',
  'deviceHostname',
  'deviceAddress',
  'deviceExternalId',
  'deviceVendor',
  'deviceProduct',
] as const;

/** Validates the `OTBRIDGE_SENSORS` JSON; throws `ConfigurationError` naming the entry. */
export function parseSensorSettings(variable: string, value: unknown): SensorSettings[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new ConfigurationError(
      variable,
      'expected a JSON array of { match, defaultTimeZone?, parserOptions? }.',
    );
  return value.map((entry: unknown, index) => {
    const where = `entry ${index}`;
    if (typeof entry !== 'object' || entry === null)
      throw new ConfigurationError(variable, `${where} is not an object.`);
    const { match, defaultTimeZone, parserOptions } = entry as Record<string, unknown>;
    if (typeof match !== 'object' || match === null)
      throw new ConfigurationError(variable, `${where} needs a 'match' object.`);
    const matchObject = match as Record<string, unknown>;
    const keys = Object.keys(matchObject);
    if (keys.length === 0)
      throw new ConfigurationError(variable, `${where}: 'match' is empty and would match every record.`);
    for (const key of keys) {
      if (!(MATCH_KEYS as readonly string[]).includes(key) || typeof matchObject[key] !== 'string') {
        throw new ConfigurationError(
          variable,
          `${where}: match key '${key}' must be one of ${MATCH_KEYS.join(', ')} with a string value.`,
        );
      }
    }
    const settings: { match: SensorMatch; defaultTimeZone?: string; parserOptions?: Record<string, object> } =
      {
        match: matchObject as SensorMatch,
      };
    if (defaultTimeZone !== undefined) {
      if (typeof defaultTimeZone !== 'string')
        throw new ConfigurationError(variable, `${where}: defaultTimeZone must be a string.`);
      assertTimeZone(`${variable} (${where})`, defaultTimeZone);
      settings.defaultTimeZone = defaultTimeZone;
    }
    if (parserOptions !== undefined) {
      if (typeof parserOptions !== 'object' || parserOptions === null || Array.isArray(parserOptions)) {
        throw new ConfigurationError(
          variable,
          `${where}: parserOptions must be an object keyed by parser id.`,
        );
      }
      settings.parserOptions = parserOptions as Record<string, object>;
    }
    return settings;
  });
}

function equalsIgnoreCase(expected: string | undefined, actual: string | undefined): boolean {
  return expected === undefined || (actual !== undefined && expected.toLowerCase() === actual.toLowerCase());
}

function extension(record: CefRecord | undefined, key: string): string | undefined {
  if (record === undefined) return undefined;
  let value: string | undefined;
  for (const [k, v] of record.extensions) if (k === key) value = v;
  return value;
}

/** The first sensor whose match fits the record (by syslog host or CEF device fields). */
export function findSensorSettings(
  sensors: readonly SensorSettings[],
  input: { hostname?: string | undefined; record?: CefRecord | undefined },
): SensorSettings | undefined {
  const hostname = input.record?.prefix?.hostname ?? input.hostname;
  return sensors.find(({ match }) => {
    return (
      (match.hostname === undefined ||
        equalsIgnoreCase(match.hostname, hostname) ||
        equalsIgnoreCase(match.hostname, input.hostname)) &&
      equalsIgnoreCase(match.deviceHostname, extension(input.record, 'dvchost')) &&
      equalsIgnoreCase(match.deviceAddress, extension(input.record, 'dvc')) &&
      equalsIgnoreCase(match.deviceExternalId, extension(input.record, 'deviceExternalId')) &&
      equalsIgnoreCase(match.deviceVendor, input.record?.deviceVendor) &&
      equalsIgnoreCase(match.deviceProduct, input.record?.deviceProduct)
    );
  });
}
