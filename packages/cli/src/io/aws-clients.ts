import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CliError } from './cli-error.js';

/** Credentials for local servers (kinesalite, securityhub-local and s3rver accept these). */
export const LOCAL_SERVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Region and optional endpoint shared by the AWS commands. */
export interface AwsTarget {
  readonly region: string;
  readonly endpoint?: string;
}

/** `--region` (default `$AWS_REGION`, `$AWS_DEFAULT_REGION`, `us-east-1`) and a checked `--endpoint`. */
export function toAwsTarget(values: { region?: string; endpoint?: string }, name = '--endpoint'): AwsTarget {
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (values.endpoint === undefined) return { region };
  if (!URL.canParse(values.endpoint) || !/^https?:$/.test(new URL(values.endpoint).protocol)) {
    throw new CliError(`${name}: expected an http(s) URL, got '${values.endpoint}'.`);
  }
  return { region, endpoint: values.endpoint };
}

/**
 * Credentials for a local endpoint when the environment names none: local servers do not check them,
 * and the SDK would otherwise fail looking for real ones.
 */
export function localCredentials(target: AwsTarget): { credentials?: typeof LOCAL_SERVER_CREDENTIALS } {
  if (target.endpoint === undefined) return {};
  const host = new URL(target.endpoint).hostname;
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  const named = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
  return loopback && !named ? { credentials: LOCAL_SERVER_CREDENTIALS } : {};
}

/** A Kinesis client over HTTP/1.1 (emulators fail HTTP/2), SDK retries off: the commands retry. */
export function createCliKinesisClient(target: AwsTarget): KinesisClient {
  return new KinesisClient({
    region: target.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 30_000 }),
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    ...localCredentials(target),
  });
}

/** An SQS client over HTTP/1.1. */
export function createCliSqsClient(target: AwsTarget): SQSClient {
  return new SQSClient({
    region: target.region,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 30_000 }),
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    ...localCredentials(target),
  });
}

/** The error's name and message, for one-line reports. */
export function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

/**
 * For clients built elsewhere (`@otbridge/lambda-handler`'s factories use the default credential
 * chain): fills `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` with local-server credentials when the
 * endpoint is on loopback and the environment names none.
 */
export function useLocalCredentialsFor(target: AwsTarget): void {
  const local = localCredentials(target).credentials;
  if (local === undefined) return;
  process.env.AWS_ACCESS_KEY_ID = local.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = local.secretAccessKey;
}

/** Parses a numeric option within bounds, or throws a usage error naming it. */
export function toNumberOption(name: string, raw: string, min: number, max: number, integer = true): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new CliError(
      `${name}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${raw}'.`,
    );
  }
  return value;
}
