import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  LAMBDA_BUNDLE_EXTERNAL_PACKAGES,
  LAMBDA_BUNDLE_MAIN_FIELDS,
  LAMBDA_BUNDLE_REQUIRE_BANNER,
} from '@otbridge/lambda-handler';
import { build } from 'esbuild';
import { resolveParserModule } from '../config/resolve-parser-module.js';
import {
  type BundleEntryInput,
  type BundleParserImport,
  generateBundleEntry,
} from './generate-bundle-entry.js';

/** Conditions of the handler's own tsup bundle; `@otbridge/source` only when the sources are there. */
export function bundleConditions(withSources: boolean): string[] {
  return [...(withSources ? ['@otbridge/source'] : []), 'module', 'import', 'node'];
}

/** A parser to bundle: a package (name or path), resolved from `fromDir`, and its export. */
export interface BundleParserSource {
  readonly specifier: string;
  readonly fromDir: string;
  readonly exportName: string;
}

/** Options for `buildLambdaBundle`. */
export interface BuildLambdaBundleOptions {
  readonly outDir: string;
  /** Where `@otbridge/lambda-handler` is looked up from (the CLI's package directory). */
  readonly handlerFromDir: string;
  readonly parsers: readonly BundleParserSource[];
  readonly fallback: BundleEntryInput['fallback'];
  readonly environment: BundleEntryInput['environment'];
  readonly source: string;
  /** Resolve `@otbridge/source` (workspace TypeScript sources) first, as the handler's build does. */
  readonly withSources: boolean;
  /** Also write the zip (default true). */
  readonly zip?: boolean;
}

/** What `buildLambdaBundle` wrote. */
export interface LambdaBundleResult {
  readonly entryPath: string;
  readonly bundlePath: string;
  readonly zipPath: string | undefined;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly zipBytes: number | undefined;
  /** Input bytes by package (from esbuild's metafile), largest first. */
  readonly packages: readonly { readonly name: string; readonly bytes: number }[];
}

/**
 * Bundles a generated entry (createKinesisHandler plus exactly the given parsers) into one minified,
 * tree-shaken ESM file `index.mjs` (target node20, createRequire banner, every dependency inlined, the
 * options of `@otbridge/lambda-handler`'s own bundle), then zips it as `lambda.zip` like the handler does.
 */
export async function buildLambdaBundle(options: BuildLambdaBundleOptions): Promise<LambdaBundleResult> {
  const conditions = bundleConditions(options.withSources);
  // esbuild always accepts `default`; the pre-resolution of the entry's imports must too.
  const resolveConditions = [...conditions, 'default'];
  const parsers: BundleParserImport[] = options.parsers.map((parser) => ({
    modulePath: resolveParserModule(parser.specifier, parser.fromDir, resolveConditions),
    exportName: parser.exportName,
  }));
  const entry = generateBundleEntry({
    handlerModule: resolveParserModule('@otbridge/lambda-handler', options.handlerFromDir, resolveConditions),
    parsers,
    fallback: options.fallback,
    environment: options.environment,
    source: options.source,
  });
  mkdirSync(options.outDir, { recursive: true });
  const entryPath = join(options.outDir, 'entry.mjs');
  const bundlePath = join(options.outDir, 'index.mjs');
  writeFileSync(entryPath, entry);
  const result = await build({
    entryPoints: [entryPath],
    outfile: bundlePath,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    treeShaking: true,
    splitting: false,
    sourcemap: false,
    // The options of the handler's own bundle, from one definition (packages/lambda-handler).
    mainFields: [...LAMBDA_BUNDLE_MAIN_FIELDS],
    external: [...LAMBDA_BUNDLE_EXTERNAL_PACKAGES],
    conditions,
    banner: { js: LAMBDA_BUNDLE_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = statSync(bundlePath).size;
  const gzipBytes = gzipSync(readFileSync(bundlePath), { level: 9 }).length;
  let zipPath: string | undefined;
  if (options.zip !== false) {
    zipPath = join(options.outDir, 'lambda.zip');
    rmSync(zipPath, { force: true });
    execFileSync('zip', ['-q', '-X', '-j', zipPath, bundlePath]);
  }
  return {
    entryPath,
    bundlePath,
    zipPath,
    bytes,
    gzipBytes,
    zipBytes: zipPath === undefined ? undefined : statSync(zipPath).size,
    packages: summarizeInputs(result.metafile.outputs[Object.keys(result.metafile.outputs)[0] ?? '']?.inputs),
  };
}

function summarizeInputs(
  inputs: Readonly<Record<string, { bytesInOutput: number }>> | undefined,
): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs ?? {})) {
    const name = packageOf(path);
    totals.set(name, (totals.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function packageOf(path: string): string {
  const parts = path.split('/');
  const index = parts.lastIndexOf('node_modules');
  if (index >= 0) {
    const first = parts[index + 1] ?? '';
    return first.startsWith('@') ? `${first}/${parts[index + 2] ?? ''}` : first;
  }
  const packages = parts.lastIndexOf('packages');
  return packages >= 0 ? `(workspace) ${parts[packages + 1] ?? ''}` : dirname(path);
}
