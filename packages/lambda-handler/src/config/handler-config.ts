import type { AwsPartition } from '@otbridge/core';
import type { EnvelopeMode } from '../envelope/unwrap-envelope.js';
import { assertTimeZone } from './assert-time-zone.js';
import { ConfigurationError } from './configuration-error.js';
import { parseSensorSettings, type SensorSettings } from './sensor-settings.js';

/** The handler's configuration, validated once from environment variables (README: Configuration). */
export interface HandlerConfig {
  readonly region: string;
  readonly partition: AwsPartition;
  /** Undefined: taken from the invoked function ARN. */
  readonly awsAccountId?: string;
  readonly productArn?: string;
  readonly securityHubEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly quarantineBucket: string;
  readonly quarantinePrefix: string;
  readonly envelope: EnvelopeMode;
  readonly envelopeKey?: string;
  readonly strict: boolean;
  readonly defaultTimeZone?: string;
  readonly parserOptions: Readonly<Record<string, object>>;
  readonly sensors: readonly SensorSettings[];
  /** BatchImportFindings calls per second for this instance; 0 = unlimited. */
  readonly rateLimitCallsPerSecond: number;
  readonly rateLimitBurst: number;
  readonly importConcurrency: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly timeSafetyMarginMs: number;
  readonly requestTimeoutMs: number;
}

/** Every variable the handler reads, for the README table and error messages. */
export const CONFIG_VARIABLES = {
  region: 'AWS_REGION',
  partition: 'OTBRIDGE_PARTITION',
  awsAccountId: 'OTBRIDGE_AWS_ACCOUNT_ID',
  productArn: 'OTBRIDGE_PRODUCT_ARN',
  securityHubEndpoint: 'OTBRIDGE_SECURITYHUB_ENDPOINT',
  s3Endpoint: 'OTBRIDGE_S3_ENDPOINT',
  quarantineBucket: 'OTBRIDGE_QUARANTINE_BUCKET',
  quarantinePrefix: 'OTBRIDGE_QUARANTINE_PREFIX',
  envelope: 'OTBRIDGE_ENVELOPE',
  envelopeKey: 'OTBRIDGE_ENVELOPE_KEY',
  strict: 'OTBRIDGE_STRICT',
  defaultTimeZone: 'OTBRIDGE_DEFAULT_TIME_ZONE',
  parserOptions: 'OTBRIDGE_PARSER_OPTIONS',
  sensors: 'OTBRIDGE_SENSORS',
  rateLimitCallsPerSecond: 'OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND',
  rateLimitBurst: 'OTBRIDGE_RATE_LIMIT_BURST',
  importConcurrency: 'OTBRIDGE_IMPORT_CONCURRENCY',
  maxAttempts: 'OTBRIDGE_MAX_ATTEMPTS',
  backoffBaseMs: 'OTBRIDGE_BACKOFF_BASE_MS',
  backoffMaxMs: 'OTBRIDGE_BACKOFF_MAX_MS',
  timeSafetyMarginMs: 'OTBRIDGE_TIME_SAFETY_MARGIN_MS',
  requestTimeoutMs: 'OTBRIDGE_REQUEST_TIMEOUT_MS',
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readNumber(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(name, `expected a number from ${min} to ${max}, got '${raw}'.`);
  }
  return value;
}

function readInteger(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = readNumber(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new ConfigurationError(name, `expected an integer, got '${value}'.`);
  return value;
}

function readJson(env: Environment, name: string): unknown {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ConfigurationError(name, 'is not valid JSON.', { cause: error });
  }
}

function toPartition(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function readUrl(env: Environment, name: string): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new ConfigurationError(name, `expected an http(s) URL, got '${raw}'.`);
  }
  return raw;
}

/** BatchImportFindings quota per account and Region: 10 calls/s, burst 30. */
const SERVICE_RATE_PER_SECOND = 10;
const SERVICE_BURST = 30;

// The service's burst-to-rate ratio applied to this instance's share: 30 at the default 10/s, and a share
// of 30 when the rate is a share of the quota (as the deploy package computes both).
function defaultBurst(ratePerSecond: number): number {
  return Math.max(1, Math.floor((ratePerSecond * SERVICE_BURST) / SERVICE_RATE_PER_SECOND));
}

/** Reads and validates the configuration; throws `ConfigurationError` naming the first bad variable. */
export function parseHandlerConfig(env: Environment): HandlerConfig {
  const v = CONFIG_VARIABLES;
  const region = read(env, v.region);
  if (region === undefined)
    throw new ConfigurationError(v.region, 'is required (Lambda sets it; set it for local runs).');
  const quarantineBucket = read(env, v.quarantineBucket);
  if (quarantineBucket === undefined) {
    throw new ConfigurationError(
      v.quarantineBucket,
      'is required: the S3 bucket that keeps records that can never be imported.',
    );
  }
  const partitionRaw = read(env, v.partition);
  if (partitionRaw !== undefined && !['aws', 'aws-cn', 'aws-us-gov'].includes(partitionRaw)) {
    throw new ConfigurationError(v.partition, `expected aws, aws-cn or aws-us-gov, got '${partitionRaw}'.`);
  }
  const awsAccountId = read(env, v.awsAccountId);
  if (awsAccountId !== undefined && !/^\d{12}$/.test(awsAccountId)) {
    throw new ConfigurationError(v.awsAccountId, `expected 12 digits, got '${awsAccountId}'.`);
  }
  const envelope = read(env, v.envelope) ?? 'auto';
  if (envelope !== 'auto' && envelope !== 'json' && envelope !== 'raw') {
    throw new ConfigurationError(v.envelope, `expected auto, json or raw, got '${envelope}'.`);
  }
  const strictRaw = read(env, v.strict) ?? 'false';
  if (strictRaw !== 'true' && strictRaw !== 'false') {
    throw new ConfigurationError(v.strict, `expected true or false, got '${strictRaw}'.`);
  }
  const defaultTimeZone = read(env, v.defaultTimeZone);
  if (defaultTimeZone !== undefined) assertTimeZone(v.defaultTimeZone, defaultTimeZone);
  const parserOptions = readJson(env, v.parserOptions) ?? {};
  if (typeof parserOptions !== 'object' || parserOptions === null || Array.isArray(parserOptions)) {
    throw new ConfigurationError(v.parserOptions, 'expected a JSON object keyed by parser id.');
  }
  for (const [id, value] of Object.entries(parserOptions)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigurationError(v.parserOptions, `options for parser '${id}' must be a JSON object.`);
    }
  }
  const rateLimitCallsPerSecond = readNumber(env, v.rateLimitCallsPerSecond, 10, 0, 100_000);
  const config: HandlerConfig = {
    region,
    partition: (partitionRaw as AwsPartition | undefined) ?? toPartition(region),
    quarantineBucket,
    quarantinePrefix: read(env, v.quarantinePrefix) ?? 'quarantine/',
    envelope,
    strict: strictRaw === 'true',
    parserOptions: parserOptions as Record<string, object>,
    sensors: parseSensorSettings(v.sensors, readJson(env, v.sensors)),
    rateLimitCallsPerSecond,
    rateLimitBurst: readInteger(env, v.rateLimitBurst, defaultBurst(rateLimitCallsPerSecond), 1, 100_000),
    importConcurrency: readInteger(env, v.importConcurrency, 2, 1, 64),
    maxAttempts: readInteger(env, v.maxAttempts, 6, 1, 100),
    backoffBaseMs: readInteger(env, v.backoffBaseMs, 100, 1, 60_000),
    backoffMaxMs: readInteger(env, v.backoffMaxMs, 5_000, 1, 600_000),
    timeSafetyMarginMs: readInteger(env, v.timeSafetyMarginMs, 1_500, 0, 600_000),
    requestTimeoutMs: readInteger(env, v.requestTimeoutMs, 10_000, 100, 600_000),
  };
  const optional: Partial<
    Record<
      | 'awsAccountId'
      | 'productArn'
      | 'securityHubEndpoint'
      | 's3Endpoint'
      | 'envelopeKey'
      | 'defaultTimeZone',
      string
    >
  > = {};
  if (awsAccountId !== undefined) optional.awsAccountId = awsAccountId;
  const productArn = read(env, v.productArn);
  if (productArn !== undefined) {
    if (!productArn.startsWith('arn:'))
      throw new ConfigurationError(v.productArn, `expected an ARN, got '${productArn}'.`);
    optional.productArn = productArn;
  }
  const securityHubEndpoint = readUrl(env, v.securityHubEndpoint);
  if (securityHubEndpoint !== undefined) optional.securityHubEndpoint = securityHubEndpoint;
  const s3Endpoint = readUrl(env, v.s3Endpoint);
  if (s3Endpoint !== undefined) optional.s3Endpoint = s3Endpoint;
  const envelopeKey = read(env, v.envelopeKey);
  if (envelopeKey !== undefined) optional.envelopeKey = envelopeKey;
  if (defaultTimeZone !== undefined) optional.defaultTimeZone = defaultTimeZone;
  return { ...config, ...optional };
}
