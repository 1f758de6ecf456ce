import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type FindingValidator,
  type SecurityHubLocal,
  startSecurityHubLocal,
} from '@otbridge/securityhub-local';
import { afterEach, describe, expect, it } from 'vitest';
import { createFindingsImporter, createRateLimiter, createSecurityHubClient } from '../src/index.js';
import { makeFinding } from './helpers/findings.js';

process.env.AWS_ACCESS_KEY_ID ??= 'fake';
process.env.AWS_SECRET_ACCESS_KEY ??= 'fake';

// The server validates with this: a Title containing "reject" is an InvalidInput, as a schema violation would be.
const validate: FindingValidator = (finding) =>
  String((finding as { Title?: string }).Title).includes('reject')
    ? {
        valid: false as const,
        errors: [
          {
            pointer: '/Title',
            rule: 'test',
            message: 'rejected by the test',
            serviceErrorCode: 'InvalidInput',
          },
        ],
      }
    : { valid: true };

let server: SecurityHubLocal | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(
  options: Parameters<typeof startSecurityHubLocal>[0],
  importer: { maxAttempts?: number; rate?: number } = {},
) {
  server = await startSecurityHubLocal({ validate, quota: false, ...options });
  return createFindingsImporter({
    client: createSecurityHubClient({
      region: 'us-east-1',
      securityHubEndpoint: server.url,
      requestTimeoutMs: 5000,
    }),
    rateLimiter: createRateLimiter({ ratePerSecond: importer.rate ?? 0, burst: 1 }),
    maxAttempts: importer.maxAttempts ?? 6,
    backoffBaseMs: 5,
    backoffMaxMs: 50,
    concurrency: 2,
    requestTimeoutMs: 5000,
  });
}

const ids = (n: number, prefix = 'f') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('createFindingsImporter (against securityhub-local)', () => {
  it('imports 250 findings in three calls', async () => {
    const importer = await setUp({});
    const result = await importer.importFindings(
      ids(250).map((id) => makeFinding(id)),
      { deadline: Date.now() + 10_000 },
    );
    expect(result.accepted).toHaveLength(250);
    expect(result.calls).toBe(3);
    expect(server?.store.size).toBe(250);
  });

  it('splits FailedFindings into permanent (InvalidInput) and retried ones', async () => {
    const importer = await setUp({ faults: { findingErrorRate: 0.3, seed: 7 } });
    const findings = [...ids(40).map((id) => makeFinding(id)), makeFinding('bad', { title: 'reject me' })];
    const result = await importer.importFindings(findings, { deadline: Date.now() + 10_000 });
    expect(result.permanent.map((f) => [f.id, f.errorCode])).toEqual([['bad', 'InvalidInput']]);
    expect(result.retriedFindings).toBeGreaterThan(0);
    expect(result.accepted.length + result.retryable.length).toBe(40);
    expect(server?.store.size).toBe(result.accepted.length);
  });

  it('retries through throttling and 500s with back-off', async () => {
    const importer = await setUp({ faults: { throttleNextRequests: 3, failNextRequests: 2 } });
    const result = await importer.importFindings(
      ids(10).map((id) => makeFinding(id)),
      { deadline: Date.now() + 10_000 },
    );
    expect(result.accepted).toHaveLength(10);
    expect(result.throttledCalls).toBeGreaterThanOrEqual(1);
    expect(result.calls).toBeGreaterThan(1);
  });

  it('reports everything retryable in a throttling storm, never accepted', async () => {
    const importer = await setUp({ faults: { throttle: true } }, { maxAttempts: 3 });
    const result = await importer.importFindings(
      ids(150).map((id) => makeFinding(id)),
      { deadline: Date.now() + 10_000 },
    );
    expect(result.accepted).toEqual([]);
    expect(result.retryable).toHaveLength(150);
    expect(result.throttledCalls).toBe(6);
    expect(server?.store.size).toBe(0);
  });

  it('stops at the deadline with the rest retryable', async () => {
    const importer = await setUp({ faults: { latencyMs: 150 } }, { maxAttempts: 1 });
    const result = await importer.importFindings(
      ids(500).map((id) => makeFinding(id)),
      { deadline: Date.now() + 250 },
    );
    expect(result.accepted.length).toBeLessThan(500);
    expect(result.accepted.length + result.retryable.length).toBe(500);
    expect(new Set(result.retryable.map((f) => f.errorCode)).size).toBeGreaterThan(0);
  });

  it('rejects a finding over 240 KB without sending it, and AccessDenied is not retried', async () => {
    const importer = await setUp({ accountId: '999999999999' });
    const result = await importer.importFindings(
      [makeFinding('ok'), makeFinding('huge', { padding: 250 * 1024 })],
      {
        deadline: Date.now() + 5000,
      },
    );
    expect(result.permanent.map((f) => [f.id, f.errorCode])).toEqual([['huge', 'FindingTooLarge']]);
    expect(result.retryable.map((f) => [f.id, f.errorCode])).toEqual([['ok', 'AccessDeniedException']]);
    expect(result.calls).toBe(1);
  });

  it('uses explicit credentials, and defers (never quarantines) when the SDK credential chain finds none', async () => {
    server = await startSecurityHubLocal({ validate, quota: false });
    const importer = (credentials?: { accessKeyId: string; secretAccessKey: string }) =>
      createFindingsImporter({
        client: createSecurityHubClient({
          region: 'us-east-1',
          securityHubEndpoint: server!.url,
          requestTimeoutMs: 5000,
          ...(credentials === undefined ? {} : { credentials }),
        }),
        rateLimiter: createRateLimiter({ ratePerSecond: 0, burst: 1 }),
        maxAttempts: 3,
        backoffBaseMs: 5,
        backoffMaxMs: 50,
        concurrency: 2,
        requestTimeoutMs: 5000,
      });
    // An empty default chain: no variables, no shared files, no instance metadata (no off-host sockets).
    const names = [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_CONFIG_FILE',
      'AWS_EC2_METADATA_DISABLED',
    ] as const;
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    for (const name of names) delete process.env[name];
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/otbridge-credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/otbridge-config';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const explicit = await importer({ accessKeyId: 'local', secretAccessKey: 'local' }).importFindings(
        [makeFinding('a'), makeFinding('bad', { title: 'reject me' })],
        { deadline: Date.now() + 5000 },
      );
      expect(explicit.accepted).toEqual(['a']);
      expect(explicit.permanent.map((f) => [f.id, f.errorCode])).toEqual([['bad', 'InvalidInput']]);
      const none = await importer().importFindings([makeFinding('b')], { deadline: Date.now() + 5000 });
      expect(none.retryable.map((f) => [f.id, f.errorCode])).toEqual([['b', 'CredentialsProviderError']]);
      expect(none.permanent).toEqual([]);
      expect(none.calls).toBe(1);
      expect(server.store.size).toBe(1);
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it("classifies the SDK's ThrottlingException as throttling: counted, then retried", async () => {
    const importer = await setUp({ faults: { throttleNextRequests: 1 } }, { maxAttempts: 2 });
    const result = await importer.importFindings([makeFinding('t')], { deadline: Date.now() + 5000 });
    expect(result).toMatchObject({ accepted: ['t'], throttledCalls: 1, calls: 2, retriedFindings: 1 });
  });
});

describe('createFindingsImporter (answers that do not account for every finding)', () => {
  /** A loopback server answering BatchImportFindings with the given counts, call by call. */
  async function startAnswering(answers: ((sent: number) => object)[]) {
    const bodies: { Findings: { Id: string }[] }[] = [];
    const httpServer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Findings: { Id: string }[] };
        const answer = answers[Math.min(bodies.length, answers.length - 1)] as (sent: number) => object;
        bodies.push(body);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer(body.Findings.length)));
      });
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const importer = (maxAttempts: number) =>
      createFindingsImporter({
        client: createSecurityHubClient({
          region: 'us-east-1',
          securityHubEndpoint: url,
          requestTimeoutMs: 5000,
          credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
        }),
        rateLimiter: createRateLimiter({ ratePerSecond: 0, burst: 1 }),
        maxAttempts,
        backoffBaseMs: 1,
        backoffMaxMs: 5,
        concurrency: 1,
        requestTimeoutMs: 5000,
      });
    return {
      bodies,
      importer,
      close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
    };
  }
  const complete = (sent: number) => ({ SuccessCount: sent, FailedCount: 0, FailedFindings: [] });

  it('sends again the findings a short SuccessCount leaves unconfirmed, and accepts them once confirmed', async () => {
    const server = await startAnswering([
      () => ({ SuccessCount: 1, FailedCount: 0, FailedFindings: [] }),
      complete,
    ]);
    try {
      const result = await server.importer(3).importFindings(
        ids(3).map((id) => makeFinding(id)),
        { deadline: Date.now() + 10_000 },
      );
      expect(server.bodies.map((body) => body.Findings.length)).toEqual([3, 3]);
      expect(result.accepted.sort()).toEqual(ids(3));
      expect(result.retriedFindings).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('never reports success when FailedCount says more failed than FailedFindings lists', async () => {
    const server = await startAnswering([
      (sent) => ({ SuccessCount: sent - 1, FailedCount: 1, FailedFindings: [] }),
    ]);
    try {
      const result = await server.importer(2).importFindings(
        ids(2).map((id) => makeFinding(id)),
        { deadline: Date.now() + 10_000 },
      );
      expect(result.accepted).toEqual([]);
      expect(result.retryable.map((failure) => failure.errorCode)).toEqual([
        'IncompleteResponse',
        'IncompleteResponse',
      ]);
    } finally {
      await server.close();
    }
  });
});
