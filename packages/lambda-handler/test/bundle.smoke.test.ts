import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSecurityHubLocal } from '@otbridge/securityhub-local';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createInvocationContext } from '../src/index.js';
import { LOCAL_CREDENTIALS, readQuarantine, startS3 } from './helpers/local-servers.js';

const ROOT = join(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'index.mjs');

describe('built bundle (dist/index.mjs)', () => {
  it('processes a fixture Kinesis event end to end against local Security Hub and S3', async () => {
    if (!existsSync(BUNDLE)) execFileSync('pnpm', ['build'], { cwd: ROOT, stdio: 'inherit' });
    const server = await startSecurityHubLocal({ quota: false, accountId: '123456789012' });
    const s3 = await startS3('smoke-quarantine');
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      OTBRIDGE_SECURITYHUB_ENDPOINT: server.url,
      OTBRIDGE_S3_ENDPOINT: s3.url,
      OTBRIDGE_QUARANTINE_BUCKET: 'smoke-quarantine',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      const bundle = (await import(pathToFileURL(BUNDLE).href)) as {
        handler: (event: KinesisStreamEvent, context: unknown) => Promise<KinesisStreamBatchResponse>;
      };
      const event = JSON.parse(
        readFileSync(join(ROOT, 'test/fixtures/events/kinesis-fluentd-three-vendors.json'), 'utf8'),
      );
      const response = await bundle.handler(event, createInvocationContext({ timeoutMs: 10_000 }));
      expect(response).toEqual({ batchItemFailures: [] });
      expect(server.store.size).toBe(3);
      const parserIds = server.store
        .findings()
        .map((f) => (f.ProductFields as Record<string, string>)['otbridge/parser/id']);
      expect(parserIds.sort()).toEqual(['claroty', 'dragos', 'nozomi']);
      const quarantine = [
        ...(
          await readQuarantine(
            new (
              await import('@aws-sdk/client-s3')
            ).S3Client({
              region: 'us-east-1',
              endpoint: s3.url,
              forcePathStyle: true,
              credentials: LOCAL_CREDENTIALS,
            }),
            'smoke-quarantine',
          )
        ).values(),
      ];
      expect(quarantine.flatMap((o) => o.entries.map((e) => e.reason))).toEqual(['rejected']);
    } finally {
      await server.close();
      await s3.close();
    }
  }, 120_000);
});
