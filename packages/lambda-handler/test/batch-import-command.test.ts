import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AwsSecurityFinding, BatchImportFindingsCommand } from '@aws-sdk/client-securityhub';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBatchImportCommand,
  createSecurityHubClient,
  SERIALIZED_BODY_MIDDLEWARE,
  toSizedFinding,
} from '../src/index.js';
import { makeFinding } from './helpers/findings.js';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

// A loopback server that records each request and answers as BatchImportFindings does on success.
let server: Server;
let endpoint: string;
const captured: CapturedRequest[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      captured.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      const count = (JSON.parse(body.toString('utf8')) as { Findings: unknown[] }).Findings.length;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ SuccessCount: count, FailedCount: 0, FailedFindings: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client() {
  return createSecurityHubClient({
    region: 'us-east-1',
    securityHubEndpoint: endpoint,
    requestTimeoutMs: 5_000,
    credentials: CREDENTIALS,
  });
}

/** Every golden finding of the three vendor parsers: the shapes the handler really sends. */
function goldenFindings(): AwsSecurityFinding[] {
  const findings: AwsSecurityFinding[] = [];
  for (const vendor of ['dragos', 'claroty', 'nozomi']) {
    const dir = join(import.meta.dirname, '../..', `parser-${vendor}`, 'test', 'fixtures', 'valid');
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.asff.json')))
      findings.push(JSON.parse(readFileSync(join(dir, file), 'utf8')) as AwsSecurityFinding);
  }
  return findings;
}

/** The SDK's `Checksum` interface over node:crypto (SHA-256, or HMAC-SHA-256 with a secret). */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key =
      secret === undefined || typeof secret === 'string'
        ? secret
        : secret instanceof ArrayBuffer
          ? new Uint8Array(secret)
          : new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
    this.#hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(
      typeof data === 'string' || !(data instanceof ArrayBuffer)
        ? (data as string | Uint8Array)
        : new Uint8Array(data),
    );
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

describe('createBatchImportCommand', () => {
  it('sends the findings JSON as serialised once, and the SDK reads the response', async () => {
    const findings = [
      makeFinding('a'),
      { ...makeFinding('b'), Description: 'Zürich – 東京 😀 "quoted" \\ back\nslash' },
    ];
    captured.length = 0;
    const response = await client().send(createBatchImportCommand(findings.map(toSizedFinding)));
    expect(response.SuccessCount).toBe(2);
    expect(response.FailedFindings).toEqual([]);
    const [request] = captured;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/findings/import');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(Number(request?.headers['content-length'])).toBe(request?.body.length);
    expect(JSON.parse(request?.body.toString('utf8') ?? '')).toEqual({ Findings: findings });
  });

  it('writes the same request body as the SDK serialiser, for every vendor golden finding', async () => {
    const findings = goldenFindings();
    expect(findings.length).toBeGreaterThan(40);
    captured.length = 0;
    await client().send(new BatchImportFindingsCommand({ Findings: findings }));
    await client().send(createBatchImportCommand(findings.map(toSizedFinding)));
    const [bySdk, byUs] = captured.map((request) => JSON.parse(request.body.toString('utf8')));
    expect(byUs).toEqual(bySdk);
  });

  it('is signed over the body it sends (SigV4 recomputed from the request as received)', async () => {
    captured.length = 0;
    await client().send(createBatchImportCommand([toSizedFinding(makeFinding('signed'))]));
    const [request] = captured;
    if (request === undefined) throw new Error('no request captured');
    const authorization = String(request.headers.authorization);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    expect(signedHeaders).toEqual(expect.arrayContaining(['content-length', 'x-amz-content-sha256']));
    // The signed payload hash is the hash of the body received, not of the SDK's `{"Findings":[]}` placeholder.
    const sha256Hex = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
    expect(request.headers['x-amz-content-sha256']).toBe(sha256Hex(request.body));
    expect(request.headers['x-amz-content-sha256']).not.toBe(sha256Hex('{"Findings":[]}'));
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = String(request.headers[name]);
    const amzDate = String(request.headers['x-amz-date']);
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:` +
        `${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const signer = new SignatureV4({
      credentials: CREDENTIALS,
      region: 'us-east-1',
      service: 'securityhub',
      sha256: Sha256,
    });
    const url = new URL(request.path, endpoint);
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: {},
        headers,
        body: request.body.toString('utf8'),
      },
      { signingDate },
    );
    expect(signed.headers.authorization).toBe(authorization);
  });

  it('adds its middleware to the command only, named for the SDK stack', () => {
    const command = createBatchImportCommand([toSizedFinding(makeFinding('x'))]);
    expect(command.middlewareStack.identify().join('\n')).toContain(SERIALIZED_BODY_MIDDLEWARE);
    expect(command.input).toEqual({ Findings: [] });
  });
});
