import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findOtbridgeConfig, loadOtbridgeConfig } from '../../src/config/load-otbridge-config.js';
import { OtbridgeConfigError } from '../../src/config/otbridge-config-error.js';
import { OTBRIDGE_CONFIG_SCHEMA } from '../../src/config/otbridge-config-schema.js';
import { validateConfigSchema } from '../../src/config/validate-config-schema.js';
import { writeFakeParserPackage } from '../helpers/fake-parser-package.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'otbridge-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeConfig = (value: unknown, at = dir): string => {
  const path = join(at, 'otbridge.config.json');
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

async function problemsOf(value: unknown): Promise<{ pointer: string }[]> {
  writeConfig(value);
  try {
    await loadOtbridgeConfig(dir);
  } catch (error) {
    if (error instanceof OtbridgeConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('validateConfigSchema', () => {
  test('a full valid file has no problems', () => {
    const file = {
      $schema: './node_modules/@otbridge/cli/templates/otbridge.config.schema.json',
      parsers: ['otbridge-parser-acme', { package: './parsers/beta', export: 'betaParser' }],
      builtinParsers: ['dragos'],
      fallback: false,
      handler: { strict: true, envelope: 'json', parserOptions: { acme: { x: 1 } }, maxAttempts: 3 },
      bundle: { outDir: 'build/lambda' },
    };
    expect(validateConfigSchema(file, OTBRIDGE_CONFIG_SCHEMA)).toEqual([]);
  });

  test.each([
    [{ parser: [] }, '/parser'],
    [{ parsers: 'acme' }, '/parsers'],
    [{ parsers: [{ export: 'x' }] }, '/parsers/0'],
    [{ parsers: [''] }, '/parsers/0'],
    [{ parsers: [{ package: 'a', export: 'not-an-identifier' }] }, '/parsers/0'],
    [{ builtinParsers: ['siemens'] }, '/builtinParsers'],
    [{ fallback: 'none' }, '/fallback'],
    [{ handler: { envelope: 'xml' } }, '/handler/envelope'],
    [{ handler: { maxAttempts: 1.5 } }, '/handler/maxAttempts'],
    [{ handler: { importConcurrency: 0 } }, '/handler/importConcurrency'],
    [{ handler: { parserOptions: { acme: 'yes' } } }, '/handler/parserOptions/acme'],
    [{ handler: { region: 'us-east-1' } }, '/handler/region'],
    [[], '/'],
  ])('%j is reported at %s', (value, pointer) => {
    const problems = validateConfigSchema(value, OTBRIDGE_CONFIG_SCHEMA);
    expect(problems.map((problem) => problem.pointer)).toContain(pointer);
  });

  test('never throws on odd JSON values', () => {
    for (const value of [null, 0, 'x', true, { __proto__: { parsers: 1 } }, { handler: null }]) {
      expect(() => validateConfigSchema(value, OTBRIDGE_CONFIG_SCHEMA)).not.toThrow();
    }
  });

  test('the shipped JSON Schema file is the schema the loader uses', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../templates/otbridge.config.schema.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(JSON.parse(JSON.stringify(OTBRIDGE_CONFIG_SCHEMA)));
  });
});

describe('loadOtbridgeConfig', () => {
  test('no file anywhere above: undefined', async () => {
    expect(findOtbridgeConfig(dir)).toBeUndefined();
    await expect(loadOtbridgeConfig(dir)).resolves.toBeUndefined();
  });

  test('finds the file in a parent directory and loads every parser a package exports', async () => {
    writeFakeParserPackage(dir, '@example/otbridge-parser-acme', {
      acmeParser: { id: 'acme', deviceVendor: 'Acme' },
      acmeLegacyParser: { id: 'acme-legacy', deviceVendor: 'Acme Legacy' },
    });
    const path = writeConfig({ parsers: ['@example/otbridge-parser-acme'] });
    const nested = join(dir, 'deploy', 'stack');
    mkdirSync(nested, { recursive: true });
    const config = await loadOtbridgeConfig(nested);
    expect(config?.path).toBe(path);
    expect(config?.parsers.map((parser) => parser.id)).toEqual(['acme-legacy', 'acme']);
    expect(config?.parserPackages[0]?.exports.map((item) => item.exportName)).toEqual([
      'acmeLegacyParser',
      'acmeParser',
    ]);
    expect(config?.builtinParsers).toEqual(['dragos', 'claroty', 'nozomi']);
    expect(config?.fallback).toBe('generic-cef');
    expect(config?.bundleOutDir).toBe(join(dir, 'dist', 'otbridge'));
  });

  test('an explicit export, a path specifier, builtinParsers and configPath', async () => {
    const packageDir = writeFakeParserPackage(dir, 'beta-pkg', {
      betaParser: { id: 'beta', deviceVendor: 'Beta' },
      gammaParser: { id: 'gamma', deviceVendor: 'Gamma' },
    });
    const path = join(dir, 'custom.json');
    writeFileSync(
      path,
      JSON.stringify({
        parsers: [{ package: './node_modules/beta-pkg', export: 'gammaParser' }],
        builtinParsers: false,
        fallback: false,
      }),
    );
    const config = await loadOtbridgeConfig(join(dir), { configPath: 'custom.json' });
    expect(config?.parsers.map((parser) => parser.id)).toEqual(['gamma']);
    expect(config?.parserPackages[0]?.resolvedPath).toBe(join(packageDir, 'index.js'));
    expect(config?.builtinParsers).toEqual([]);
    expect(config?.fallback).toBe(false);
  });

  test('handler options become the handler environment variables', async () => {
    writeConfig({
      handler: {
        strict: true,
        defaultTimeZone: 'Europe/Berlin',
        parserOptions: { dragos: { a: 1 } },
        maxAttempts: 4,
      },
    });
    const config = await loadOtbridgeConfig(dir);
    expect(config?.handlerEnvironment).toEqual({
      OTBRIDGE_STRICT: 'true',
      OTBRIDGE_DEFAULT_TIME_ZONE: 'Europe/Berlin',
      OTBRIDGE_PARSER_OPTIONS: '{"dragos":{"a":1}}',
      OTBRIDGE_MAX_ATTEMPTS: '4',
    });
  });

  test('problems carry JSON pointers: schema, handler validation, packages', async () => {
    expect(await problemsOf('{ not json')).toEqual([expect.objectContaining({ pointer: '/' })]);
    expect(await problemsOf({ handler: { defaultTimeZone: 'Mars/Olympus' } })).toEqual([
      expect.objectContaining({ pointer: '/handler/defaultTimeZone' }),
    ]);
    expect(await problemsOf({ handler: { sensors: [{ match: {} }] } })).toEqual([
      expect.objectContaining({ pointer: '/handler/sensors' }),
    ]);
    expect(await problemsOf({ parsers: ['missing-package', './nowhere'] })).toEqual([
      expect.objectContaining({ pointer: '/parsers/0' }),
      expect.objectContaining({ pointer: '/parsers/1' }),
    ]);
    writeFakeParserPackage(dir, 'beta-pkg', { betaParser: { id: 'beta', deviceVendor: 'Beta' } });
    expect(await problemsOf({ parsers: [{ package: 'beta-pkg', export: 'notAParser' }] })).toEqual([
      expect.objectContaining({ pointer: '/parsers/0' }),
    ]);
  });
});
