import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

/** A running s3rver on loopback, holding the quarantine bucket. */
export interface EmbeddedS3 {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts s3rver with `bucket` created; objects live under `directory` (kept across restarts). */
export async function startEmbeddedS3(options: {
  directory: string;
  bucket: string;
  port?: number;
  host?: string;
}): Promise<EmbeddedS3> {
  mkdirSync(options.directory, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const server = new S3rver({
    port: options.port ?? 0,
    address: host,
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  const address = await server.run();
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${address.port}`,
    port: address.port,
    close() {
      closing ??= server.close();
      return closing;
    },
  };
}
