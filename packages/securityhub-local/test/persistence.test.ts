import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
} from '@aws-sdk/client-securityhub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFinding, PRODUCT_ARN, startTestServer } from './helpers/fixtures.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'securityhub-local-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps findings and customer changes across a restart with the same data file', async () => {
    const dataFile = join(directory, 'nested', 'findings.json');
    const first = await startTestServer({ dataFile, persistDebounceMs: 10_000 });
    await first.client.send(
      new BatchImportFindingsCommand({ Findings: [makeFinding('p1'), makeFinding('p2')] }),
    );
    await first.client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'p1', ProductArn: PRODUCT_ARN }],
        Severity: { Label: 'LOW' },
      }),
    );
    await first.server.close();
    expect(await readdir(join(directory, 'nested'))).toEqual(['findings.json']);

    const second = await startTestServer({ dataFile });
    const result = await second.client.send(new GetFindingsCommand({}));
    expect(result.Findings?.map((finding) => finding.Id)).toEqual(['p1', 'p2']);
    // The customer-changed Severity survives a re-import after the restart too.
    await second.client.send(
      new BatchImportFindingsCommand({
        Findings: [
          makeFinding('p1', { UpdatedAt: '2026-01-05T00:00:00.000Z', Severity: { Label: 'CRITICAL' } }),
        ],
      }),
    );
    expect(second.server.store.get(PRODUCT_ARN, 'p1')?.Severity).toMatchObject({ Label: 'LOW' });
  });

  it('writes after the debounce without a close', async () => {
    const dataFile = join(directory, 'findings.json');
    const { client } = await startTestServer({ dataFile, persistDebounceMs: 20 });
    await client.send(new BatchImportFindingsCommand({ Findings: [makeFinding('d')] }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const data = JSON.parse(await readFile(dataFile, 'utf8')) as {
      findings: Array<{ finding: { Id: string } }>;
    };
    expect(data.findings.map((record) => record.finding.Id)).toEqual(['d']);
  });

  it('refuses a corrupt data file at start', async () => {
    const dataFile = join(directory, 'broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(dataFile, '{not json'));
    await expect(startTestServer({ dataFile })).rejects.toThrow(/not valid JSON/);
  });
});
