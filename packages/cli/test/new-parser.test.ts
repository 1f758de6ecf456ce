import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { toParserNames } from '../src/scaffold/parser-names.js';
import { PARSER_DEV_DEPENDENCIES, STANDALONE_TOOL_DEPENDENCIES } from '../src/scaffold/scaffold-parser.js';
import { GOLDEN_CONTEXT } from '../src/scaffold/write-example-golden.js';
import { runCli } from './helpers/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'otbridge-new-parser-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('otbridge new-parser', () => {
  test('standalone: a package that depends on @otbridge/* by version, with its golden', async () => {
    const run = await runCli(
      ['new-parser', 'acme-sentry', '--package-name', '@example/otbridge-parser-acme'],
      {
        cwd: dir,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT_CODES.success);
    const target = join(dir, 'otbridge-parser-acme-sentry');
    expect(run.stdout).toContain('(standalone)');
    const manifest = readJson(join(target, 'package.json'));
    expect(manifest.name).toBe('@example/otbridge-parser-acme');
    expect(manifest.dependencies).toEqual({ '@otbridge/core': '^0.1.0' });
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    expect(manifest.scripts.prepublishOnly).toContain('npm test');
    const parser = readFileSync(join(target, 'src', 'acme-sentry-parser.ts'), 'utf8');
    expect(parser).toContain('export const acmeSentryParser = defineParser<AcmeSentryParserOptions>({');
    expect(parser).toContain("claims: [{ deviceVendor: 'Acme Sentry', deviceProduct: 'Sensor' }]");
    expect(parser).not.toMatch(/\{\{/);
    const golden = readJson(join(target, 'test/fixtures/valid/alert--example.asff.json'));
    expect(golden.ProductFields).toMatchObject({
      'otbridge/parser/id': 'acme-sentry',
      'otbridge/parser/version': '0.1.0',
    });
    expect(golden.CreatedAt).toBe('2025-12-31T08:00:00.000Z');
    expect(existsSync(join(target, '.gitignore'))).toBe(true);
    const readme = readFileSync(join(target, 'README.md'), 'utf8');
    expect(readme).toContain('npm publish');
    expect(readme).toContain('changeset');
    expect(readme).toContain('"parsers": ["@example/otbridge-parser-acme"]');
  });

  test('inside the otbridge monorepo: packages/parser-<vendor> with workspace links and a changeset', async () => {
    mkdirSync(join(dir, 'packages', 'core'), { recursive: true });
    mkdirSync(join(dir, '.changeset'));
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages: [packages/*]\n');
    writeFileSync(join(dir, 'packages', 'core', 'package.json'), '{ "name": "@otbridge/core" }');
    const run = await runCli(['new-parser', 'acme', '--device-vendor', 'Acme Industrial', '--all-products'], {
      cwd: join(dir, 'packages'),
    });
    expect(run.code).toBe(EXIT_CODES.success);
    const target = join(dir, 'packages', 'parser-acme');
    const manifest = readJson(join(target, 'package.json'));
    expect(manifest.name).toBe('@otbridge/parser-acme');
    expect(manifest.dependencies).toEqual({ '@otbridge/core': 'workspace:^' });
    expect(manifest.exports['.']['@otbridge/source']).toBe('./src/index.ts');
    expect(readJson(join(target, 'tsconfig.json')).extends).toBe('../../tsconfig.base.json');
    expect(readFileSync(join(target, 'src', 'acme-parser.ts'), 'utf8')).toContain(
      "claims: [{ deviceVendor: 'Acme Industrial' }]",
    );
    expect(readFileSync(join(dir, '.changeset', 'parser-acme.md'), 'utf8')).toContain(
      "'@otbridge/parser-acme': minor",
    );
  });

  test.each([['Acme'], ['acme_sentry'], ['acme-'], ['1acme']])(
    'rejects the id %s with exit 2',
    async (id) => {
      const run = await runCli(['new-parser', id], { cwd: dir });
      expect(run.code).toBe(EXIT_CODES.usage);
      expect(run.stderr).toContain('kebab-case');
      expect(existsSync(join(dir, `otbridge-parser-${id}`))).toBe(false);
    },
  );

  test('refuses a non-empty directory unless --force', async () => {
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep.txt'), 'x');
    const refused = await runCli(['new-parser', 'acme', '--dir', 'taken'], { cwd: dir });
    expect(refused.code).toBe(EXIT_CODES.usage);
    expect(refused.stderr).toContain('not empty');
    const forced = await runCli(['new-parser', 'acme', '--dir', 'taken', '--force'], { cwd: dir });
    expect(forced.code).toBe(EXIT_CODES.success);
    expect(existsSync(join(dir, 'taken', 'keep.txt'))).toBe(true);
  });
});

describe('scaffold constants', () => {
  test('names derived from a kebab-case id', () => {
    expect(toParserNames('acme-sentry-2')).toEqual({
      vendorId: 'acme-sentry-2',
      camelName: 'acmeSentry2',
      typeName: 'AcmeSentry2',
      constantName: 'ACME_SENTRY_2',
      titleName: 'Acme Sentry 2',
    });
  });

  test('the golden context is the test kit TEST_CONTEXT', () => {
    expect(GOLDEN_CONTEXT).toEqual(TEST_CONTEXT);
  });

  test('scaffold pins match the workspace (core dev dependencies, root tools)', () => {
    const core = readJson(join(import.meta.dirname, '../../core/package.json'));
    const root = readJson(join(import.meta.dirname, '../../../package.json'));
    for (const [name, version] of Object.entries(PARSER_DEV_DEPENDENCIES)) {
      expect(core.devDependencies[name], name).toBe(version);
    }
    for (const [name, version] of Object.entries(STANDALONE_TOOL_DEPENDENCIES)) {
      expect(root.devDependencies[name], name).toBe(version);
    }
  });
});
