import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

// ParserTester registers vitest tests, so its failure modes are checked by running vitest on a
// throw-away fixtures folder in a child process, exactly as a parser author would.
const CORE = fileURLToPath(new URL('../../', import.meta.url));
const VITEST = join(CORE, 'node_modules', 'vitest', 'vitest.mjs');
const work = mkdtempSync(join(tmpdir(), 'otbridge-parser-tester-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LINE = 'CEF:0|Example|Thing|1|sig-7|Bare header|3|\n';

function setUp(name: string): string {
  const root = join(work, name);
  mkdirSync(join(root, 'fixtures', 'valid'), { recursive: true });
  mkdirSync(join(root, 'fixtures', 'invalid'), { recursive: true });
  writeFileSync(join(root, 'fixtures', 'valid', 'bare.log'), LINE);
  writeFileSync(join(root, 'fixtures', 'invalid', 'not-cef.log'), 'hello\n');
  writeFileSync(join(root, 'fixtures', 'README.md'), 'bare.log: synthetic. not-cef.log: synthetic.\n');
  writeFileSync(
    join(root, 'generic.test.ts'),
    [
      `import { genericCefParser } from ${JSON.stringify(join(CORE, 'src', 'index.ts'))};`,
      `import { ParserTester } from ${JSON.stringify(join(CORE, 'src', 'testing', 'index.ts'))};`,
      `new ParserTester(genericCefParser, { fixturesDir: new URL('./fixtures/', import.meta.url) }).run();`,
      '',
    ].join('\n'),
  );
  return root;
}

function runVitest(root: string, update = false): { status: number | null; output: string } {
  const env = { ...process.env, UPDATE_FIXTURES: update ? '1' : '' };
  const result = spawnSync(
    process.execPath,
    [VITEST, 'run', '--root', root, '--reporter', 'verbose', '--color=false'],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('ParserTester', () => {
  test('missing goldens fail with a clear message; UPDATE_FIXTURES=1 creates them canonical; then it passes', () => {
    const root = setUp('update');
    const first = runVitest(root);
    expect(first.status).not.toBe(0);
    expect(first.output).toContain('bare.asff.json is missing: run the tests with UPDATE_FIXTURES=1');
    expect(first.output).toContain('not-cef.codes.json is missing');

    expect(runVitest(root, true).status).toBe(0);
    const golden = readFileSync(join(root, 'fixtures', 'valid', 'bare.asff.json'), 'utf8');
    expect(golden.endsWith('}\n')).toBe(true);
    expect(golden).toBe(`${JSON.stringify(JSON.parse(golden), null, 2)}\n`);
    expect(JSON.parse(readFileSync(join(root, 'fixtures', 'invalid', 'not-cef.codes.json'), 'utf8'))).toEqual(
      ['cef/missing-header'],
    );
    expect(runVitest(root).status).toBe(0);

    // A changed golden fails until it is rewritten.
    writeFileSync(
      join(root, 'fixtures', 'valid', 'bare.asff.json'),
      golden.replace('Bare header', 'Other title'),
    );
    const changed = runVitest(root);
    expect(changed.status).not.toBe(0);
    expect(changed.output).toContain('the finding differs from the golden');
  }, 120_000);

  test('orphaned sidecars, unknown files and undocumented fixtures fail the inventory test', () => {
    const root = setUp('orphans');
    expect(runVitest(root, true).status).toBe(0);
    writeFileSync(join(root, 'fixtures', 'valid', 'gone.asff.json'), '{}\n');
    writeFileSync(join(root, 'fixtures', 'valid', 'notes.txt'), 'x\n');
    writeFileSync(join(root, 'fixtures', 'invalid', 'undocumented.log'), 'hello\n');
    writeFileSync(join(root, 'fixtures', 'invalid', 'undocumented.codes.json'), '["cef/missing-header"]\n');
    const result = runVitest(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('valid/gone.asff.json: orphaned');
    expect(result.output).toContain('valid/notes.txt: unknown file');
    expect(result.output).toContain('README.md does not mention undocumented.log');
    expect(existsSync(join(root, 'fixtures', 'valid', 'gone.asff.json'))).toBe(true);
  }, 120_000);
});
