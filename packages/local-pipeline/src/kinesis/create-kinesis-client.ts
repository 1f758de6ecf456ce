import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Credentials for the embedded servers: s3rver accepts only its own pair; the others check none. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A Kinesis client over HTTP/1.1 (kinesalite fails every HTTP/2 call with `Protocol error`). Without
 * `endpoint` it uses the real service and the default credential chain.
 */
export function createKinesisClient(options: { region: string; endpoint?: string }): KinesisClient {
  return new KinesisClient({
    region: options.region,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 30_000 }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint, credentials: LOCAL_CREDENTIALS }),
  });
}
