import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { startSecurityHub } from './helpers/local-servers.js';
import { parseNdjson, runCli } from './helpers/run-cli.js';

const MIXED = join(import.meta.dirname, 'fixtures/mixed.log');
const lines = readFileSync(MIXED, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const goodLines = lines.slice(0, 3);
/** Distinct generic-CEF events: one finding each. */
const acmeLines = (count: number): string[] =>
  Array.from(
    { length: count },
    (_, i) =>
      `CEF:0|Acme|Sensor|1.0|100|Port scan ${i}|5|src=192.0.2.${i % 250} dst=198.51.100.7 externalId=evt-${i}`,
  );

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function hub(options: Parameters<typeof startSecurityHub>[0] = {}) {
  const started = await startSecurityHub(options);
  cleanups.push(async () => {
    started.client.destroy();
    await started.hub.close();
  });
  return started;
}

describe('otbridge import', () => {
  it('imports the findings of every line into Security Hub and exits 1 for the rejected line', async () => {
    const { hub: server, client } = await hub();
    const run = await runCli(['import', '--endpoint', server.url, MIXED]);
    expect(run.code).toBe(EXIT_CODES.rejected);
    expect(run.stderr).toContain(
      '5 lines: 3 findings, 1 skipped, 1 rejected; imported 3 findings in 1 BatchImportFindings calls',
    );
    const found = await client.send(new GetFindingsCommand({}));
    expect(found.Findings?.map((f) => f.ProductFields?.['otbridge/parser/id']).sort()).toEqual([
      'claroty',
      'dragos',
      'nozomi',
    ]);
  });

  it('prints the requests with --dry-run and sends nothing', async () => {
    const { hub: server } = await hub();
    const many = acmeLines(250);
    const run = await runCli(['import', '--dry-run', '--endpoint', server.url], { input: many.join('\n') });
    expect(run.code).toBe(0);
    const requests = parseNdjson<{ Findings: { Id: string }[] }>(run.stdout);
    expect(requests.map((r) => r.Findings.length)).toEqual([100, 100, 50]);
    expect(server.store.findings()).toHaveLength(0);
  });

  it('stays within the quota and retries throttled calls like the handler', async () => {
    // A tight quota (2 calls/s, burst 1) makes the service throttle a client that sends faster.
    const { hub: server } = await hub({ quota: { rate: 2, burst: 1 } });
    const many = acmeLines(400);
    // Enough attempts that jittered retries of the three throttled calls always get through the 2/s quota
    // (with the default 6 an unlucky run could give up on one: a rare failure of this test).
    const run = await runCli(
      ['import', '--endpoint', server.url, '--rate', '100', '--concurrency', '4', '--max-attempts', '20'],
      { input: many.join('\n') },
    );
    expect(run.stderr).toMatch(/\((\d+) retried, ([1-9]\d*) throttled\)/);
    expect(run.code).toBe(EXIT_CODES.success);
    expect(server.store.findings()).toHaveLength(400);
  });

  it('reports findings the service keeps failing as not delivered (exit 3)', async () => {
    const { hub: server } = await hub({ faults: { errorRate: 1 } });
    const run = await runCli(['import', '--endpoint', server.url, '--max-attempts', '2'], {
      input: goodLines.join('\n'),
    });
    expect(run.code).toBe(EXIT_CODES.unavailable);
    expect(run.stderr).toContain('3 not delivered');
    expect(run.stderr).toMatch(/<stdin>:1: error \S+: finding /);
  });

  it('has --help', async () => {
    const run = await runCli(['import', '--help']);
    expect(run.stdout).toContain('--dry-run');
  });
});
