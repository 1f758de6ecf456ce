import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsStaticCredentials } from './create-aws-clients.js';

/** Static credentials, or a provider the SDK way (called per request; cache inside it). */
export type AwsCredentialsSource = AwsStaticCredentials | (() => Promise<AwsStaticCredentials>);

/** A raw HTTP response. */
export interface SignedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** A SigV4 signer plus keep-alive HTTP(S), for the two calls the handler makes (no SDK client needed). */
export interface SignedRequester {
  send(input: {
    readonly method: 'POST' | 'PUT';
    readonly url: URL;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: Buffer;
    readonly abortSignal?: AbortSignal;
  }): Promise<SignedResponse>;
}

// node:crypto behind the interface SignatureV4 expects (`new Sha256(secret?)`, update, digest).
class NodeSha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : toBuffer(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }

  reset(): void {
    // SignatureV4 makes a new instance per digest; nothing to reset.
  }
}

function toBuffer(data: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
}

/** A credentials error shaped like the SDK's (`deferred` for the importer: not a record problem). */
export class MissingCredentialsError extends Error {
  override readonly name = 'CredentialsProviderError';
}

/** `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, as Lambda sets them for the role. */
export async function readEnvironmentCredentials(): Promise<AwsStaticCredentials> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new MissingCredentialsError(
      'No AWS credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set (Lambda sets them) and none were given.',
    );
  }
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** The Region's endpoint host of a service (`cn-` Regions use the China partition's domain). */
export function toServiceHost(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Builds a signer for one service and Region; S3 signs the path as sent (`uriEscapePath: false`). */
export function createSignedRequester(options: {
  readonly service: string;
  readonly region: string;
  readonly credentials?: AwsCredentialsSource;
  readonly uriEscapePath?: boolean;
}): SignedRequester {
  const credentials = options.credentials ?? readEnvironmentCredentials;
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: typeof credentials === 'function' ? credentials : async () => credentials,
    sha256: NodeSha256,
    uriEscapePath: options.uriEscapePath ?? true,
    applyChecksum: true,
  });
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 50 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 50 });

  return {
    async send(input) {
      const { url } = input;
      const port = url.port === '' ? undefined : Number(url.port);
      const signed = await signer.sign({
        method: input.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(port === undefined ? {} : { port }),
        path: url.pathname,
        query: {},
        headers: { ...input.headers, host: url.host, 'content-length': String(input.body.length) },
        body: input.body,
      });
      return new Promise<SignedResponse>((resolve, reject) => {
        const secure = url.protocol !== 'http:';
        const request = (secure ? httpsRequest : httpRequest)(
          {
            method: input.method,
            hostname: url.hostname,
            ...(port === undefined ? {} : { port }),
            path: url.pathname,
            headers: signed.headers,
            agent: secure ? httpsAgent : httpAgent,
            ...(input.abortSignal === undefined ? {} : { signal: input.abortSignal }),
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        request.on('error', reject);
        request.end(input.body);
      });
    },
  };
}
