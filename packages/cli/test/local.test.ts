import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { runCli } from './helpers/run-cli.js';

const MIXED = join(import.meta.dirname, 'fixtures/mixed.log');

describe('otbridge local', () => {
  it('prints the local pipeline options with --help', async () => {
    const run = await runCli(['local', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: otbridge local');
    expect(run.stdout).toContain('--once');
  });

  it('refuses a configured project whose bundle was not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otbridge-local-'));
    writeFileSync(join(dir, 'otbridge.config.json'), '{ "builtinParsers": ["dragos"] }');
    const run = await runCli(['local', '--once', '--in-memory'], { cwd: dir });
    expect(run.code).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain('run `otbridge bundle` first');
  });

  it('runs the whole pipeline once over a corpus and prints the findings by vendor', async () => {
    const run = await runCli(['local', '--once', '--in-memory', '--syslog-port', '0', '--corpus', MIXED], {
      timeoutMs: 150_000,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('findings by vendor and severity');
    expect(run.stdout).toMatch(/dragos/);
  }, 160_000);
});
