import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  decodeLine as DecodeLine,
  NormalizeContext,
  normalizeRecord as NormalizeRecord,
  tokenizeCef as TokenizeCef,
} from '@otbridge/core';
import { build } from 'esbuild';
import { isVendorParser } from '../config/load-parser-package.js';

const require = createRequire(import.meta.url);

/** The test kit's `TEST_CONTEXT` (`@otbridge/core/testing` imports vitest, so it cannot be loaded here). */
export const GOLDEN_CONTEXT: NormalizeContext = Object.freeze({
  now: new Date('2026-01-01T00:00:00.000Z'),
  awsAccountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
});

interface CompiledParserModule {
  readonly parserModule: Record<string, unknown>;
  readonly decodeLine: typeof DecodeLine;
  readonly tokenizeCef: typeof TokenizeCef;
  readonly normalizeRecord: typeof NormalizeRecord;
}

/**
 * Compiles the freshly scaffolded TypeScript parser with esbuild (against this CLI's `@otbridge/core`),
 * runs it over the example line exactly as `ParserTester` does, and writes the golden finding, so the
 * generated package's tests pass as generated. Throws if the example is not a finding.
 */
export async function writeExampleGolden(
  parserFile: string,
  logFile: string,
  goldenFile: string,
): Promise<void> {
  const coreEntry = require.resolve('@otbridge/core');
  const result = await build({
    stdin: {
      contents:
        `export * as parserModule from ${JSON.stringify(parserFile)};\n` +
        "export { decodeLine, tokenizeCef, normalizeRecord } from '@otbridge/core';\n",
      resolveDir: tmpdir(),
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins: [
      {
        name: 'otbridge-core',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^@otbridge\/core$/ }, () => ({ path: coreEntry }));
        },
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'otbridge-scaffold-'));
  try {
    const file = join(dir, 'parser.mjs');
    writeFileSync(file, result.outputFiles[0]?.text ?? '');
    const compiled = (await import(pathToFileURL(file).href)) as CompiledParserModule;
    const parser = Object.values(compiled.parserModule).find(isVendorParser);
    if (parser === undefined) throw new Error(`${parserFile} exports no parser.`);
    const line = readFileSync(logFile, 'utf8').replace(/\r?\n$/, '');
    const tokenized = compiled.tokenizeCef(compiled.decodeLine(new TextEncoder().encode(line)));
    if (!tokenized.ok || !parser.matches(tokenized.record)) {
      throw new Error(`${logFile} is not a line the scaffolded parser matches.`);
    }
    const outcome = compiled.normalizeRecord(tokenized.record, parser, GOLDEN_CONTEXT, {
      diagnostics: tokenized.diagnostics,
    });
    if (outcome.outcome !== 'finding') {
      const codes = outcome.diagnostics.map((diagnostic) => diagnostic.code).join(', ');
      throw new Error(
        `${logFile}: the scaffolded parser gave "${outcome.outcome}" (${codes}), not a finding.`,
      );
    }
    writeFileSync(goldenFile, `${JSON.stringify(outcome.finding, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
