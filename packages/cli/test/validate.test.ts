import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { parseNdjson, runCli } from './helpers/run-cli.js';

const MIXED = join(import.meta.dirname, 'fixtures/mixed.log');
const goodLines = readFileSync(MIXED, 'utf8').split('\n').slice(0, 3).join('\n');

interface ProblemLine {
  source: string;
  line?: number;
  pointer: string;
  rule: string;
  message: string;
  findingId?: string;
}

async function parsedFindings(): Promise<Record<string, unknown>[]> {
  const run = await runCli(['parse'], { input: goodLines });
  return parseNdjson<Record<string, unknown>>(run.stdout);
}

describe('otbridge validate', () => {
  it('accepts what parse produces (NDJSON on stdin), exit 0', async () => {
    const findings = await parsedFindings();
    const run = await runCli(['validate'], { input: findings.map((f) => JSON.stringify(f)).join('\n') });
    expect(run.code).toBe(EXIT_CODES.success);
    expect(run.stderr).toContain('3 findings checked: 3 valid, 0 invalid');
  });

  it('points into a single finding, an array and a BatchImportFindings request', async () => {
    const [finding] = await parsedFindings();
    const broken = { ...finding, Title: 'x'.repeat(300) };
    delete (broken as Record<string, unknown>).Severity;

    const single = await runCli(['validate', '--format', 'ndjson'], { input: JSON.stringify(broken) });
    expect(single.code).toBe(EXIT_CODES.rejected);
    const problems = parseNdjson<ProblemLine>(single.stdout);
    expect(problems.map((p) => p.pointer)).toContain('/Title');
    expect(problems.find((p) => p.pointer === '/Title')?.rule).toBe('max-length');
    expect(problems.every((p) => p.message.length > 0 && p.source === '<stdin>')).toBe(true);

    const array = await runCli(['validate', '--format', 'ndjson'], {
      input: JSON.stringify([finding, broken]),
    });
    expect(parseNdjson<ProblemLine>(array.stdout).map((p) => p.pointer)).toContain('/1/Title');

    const request = await runCli(['validate'], { input: JSON.stringify({ Findings: [finding, broken] }) });
    expect(request.code).toBe(EXIT_CODES.rejected);
    expect(request.stdout).toMatch(/<stdin> \/Findings\/1\/Title: .+\[max-length, limit 256\]/);
    expect(request.stderr).toContain('2 findings checked: 1 valid, 1 invalid');
  });

  it('reports NDJSON problems with their line number and bad JSON as a problem', async () => {
    const [finding] = await parsedFindings();
    const input = [
      JSON.stringify(finding),
      '{not json',
      JSON.stringify({ ...finding, CreatedAt: 'yesterday' }),
    ].join('\n');
    const run = await runCli(['validate', '--format', 'ndjson'], { input });
    expect(run.code).toBe(EXIT_CODES.rejected);
    const problems = parseNdjson<ProblemLine>(run.stdout);
    expect(problems.find((p) => p.line === 2)?.rule).toBe('json');
    expect(problems.find((p) => p.line === 3)?.pointer).toBe('/CreatedAt');
    expect(problems.some((p) => p.line === 1)).toBe(false);
  });

  it('refuses a request with more than 100 findings', async () => {
    const [finding] = await parsedFindings();
    const findings = Array.from({ length: 101 }, (_, index) => ({ ...finding, Id: `id-${index}` }));
    const run = await runCli(['validate', '--format', 'ndjson'], {
      input: JSON.stringify({ Findings: findings }),
    });
    expect(run.code).toBe(EXIT_CODES.rejected);
    expect(parseNdjson<ProblemLine>(run.stdout)).toContainEqual(
      expect.objectContaining({ pointer: '/Findings', rule: 'request', limit: 100 }),
    );
  });

  it('has --help', async () => {
    const run = await runCli(['validate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('BatchImportFindings');
  });
});
