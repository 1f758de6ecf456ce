import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchImportFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { makeFinding } from './helpers/fixtures.js';

const require = createRequire(import.meta.url);
const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

// Runs the bin from source through tsx with the workspace-source condition, prints the first stdout line.
function startCli(args: string[]) {
  const tsx = require.resolve('tsx/cli');
  const child = spawn(process.execPath, [tsx, '--conditions=@otbridge/source', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listening = new Promise<string>((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${errors}`)));
  });
  const stopped = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, listening, stopped };
}

function clientFor(endpoint: string) {
  return new SecurityHubClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
}

describe('securityhub-local bin', () => {
  it('prints the listening line, serves the API and keeps findings across a restart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'securityhub-local-cli-'));
    const dataFile = join(directory, 'findings.json');
    try {
      const first = startCli(['--port', '0', '--data', dataFile, '--accept-all']);
      const url = await first.listening;
      await clientFor(url).send(new BatchImportFindingsCommand({ Findings: [makeFinding('cli')] }));
      first.child.kill('SIGTERM');
      expect(await first.stopped).toBe(0);

      const second = startCli(['--port', '0', '--data', dataFile, '--no-quota']);
      const secondUrl = await second.listening;
      const result = await clientFor(secondUrl).send(new GetFindingsCommand({}));
      expect(result.Findings?.map((finding) => finding.Id)).toEqual(['cli']);
      second.child.kill('SIGTERM');
      expect(await second.stopped).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);

  it('answers imports but keeps nothing with --discard-findings', async () => {
    const server = startCli(['--port', '0', '--accept-all', '--discard-findings']);
    try {
      const client = clientFor(await server.listening);
      const imported = await client.send(
        new BatchImportFindingsCommand({ Findings: [makeFinding('kept-nowhere')] }),
      );
      expect(imported.SuccessCount).toBe(1);
      expect((await client.send(new GetFindingsCommand({}))).Findings).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.stopped).toBe(0);
  }, 30_000);

  it('exits with status 2 on an unknown option', async () => {
    const { listening, stopped } = startCli(['--bogus']);
    listening.catch(() => {});
    expect(await stopped).toBe(2);
  }, 30_000);
});
