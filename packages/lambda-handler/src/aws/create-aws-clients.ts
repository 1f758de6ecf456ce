import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Where the clients connect; endpoints stand in local servers for the real services. */
export interface AwsClientSettings {
  readonly region: string;
  readonly securityHubEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly requestTimeoutMs: number;
  /**
   * Static credentials (local servers, tests). Omitted: the SDK's default chain (the Lambda role; the
   * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` variables), so loopback callers need no placeholder variables.
   */
  readonly credentials?: AwsStaticCredentials;
}

/** An access key pair, with the session token of temporary credentials. */
export interface AwsStaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

function createRequestHandler(requestTimeoutMs: number): NodeHttpHandler {
  return new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
    connectionTimeout: Math.min(requestTimeoutMs, 3_000),
    requestTimeout: requestTimeoutMs,
  });
}

/** Security Hub client with the SDK's own retries off (`maxAttempts: 1`): the importer retries. */
export function createSecurityHubClient(settings: AwsClientSettings): SecurityHubClient {
  return new SecurityHubClient({
    region: settings.region,
    maxAttempts: 1,
    requestHandler: createRequestHandler(settings.requestTimeoutMs),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(settings.securityHubEndpoint === undefined ? {} : { endpoint: settings.securityHubEndpoint }),
  });
}

/** S3 client for the quarantine (SDK retries off; the writer retries); path-style for local endpoints. */
export function createS3Client(settings: AwsClientSettings): S3Client {
  return new S3Client({
    region: settings.region,
    maxAttempts: 1,
    requestHandler: createRequestHandler(settings.requestTimeoutMs),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(settings.s3Endpoint === undefined ? {} : { endpoint: settings.s3Endpoint, forcePathStyle: true }),
  });
}
