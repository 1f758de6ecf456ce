import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsSecurityFinding } from '@otbridge/core';
import { validateFinding } from '@otbridge/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { parseNdjson, runCli } from './helpers/run-cli.js';

const MIXED = join(import.meta.dirname, 'fixtures/mixed.log');
const NOW = '2026-01-01T00:00:00.000Z';
const mixedLines = readFileSync(MIXED, 'utf8').split('\n');
const goodLines = mixedLines.slice(0, 3).join('\n');

describe('otbridge parse', () => {
  it('writes one valid NDJSON finding per line and diagnostics with file:line on stderr, exit 1 on rejects', async () => {
    const run = await runCli(['parse', '--now', NOW, MIXED]);
    expect(run.code).toBe(EXIT_CODES.rejected);
    const findings = parseNdjson<AwsSecurityFinding>(run.stdout);
    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      expect(validateFinding(finding)).toEqual({ valid: true });
      expect(finding.AwsAccountId).toBe('123456789012');
    }
    expect(findings.map((f) => f.ProductFields?.['otbridge/parser/id'])).toEqual([
      'dragos',
      'claroty',
      'nozomi',
    ]);
    expect(run.stderr).toMatch(/mixed\.log:5(:\d+)?: error cef\/missing-header/);
    // Same input and --now: byte-identical output.
    expect((await runCli(['parse', '--now', NOW, MIXED])).stdout).toBe(run.stdout);
  });

  it('exits 0 with --allow-rejects and 0 when nothing is rejected', async () => {
    expect((await runCli(['parse', '--allow-rejects', MIXED])).code).toBe(EXIT_CODES.success);
    const clean = await runCli(['parse'], { input: goodLines });
    expect(clean.code).toBe(EXIT_CODES.success);
    expect(parseNdjson(clean.stdout)).toHaveLength(3);
  });

  it('reads stdin when no file is given and names it <stdin>', async () => {
    const run = await runCli(['parse', '-q'], { input: 'garbage\n' });
    expect(run.code).toBe(EXIT_CODES.rejected);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('<stdin>:1');
  });

  it('applies account, region, partition and product ARN to every finding', async () => {
    const productArn = 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default';
    const run = await runCli(
      ['parse', '--account', '111122223333', '--region', 'us-gov-west-1', '--product-arn', productArn],
      { input: goodLines },
    );
    expect(run.code).toBe(0);
    const findings = parseNdjson<AwsSecurityFinding>(run.stdout);
    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      expect(finding.AwsAccountId).toBe('111122223333');
      expect(finding.ProductArn).toBe(productArn);
    }
  });

  it('prints a summary by vendor, outcome and severity', async () => {
    const run = await runCli(['parse', '--summary', '--format', 'json', MIXED]);
    const summary = JSON.parse(run.stdout) as {
      lines: number;
      finding: number;
      skipped: number;
      rejected: number;
      rows: { vendor: string; outcome: string; severity: string; count: number }[];
    };
    expect(summary).toMatchObject({ lines: 5, finding: 3, skipped: 1, rejected: 1 });
    expect(summary.rows).toContainEqual({
      vendor: 'claroty',
      outcome: 'finding',
      severity: 'CRITICAL',
      count: 1,
    });
    expect(summary.rows).toContainEqual({ vendor: 'dragos', outcome: 'skipped', severity: '-', count: 1 });
    const table = await runCli(['parse', '--summary', MIXED]);
    expect(table.stdout).toMatch(/VENDOR\s+OUTCOME\s+SEVERITY\s+COUNT/);
    expect(table.stdout).toContain('5 lines: 3 findings, 1 skipped, 1 rejected');
  });

  it('turns skipped audit events into findings with --include-skipped', async () => {
    const skipped = mixedLines[3] ?? '';
    const without = await runCli(['parse', '-v'], { input: skipped });
    expect(parseNdjson(without.stdout)).toHaveLength(0);
    expect(without.stderr).toMatch(/<stdin>:1: skipped by dragos/);
    const withSkipped = await runCli(['parse', '--include-skipped'], { input: skipped });
    const [finding] = parseNdjson<AwsSecurityFinding>(withSkipped.stdout);
    expect(finding?.Severity?.Label).toBe('INFORMATIONAL');
  });

  it('forces a parser with --vendor and refuses an unknown one with a usage error', async () => {
    const dragosLine = mixedLines[0] ?? '';
    const forced = await runCli(['parse', '--vendor', 'generic-cef'], { input: dragosLine });
    const [finding] = parseNdjson<AwsSecurityFinding>(forced.stdout);
    expect(finding?.ProductFields?.['otbridge/parser/id']).toBe('generic-cef');
    const unknown = await runCli(['parse', '--vendor', 'acme'], { input: dragosLine });
    expect(unknown.code).toBe(EXIT_CODES.usage);
    expect(unknown.stderr).toMatch(/no parser 'acme'; registered: dragos, claroty, nozomi, generic-cef/);
  });

  it('tokenizes strictly with --strict (spec violations reject) and leniently by default', async () => {
    // An unescaped "=" inside a value is a spec violation: a warning when lenient, an error when strict.
    const line = 'CEF:0|Acme|Sensor|1.0|100|Odd value|5|msg=a=b src=192.0.2.1';
    const lenient = await runCli(['parse'], { input: line });
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning cef/unescaped-equals');
    const strict = await runCli(['parse', '--strict'], { input: line });
    expect(strict.code).toBe(EXIT_CODES.rejected);
    expect(strict.stderr).toContain('error cef/unescaped-equals');
    const both = await runCli(['parse', '--strict', '--lenient'], { input: line });
    expect(both.code).toBe(EXIT_CODES.usage);
  });

  it('renders a table for people, without colour codes when not on a TTY', async () => {
    const run = await runCli(['parse', '--format', 'table', MIXED]);
    expect(run.stdout).toMatch(/LINE\s+OUTCOME\s+PARSER\s+SEVERITY/);
    expect(run.stdout).toMatch(/mixed\.log:2\s+finding\s+claroty\s+CRITICAL/);
    expect(run.stdout + run.stderr).not.toContain('\u001b[');
    const forced = await runCli(['parse', MIXED], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
  });

  it('reports an unreadable file as a usage error', async () => {
    const run = await runCli(['parse', join(import.meta.dirname, 'fixtures/missing.log')]);
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('ENOENT');
  });

  it('uses the parsers and options of otbridge.config.json', async () => {
    const dir = join(import.meta.dirname, 'fixtures/config-dragos-only');
    const run = await runCli(['parse', '--now', NOW], { input: goodLines, cwd: dir });
    const findings = parseNdjson<AwsSecurityFinding>(run.stdout);
    // Only dragos is kept: the Claroty and Nozomi lines fall back to the generic CEF parser.
    expect(findings.map((f) => f.ProductFields?.['otbridge/parser/id'])).toEqual([
      'dragos',
      'generic-cef',
      'generic-cef',
    ]);
  });

  it('has --help on the command', async () => {
    const run = await runCli(['parse', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--allow-rejects');
    expect(run.stdout).toContain('--include-skipped');
  });
});
