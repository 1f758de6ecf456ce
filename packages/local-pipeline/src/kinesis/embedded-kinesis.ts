import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';

const require = createRequire(import.meta.url);

type KinesaliteFactory = (options: { path?: string; createStreamMs?: number; shardLimit?: number }) => Server;

/** A running kinesalite on loopback. */
export interface EmbeddedKinesis {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts kinesalite in-process; `path` keeps the stream on disk (LevelDB), otherwise in memory. */
export async function startEmbeddedKinesis(options: {
  port?: number;
  host?: string;
  path?: string;
}): Promise<EmbeddedKinesis> {
  const kinesalite = require('kinesalite') as KinesaliteFactory;
  if (options.path !== undefined) mkdirSync(options.path, { recursive: true });
  const server = kinesalite({
    createStreamMs: 10,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closing;
    },
  };
}

/** Creates the stream when it does not exist and waits until it is ACTIVE; returns its ARN. */
export async function ensureStream(
  client: KinesisClient,
  streamName: string,
  options: { shardCount: number; create: boolean; timeoutMs?: number },
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let created = false;
  for (;;) {
    try {
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      const description = summary.StreamDescriptionSummary;
      if (description?.StreamStatus === 'ACTIVE' || description?.StreamStatus === 'UPDATING') {
        return description.StreamARN ?? '';
      }
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      if (!options.create) {
        throw new Error(
          `Kinesis stream '${streamName}' does not exist; create it or pass another --stream.`,
          {
            cause: error,
          },
        );
      }
      if (!created) {
        await client.send(
          new CreateStreamCommand({ StreamName: streamName, ShardCount: options.shardCount }),
        );
        created = true;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`Kinesis stream '${streamName}' did not become ACTIVE in time.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
