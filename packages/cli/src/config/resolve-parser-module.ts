import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Conditions used to pick a package's runtime entry, in Node's ESM order. */
export const RUNTIME_CONDITIONS: readonly string[] = ['node', 'import', 'default'];

/** Thrown when a configured parser package cannot be found or has no ESM entry. */
export class ParserModuleNotFoundError extends Error {
  override readonly name = 'ParserModuleNotFoundError';
}

/** True for specifiers that name a path (`./parser`, `../x`, `/abs`) rather than a package. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier);
}

/**
 * Resolves a parser package (by name, looked up in `node_modules` from `fromDir` upwards, or a path to
 * a package directory or module file) to its ESM entry file, following the `exports` map with
 * `conditions`.
 */
export function resolveParserModule(
  specifier: string,
  fromDir: string,
  conditions: readonly string[] = RUNTIME_CONDITIONS,
): string {
  if (isPathSpecifier(specifier)) {
    const target = resolve(fromDir, specifier);
    if (!existsSync(target)) throw new ParserModuleNotFoundError(`${target} does not exist.`);
    return statSync(target).isDirectory()
      ? resolvePackageEntry(target, '.', conditions)
      : realpathSync(target);
  }
  const { name, subpath } = splitPackageSpecifier(specifier);
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      return resolvePackageEntry(realpathSync(candidate), subpath, conditions);
    }
    if (dirname(dir) === dir) break;
  }
  throw new ParserModuleNotFoundError(
    `Cannot find package "${name}" from ${fromDir}; install it (npm install ${name}) or give a path.`,
  );
}

function splitPackageSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, length).join('/');
  const rest = parts.slice(length).join('/');
  return { name, subpath: rest === '' ? '.' : `./${rest}` };
}

function resolvePackageEntry(packageDir: string, subpath: string, conditions: readonly string[]): string {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) throw new ParserModuleNotFoundError(`${packageDir} has no package.json.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    name?: string;
    exports?: unknown;
    module?: string;
    main?: string;
  };
  let relative: string | undefined;
  if (manifest.exports !== undefined) {
    relative = resolveExportsTarget(selectSubpath(manifest.exports, subpath), conditions);
    if (relative === undefined) {
      throw new ParserModuleNotFoundError(
        `${manifest.name ?? packageDir}: its "exports" map has no "${subpath}" entry for ${conditions.join(', ')}.`,
      );
    }
  } else {
    relative = subpath === '.' ? (manifest.module ?? manifest.main ?? 'index.js') : subpath;
  }
  const file = resolve(packageDir, relative);
  if (!existsSync(file)) {
    throw new ParserModuleNotFoundError(
      `${manifest.name ?? packageDir}: ${file} does not exist; build the package first (npm run build).`,
    );
  }
  return file;
}

function selectSubpath(exports: unknown, subpath: string): unknown {
  if (typeof exports === 'string' || Array.isArray(exports)) return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const keys = Object.keys(exports);
  const bySubpath = keys.some((key) => key.startsWith('.'));
  if (!bySubpath) return subpath === '.' ? exports : undefined;
  return (exports as Record<string, unknown>)[subpath];
}

/** Node's conditional-exports walk: the first key (in order) that is one of `conditions` wins. */
function resolveExportsTarget(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = resolveExportsTarget(item, conditions);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [key, value] of Object.entries(target)) {
    if (!conditions.includes(key)) continue;
    const found = resolveExportsTarget(value, conditions);
    if (found !== undefined) return found;
  }
  return undefined;
}
