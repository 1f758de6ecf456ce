import type { AwsSecurityFinding, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { genericCefParser } from '@otbridge/core';
import { startSecurityHubLocal } from '@otbridge/securityhub-local';
import type { KinesisStreamRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createInvocationContext, createKinesisHandler, createSecurityHubClient } from '../src/index.js';
import { LOCAL_CREDENTIALS } from './helpers/local-servers.js';

const ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  OTBRIDGE_AWS_ACCOUNT_ID: '123456789012',
  OTBRIDGE_QUARANTINE_BUCKET: 'unused',
  OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: '0',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

function record(index: number, line: string): KinesisStreamRecord {
  const sequenceNumber = String(1_000_000 + index);
  return {
    awsRegion: 'us-east-1',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    eventSource: 'aws:kinesis',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/test',
    eventVersion: '1.0',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/test',
    kinesis: {
      data: Buffer.from(`${line}\n`).toString('base64'),
      sequenceNumber,
      partitionKey: 'p',
      kinesisSchemaVersion: '1.0',
      approximateArrivalTimestamp: 1_767_225_600 + index,
    },
  };
}

/** A real SDK client to the local server, with a middleware that reads each call's findings from the signed request body. */
function createObservedClient(url: string, onCall: (findings: readonly AwsSecurityFinding[]) => void) {
  const client: SecurityHubClient = createSecurityHubClient({
    region: 'us-east-1',
    securityHubEndpoint: url,
    requestTimeoutMs: 10_000,
    credentials: LOCAL_CREDENTIALS,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
      onCall((JSON.parse(String(body)) as { Findings: AwsSecurityFinding[] }).Findings);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'otbridgeTestObserver' },
  );
  return client;
}

const alert = (id: string, receiptTime = 'Jan 01 2026 00:00:00') =>
  `CEF:0|Acme|OT IDS|1.0|sig-1|Unauthorized write|7|externalId=${id} rt=${receiptTime} src=192.0.2.1 dst=198.51.100.7`;

describe('pipelined import', () => {
  it('starts importing while the batch is still being parsed, and delivers every finding once', async () => {
    const server = await startSecurityHubLocal({ quota: false, accountId: '123456789012' });
    try {
      let normalized = 0;
      const parsedAtCall: number[] = [];
      const securityHubClient = createObservedClient(server.url, () => parsedAtCall.push(normalized));
      const handler = createKinesisHandler({
        parsers: [],
        // The generic parser, counting the lines it has normalised so far.
        fallback: {
          ...genericCefParser,
          normalize: (cef, context) => {
            normalized++;
            return genericCefParser.normalize(
              cef,
              context as Parameters<typeof genericCefParser.normalize>[1],
            );
          },
        },
        environment: ENVIRONMENT,
        credentials: LOCAL_CREDENTIALS,
        securityHubClient,
      });
      const records = Array.from({ length: 1_000 }, (_, i) => record(i, alert(`evt-${i}`)));
      const response = await handler({ Records: records }, createInvocationContext({ timeoutMs: 60_000 }));
      expect(response.batchItemFailures).toEqual([]);
      expect(server.store.size).toBe(1_000);
      expect(parsedAtCall).toHaveLength(10);
      // The first call leaves when its 100 findings are ready, long before the 1,000th line is parsed.
      expect(parsedAtCall[0]).toBeLessThan(500);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('sends a newer version of an already sent Id again; an older one shares the fate of the sent version', async () => {
    const server = await startSecurityHubLocal({ quota: false, accountId: '123456789012' });
    try {
      const sent: { Id?: string | undefined; UpdatedAt?: string | undefined }[][] = [];
      const securityHubClient = createObservedClient(server.url, (findings) =>
        sent.push(findings.map(({ Id, UpdatedAt }) => ({ Id, UpdatedAt }))),
      );
      const outcomes: { sequenceNumber: string; outcome: string; findingId?: string }[] = [];
      const handler = createKinesisHandler({
        parsers: [],
        environment: { ...ENVIRONMENT, OTBRIDGE_IMPORT_CONCURRENCY: '1' },
        credentials: LOCAL_CREDENTIALS,
        securityHubClient,
        onLineOutcome: (outcome) => outcomes.push(outcome),
      });
      // evt-0..99 fill the first call, which leaves when evt-100 opens the second. evt-0 again, older, joins
      // the version sent; evt-101..199 fill the second call; evt-0 again, newer, is sent in a third.
      const lines = Array.from({ length: 101 }, (_, i) => alert(`evt-${i}`, 'Jan 01 2026 00:00:00'));
      lines.push(alert('evt-0', 'Dec 31 2025 23:00:00'));
      for (let i = 101; i < 200; i++) lines.push(alert(`evt-${i}`, 'Jan 01 2026 00:00:00'));
      lines.push(alert('evt-0', 'Jan 01 2026 00:05:00'));
      const records = lines.map((line, i) => record(i, line));
      const response = await handler({ Records: records }, createInvocationContext({ timeoutMs: 60_000 }));
      expect(response.batchItemFailures).toEqual([]);
      expect(sent.map((findings) => findings.length)).toEqual([100, 100, 1]);
      const first = sent[0]?.[0];
      const again = sent[2]?.find((finding) => finding.Id === first?.Id);
      expect((again?.UpdatedAt ?? '') > (first?.UpdatedAt ?? '')).toBe(true);
      expect(outcomes).toHaveLength(202);
      expect(outcomes.every((outcome) => outcome.outcome === 'imported')).toBe(true);
      expect(server.store.size).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);
});
