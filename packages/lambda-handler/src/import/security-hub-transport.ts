import type { ImportFindingsError, SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  type AwsCredentialsSource,
  createSignedRequester,
  toServiceHost,
} from '../aws/send-signed-request.js';

/** The answer of one `BatchImportFindings` request. */
export interface BatchImportFindingsResponse {
  readonly FailedCount?: number;
  readonly SuccessCount?: number;
  readonly FailedFindings?: readonly ImportFindingsError[];
}

/**
 * Sends `BatchImportFindings` requests whose JSON body is already built (`{"Findings":[...]}`). Throws
 * `SecurityHubServiceError` for an error response and the network's own errors otherwise.
 */
export interface SecurityHubTransport {
  batchImportFindings(
    body: string,
    options: { abortSignal?: AbortSignal },
  ): Promise<BatchImportFindingsResponse>;
}

/** An error response, shaped like the SDK's service exceptions (`name`, `$metadata`, `$fault`). */
export class SecurityHubServiceError extends Error {
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };
  readonly $fault: 'client' | 'server';

  constructor(name: string, message: string, httpStatusCode: number, requestId?: string) {
    super(message);
    this.name = name;
    this.$metadata = requestId === undefined ? { httpStatusCode } : { httpStatusCode, requestId };
    this.$fault = httpStatusCode >= 500 ? 'server' : 'client';
  }
}

/** Options for `createSecurityHubTransport`. */
export interface SecurityHubTransportOptions {
  readonly region: string;
  /** A local server (securityhub-local). Default: the Region's Security Hub endpoint. */
  readonly endpoint?: string;
  /** Default: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (Lambda sets them). */
  readonly credentials?: AwsCredentialsSource;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// REST-JSON errors: the `x-amzn-errortype` header (`Name:uri`), else the body's `__type`/`code`.
function toServiceError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
) {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page...): the status decides.
  }
  const fromBody = parsed.__type ?? parsed.code ?? parsed.Code;
  const raw = header(headers['x-amzn-errortype']) ?? (typeof fromBody === 'string' ? fromBody : undefined);
  const name =
    raw?.split(':')[0]?.split('#').pop() || (status === 429 ? 'ThrottlingException' : `Http${status}`);
  const message = parsed.Message ?? parsed.message;
  return new SecurityHubServiceError(
    name,
    typeof message === 'string' ? message : `Security Hub answered ${status}.`,
    status,
    header(headers['x-amzn-requestid']),
  );
}

/**
 * A signed `POST /findings/import` over keep-alive HTTPS: all the handler needs from Security Hub. The SDK
 * client would add its whole ASFF model (about 170 KiB of schemas) to the bundle only to serialise findings
 * that are already JSON.
 */
export function createSecurityHubTransport(options: SecurityHubTransportOptions): SecurityHubTransport {
  const requester = createSignedRequester({
    service: 'securityhub',
    region: options.region,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const base = new URL(options.endpoint ?? `https://${toServiceHost('securityhub', options.region)}`);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}/findings/import`, base);

  return {
    async batchImportFindings(body, { abortSignal }) {
      const response = await requester.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body, 'utf8'),
        ...(abortSignal === undefined ? {} : { abortSignal }),
      });
      const text = response.body.toString('utf8');
      if (response.status < 200 || response.status >= 300)
        throw toServiceError(response.status, response.headers, text);
      try {
        return JSON.parse(text) as BatchImportFindingsResponse;
      } catch {
        throw new SecurityHubServiceError('InternalException', 'The response is not JSON.', 502);
      }
    },
  };
}

/**
 * A transport using an SDK `SecurityHubClient`'s Region, endpoint and credentials (the SDK's credential
 * chain, profiles included) but sending through `createSecurityHubTransport`.
 */
export function toSecurityHubTransport(
  client: SecurityHubClient | SecurityHubTransport,
): SecurityHubTransport {
  if ('batchImportFindings' in client && typeof client.batchImportFindings === 'function') return client;
  const sdk = client as SecurityHubClient;
  let transport: Promise<SecurityHubTransport> | undefined;
  const resolve = async (): Promise<SecurityHubTransport> => {
    const config = sdk.config;
    const region = await config.region();
    const endpoint = config.endpoint === undefined ? undefined : await config.endpoint();
    const url =
      endpoint === undefined
        ? undefined
        : `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path ?? ''}`;
    return createSecurityHubTransport({
      region,
      ...(url === undefined ? {} : { endpoint: url }),
      credentials: async () => config.credentials(),
    });
  };
  return {
    async batchImportFindings(body, options) {
      transport ??= resolve();
      return (await transport).batchImportFindings(body, options);
    },
  };
}
