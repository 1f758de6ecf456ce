import type { S3Client } from '@aws-sdk/client-s3';
import {
  type AwsCredentialsSource,
  createSignedRequester,
  toServiceHost,
} from '../aws/send-signed-request.js';

/** Where quarantine objects are written: one PUT of a JSON body per object. */
export interface QuarantineStore {
  /** Writes (or overwrites) one object; throws `QuarantineStoreError` for an S3 error response. */
  putObject(input: PutQuarantineObjectInput): Promise<void>;
}

/** One object to write. */
export interface PutQuarantineObjectInput {
  readonly bucket: string;
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
  readonly abortSignal?: AbortSignal;
}

/** An S3 error response, shaped like the SDK's errors (`name` is S3's error code). */
export class QuarantineStoreError extends Error {
  readonly $metadata: { readonly httpStatusCode: number };

  constructor(code: string, message: string, httpStatusCode: number) {
    super(message);
    this.name = code;
    this.$metadata = { httpStatusCode };
  }
}

/** Options for `createS3QuarantineStore`. */
export interface S3QuarantineStoreOptions {
  readonly region: string;
  /** A local server (s3rver): path-style requests to this URL. Default: the Region's S3 endpoint. */
  readonly endpoint?: string;
  /** Static credentials or a provider (default: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`). */
  readonly credentials?: AwsCredentialsSource;
}

// RFC 3986 escaping of one key segment, as S3 expects in the path (signed without a second escaping).
function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A quarantine store that signs (SigV4) and sends S3 `PutObject` itself over node:http(s): the handler
 * needs nothing else from S3, and the full S3 client would add about 100 KiB to the bundle.
 */
export function createS3QuarantineStore(options: S3QuarantineStoreOptions): QuarantineStore {
  const requester = createSignedRequester({
    service: 's3',
    region: options.region,
    uriEscapePath: false,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const base = options.endpoint === undefined ? undefined : new URL(options.endpoint);

  return {
    async putObject(input) {
      const keyPath = input.key.split('/').map(escapeSegment).join('/');
      // Path-style for local servers and for bucket names that are not one DNS label (dots break TLS).
      const virtualHosted = base === undefined && /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(input.bucket);
      const host = toServiceHost('s3', options.region);
      const url = new URL(base?.href ?? `https://${virtualHosted ? `${input.bucket}.${host}` : host}/`);
      const basePath = url.pathname.replace(/\/+$/, '');
      url.pathname = virtualHosted ? `/${keyPath}` : `${basePath}/${escapeSegment(input.bucket)}/${keyPath}`;
      const response = await requester.send({
        method: 'PUT',
        url,
        headers: { 'content-type': input.contentType },
        body: Buffer.from(input.body, 'utf8'),
        ...(input.abortSignal === undefined ? {} : { abortSignal: input.abortSignal }),
      });
      if (response.status >= 200 && response.status < 300) return;
      const text = response.body.toString('utf8');
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `Http${response.status}`;
      const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `S3 answered ${response.status}.`;
      throw new QuarantineStoreError(code, message, response.status);
    },
  };
}

/**
 * A store writing with the settings of an SDK `S3Client` (its Region, endpoint and credentials) but
 * through `createS3QuarantineStore`, so passing a client does not pull the S3 commands into the bundle.
 */
export function toQuarantineStore(client: S3Client | QuarantineStore): QuarantineStore {
  if ('putObject' in client && typeof client.putObject === 'function') return client;
  const s3 = client as S3Client;
  let store: Promise<QuarantineStore> | undefined;
  const resolveStore = async (): Promise<QuarantineStore> => {
    const config = s3.config;
    const region = await config.region();
    const endpoint = config.endpoint === undefined ? undefined : await config.endpoint();
    const url =
      endpoint === undefined
        ? undefined
        : `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path ?? ''}`;
    return createS3QuarantineStore({
      region,
      ...(url === undefined ? {} : { endpoint: url }),
      credentials: async () => config.credentials(),
    });
  };
  return {
    async putObject(input) {
      store ??= resolveStore();
      return (await store).putObject(input);
    },
  };
}
