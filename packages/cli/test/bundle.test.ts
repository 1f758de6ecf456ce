import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildLambdaBundle } from '../src/bundle/build-lambda-bundle.js';
import { EXIT_CODES } from '../src/io/exit-codes.js';
import { writeFakeParserPackage } from './helpers/fake-parser-package.js';
import { runCli } from './helpers/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'otbridge-bundle-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface BundleJson {
  bundlePath: string;
  zipPath: string;
  bytes: number;
  zipBytes: number;
  parsers: string[];
  config: string | null;
}

describe('otbridge bundle', () => {
  test('without a config: the built-in parsers, a zip holding index.mjs, a handler export', async () => {
    const run = await runCli(['bundle', '--json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT_CODES.success);
    const result = JSON.parse(run.stdout) as BundleJson;
    expect(result.config).toBeNull();
    expect(result.parsers).toEqual(['dragos@0.1.0', 'claroty@0.1.0', 'nozomi@0.1.0']);
    expect(result.bundlePath).toBe(join(dir, 'dist', 'otbridge', 'index.mjs'));
    const bundle = readFileSync(result.bundlePath, 'utf8');
    expect(bundle.startsWith("import { createRequire as __cr } from 'node:module';")).toBe(true);
    // Single file: no imports left other than node builtins.
    expect(bundle.match(/from"(?!node:)[^"]+"/g) ?? []).toEqual([]);
    expect(execFileSync('unzip', ['-Z1', result.zipPath], { encoding: 'utf8' }).trim()).toBe('index.mjs');
    const module = (await import(pathToFileURL(result.bundlePath).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  test('with a config: exactly those parsers, handler options baked in, fallback off', async () => {
    writeFakeParserPackage(dir, 'otbridge-parser-beta', { betaParser: { id: 'beta', deviceVendor: 'Beta' } });
    writeFileSync(
      join(dir, 'otbridge.config.json'),
      JSON.stringify({
        parsers: ['otbridge-parser-beta'],
        builtinParsers: ['nozomi'],
        fallback: false,
        handler: { strict: true },
        bundle: { outDir: 'out' },
      }),
    );
    const run = await runCli(['bundle', '--json', '--no-zip'], { cwd: dir });
    expect(run.code).toBe(EXIT_CODES.success);
    const result = JSON.parse(run.stdout) as BundleJson & { zipPath: string | undefined };
    expect(result.parsers).toEqual(['nozomi@0.1.0', 'beta@1.0.0']);
    expect(result.bundlePath).toBe(join(dir, 'out', 'index.mjs'));
    expect(result.zipPath).toBeUndefined();
    const entry = readFileSync(join(dir, 'out', 'entry.mjs'), 'utf8');
    expect(entry).toContain('"OTBRIDGE_STRICT": "true"');
    expect(entry).toContain('fallback: false,');
    expect(entry).toContain('import { betaParser as parser1 }');
    expect(entry).not.toContain('dragos');
    const bundle = readFileSync(result.bundlePath, 'utf8');
    expect(bundle).toContain('otbridge-parser-beta');
    expect(bundle).not.toContain('@otbridge/parser-dragos');
  });

  test('two parsers claiming the same vendor/product fail the build (exit 4), naming both packages', async () => {
    writeFakeParserPackage(dir, '@example/dragos-clone', {
      cloneParser: { id: 'dragos-clone', deviceVendor: 'Dragos', deviceProduct: 'Platform' },
    });
    writeFileSync(join(dir, 'otbridge.config.json'), JSON.stringify({ parsers: ['@example/dragos-clone'] }));
    const run = await runCli(['bundle'], { cwd: dir });
    expect(run.code).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain('@otbridge/parser-dragos');
    expect(run.stderr).toContain('@example/dragos-clone');
  });

  test('a broken config is a configuration error with the JSON pointer', async () => {
    writeFileSync(join(dir, 'otbridge.config.json'), JSON.stringify({ parsers: ['not-installed'] }));
    const run = await runCli(['bundle'], { cwd: dir });
    expect(run.code).toBe(EXIT_CODES.configuration);
    expect(run.stderr).toContain('/parsers/0');
  });
});

describe('buildLambdaBundle', () => {
  test('the registry check also runs at cold start: importing a conflicting bundle throws', async () => {
    const fake = writeFakeParserPackage(dir, 'dragos-clone', {
      cloneParser: { id: 'dragos-clone', deviceVendor: 'Dragos', deviceProduct: 'Platform' },
    });
    const result = await buildLambdaBundle({
      outDir: join(dir, 'out'),
      handlerFromDir: join(import.meta.dirname, '..'),
      parsers: [
        {
          specifier: '@otbridge/parser-dragos',
          fromDir: join(import.meta.dirname, '..'),
          exportName: 'dragosParser',
        },
        { specifier: fake, fromDir: dir, exportName: 'cloneParser' },
      ],
      fallback: 'generic-cef',
      environment: {},
      source: 'test',
      withSources: true,
      zip: false,
    });
    await expect(import(pathToFileURL(result.bundlePath).href)).rejects.toThrow(
      /@otbridge\/parser-dragos[\s\S]*dragos-clone|dragos-clone[\s\S]*@otbridge\/parser-dragos/,
    );
  });
});
