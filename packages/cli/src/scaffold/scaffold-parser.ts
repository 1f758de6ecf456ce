import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { findTemplatesDir } from './find-templates-dir.js';
import type { ParserNames } from './parser-names.js';
import { renderTemplate } from './render-template.js';
import { writeExampleGolden } from './write-example-golden.js';

const require = createRequire(import.meta.url);

/** Test-time dependencies of a parser package, pinned as in the otbridge workspace. */
export const PARSER_DEV_DEPENDENCIES = {
  '@aws-sdk/client-securityhub': '3.1108.0',
  '@fast-check/vitest': '0.5.0',
  'fast-check': '4.11.0',
  vitest: '4.1.12',
} as const;

/** Build tools a standalone package needs (the workspace root provides them otherwise). */
export const STANDALONE_TOOL_DEPENDENCIES = {
  '@types/node': '20.19.43',
  tsup: '8.5.1',
  typescript: '5.9.3',
} as const;

/** `workspace`: `packages/parser-<id>` in the otbridge monorepo; `standalone`: its own repository. */
export type ScaffoldMode = 'workspace' | 'standalone';

/** What `scaffoldParser` needs. */
export interface ScaffoldParserOptions {
  readonly names: ParserNames;
  readonly mode: ScaffoldMode;
  readonly targetDir: string;
  readonly packageName: string;
  readonly vendorName: string;
  readonly deviceVendor: string;
  readonly deviceProduct: string;
  /** Claim every product of the vendor instead of `deviceVendor`/`deviceProduct` only. */
  readonly claimAllProducts?: boolean;
  readonly docsUrl: string;
  /** Write into a non-empty directory. */
  readonly force?: boolean;
}

/** The files written, relative to the target directory (plus a changeset path in workspace mode). */
export interface ScaffoldResult {
  readonly targetDir: string;
  readonly files: readonly string[];
  readonly changeset?: string;
}

/** Thrown when the target exists and is not empty (without `force`). */
export class ScaffoldTargetError extends Error {
  override readonly name = 'ScaffoldTargetError';
}

/** The version of `@otbridge/core` this CLI ships with (the scaffold depends on `^` it). */
export function readCoreVersion(): string {
  return (
    JSON.parse(readFileSync(require.resolve('@otbridge/core/package.json'), 'utf8')) as { version: string }
  ).version;
}

/**
 * Writes a parser package from `templates/parser` plus the mode's overlay, a `package.json` ready to
 * publish, and the example's golden finding computed by the generated parser itself.
 */
export async function scaffoldParser(options: ScaffoldParserOptions): Promise<ScaffoldResult> {
  const { targetDir, names } = options;
  if (existsSync(targetDir) && readdirSync(targetDir).length > 0 && options.force !== true) {
    throw new ScaffoldTargetError(
      `${targetDir} exists and is not empty; choose another --dir or pass --force.`,
    );
  }
  const version = '0.1.0';
  const claim =
    options.claimAllProducts === true
      ? `{ deviceVendor: ${quote(options.deviceVendor)} }`
      : `{ deviceVendor: ${quote(options.deviceVendor)}, deviceProduct: ${quote(options.deviceProduct)} }`;
  const values: Record<string, string> = {
    ...names,
    packageName: options.packageName,
    version,
    vendorName: options.vendorName,
    deviceVendor: options.deviceVendor,
    deviceProduct: options.deviceProduct,
    docsUrl: options.docsUrl,
    claim,
  };
  const templates = findTemplatesDir();
  const files: string[] = [];
  for (const root of [join(templates, 'parser'), join(templates, `parser-${options.mode}`)]) {
    for (const source of listFiles(root)) {
      const target = renderTemplate(relative(root, source), values)
        .replace(/\.tmpl$/, '')
        .replace(/^gitignore$/, '.gitignore');
      const path = join(targetDir, target);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, renderTemplate(readFileSync(source, 'utf8'), values));
      files.push(target);
    }
  }
  writeFileSync(
    join(targetDir, 'package.json'),
    `${JSON.stringify(createManifest(options, version), null, 2)}\n`,
  );
  files.push('package.json');
  const golden = join('test', 'fixtures', 'valid', 'alert--example.asff.json');
  await writeExampleGolden(
    join(targetDir, 'src', `${names.vendorId}-parser.ts`),
    join(targetDir, 'test', 'fixtures', 'valid', 'alert--example.log'),
    join(targetDir, golden),
  );
  files.push(golden);
  const changeset = options.mode === 'workspace' ? writeChangeset(options) : undefined;
  return { targetDir, files: files.sort(), ...(changeset === undefined ? {} : { changeset }) };
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

function createManifest(options: ScaffoldParserOptions, version: string): Record<string, unknown> {
  const workspace = options.mode === 'workspace';
  const entry = {
    ...(workspace ? { '@otbridge/source': './src/index.ts' } : {}),
    types: './dist/index.d.ts',
    default: './dist/index.js',
  };
  return {
    name: options.packageName,
    version,
    description: `otbridge vendor parser: ${options.vendorName} CEF events to AWS Security Hub ASFF findings`,
    license: 'Apache-2.0',
    keywords: ['otbridge', 'otbridge-parser', 'cef', 'asff', 'security-hub', options.names.vendorId],
    type: 'module',
    sideEffects: false,
    exports: { '.': entry, './package.json': './package.json' },
    files: ['dist', 'README.md'],
    engines: { node: '>=20' },
    scripts: {
      build: 'tsup',
      typecheck: 'tsc -p tsconfig.json',
      test: workspace ? `vitest run --project ${options.packageName}` : 'vitest run',
      ...(workspace
        ? { lint: 'biome check .' }
        : { prepublishOnly: 'npm run typecheck && npm test && npm run build' }),
    },
    dependencies: { '@otbridge/core': workspace ? 'workspace:^' : `^${readCoreVersion()}` },
    devDependencies: { ...PARSER_DEV_DEPENDENCIES, ...(workspace ? {} : STANDALONE_TOOL_DEPENDENCIES) },
    ...(options.packageName.startsWith('@') ? { publishConfig: { access: 'public' } } : {}),
  };
}

function writeChangeset(options: ScaffoldParserOptions): string | undefined {
  const changesetDir = join(options.targetDir, '..', '..', '.changeset');
  if (!existsSync(changesetDir)) return undefined;
  const path = join(changesetDir, `parser-${options.names.vendorId}.md`);
  if (!existsSync(path)) {
    writeFileSync(
      path,
      `---\n'${options.packageName}': minor\n---\n\nNew ${options.vendorName} parser (scaffolded by otbridge new-parser).\n`,
    );
  }
  return path;
}
