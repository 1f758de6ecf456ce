// Findings/s through BatchImportFindings with the real SDK client, accept-all versus validated.
// Run: pnpm --filter @otbridge/securityhub-local bench
import { Agent, request } from 'node:http';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { startSecurityHubLocal } from '../src/index.js';

const ACCOUNT = '123456789012';
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 300);
const CONCURRENCY = 8;

function makeBatch(offset: number) {
  const at = '2026-01-01T00:00:00.000Z';
  return Array.from({ length: 100 }, (_, index) => ({
    SchemaVersion: '2018-10-08',
    Id: `bench/${offset + index}`,
    ProductArn: PRODUCT_ARN,
    GeneratorId: 'bench/generator',
    AwsAccountId: ACCOUNT,
    Types: ['Unusual Behaviors/Network Flow'],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: 'HIGH' as const, Original: '8' },
    FindingProviderFields: {
      Severity: { Label: 'HIGH' as const, Original: '8' },
      Types: ['Unusual Behaviors/Network Flow'],
    },
    Title: `Bench finding ${offset + index}`,
    Description: 'x'.repeat(400),
    ProductFields: { 'otbridge/parser/id': 'bench', 'otbridge/parser/version': '1.0.0' },
    Resources: [
      {
        Type: 'Other',
        Id: `ot-asset/bench/192.0.2.${index}`,
        Details: { Other: { ip: `192.0.2.${index}` } },
      },
    ],
  }));
}

async function run(label: string, acceptAll: boolean): Promise<void> {
  const server = await startSecurityHubLocal({ acceptAll, quota: false });
  const client = new SecurityHubClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  const batches = Array.from({ length: BATCHES }, (_, index) => makeBatch(index * 100));
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const result = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
        failed += result.FailedCount ?? 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const findings = BATCHES * 100;
  console.log(
    `${label}: ${findings} findings in ${seconds.toFixed(2)} s = ${Math.round(findings / seconds)} findings/s ` +
      `(${Math.round(BATCHES / seconds)} requests/s, ${failed} failed, client and server in one process)`,
  );
  client.destroy();
  await server.close();
}

// Server capacity alone: pre-serialised bodies over a keep-alive agent, no SDK on the client side.
async function runRaw(label: string, acceptAll: boolean): Promise<void> {
  const server = await startSecurityHubLocal({ acceptAll, quota: false });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bodies = Array.from({ length: BATCHES }, (_, index) =>
    JSON.stringify({ Findings: makeBatch(index * 100) }),
  );
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const call = request(`${server.url}/findings/import`, { method: 'POST', agent }, (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(String(response.statusCode))),
        );
      });
      call.on('error', reject);
      call.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) await post(bodies[next++]!);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${Math.round((BATCHES * 100) / seconds)} findings/s (raw HTTP client, no SDK)`);
  agent.destroy();
  await server.close();
}

await run('accept-all', true);
await run('validated ', false);
await runRaw('accept-all raw', true);
await runRaw('validated  raw', false);
