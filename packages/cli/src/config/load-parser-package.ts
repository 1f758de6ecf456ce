import { pathToFileURL } from 'node:url';
import type { RegisteredParser } from '@otbridge/core';
import type { LoadedParserPackage } from './otbridge-config.js';
import { ParserModuleNotFoundError, resolveParserModule } from './resolve-parser-module.js';

/** True for a `defineParser` result (spec v1): checked by shape, since the package may use its own core copy. */
export function isVendorParser(value: unknown): value is RegisteredParser {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof RegisteredParser, unknown>>;
  return (
    candidate.specificationVersion === 'v1' &&
    typeof candidate.id === 'string' &&
    typeof candidate.normalize === 'function' &&
    typeof candidate.matches === 'function' &&
    Array.isArray(candidate.claims)
  );
}

/**
 * Imports a configured parser package and returns its parsers: the named `exportName`, or every
 * export that is a spec v1 parser (a `default` export that repeats a named one is dropped).
 * Throws `ParserModuleNotFoundError` with a message saying what to fix.
 */
export async function loadParserPackage(
  specifier: string,
  fromDir: string,
  exportName?: string,
): Promise<LoadedParserPackage> {
  const resolvedPath = resolveParserModule(specifier, fromDir);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(resolvedPath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ParserModuleNotFoundError(`${specifier}: importing ${resolvedPath} failed: ${String(error)}`, {
      cause: error,
    });
  }
  const exports: { exportName: string; parser: RegisteredParser }[] = [];
  if (exportName !== undefined) {
    const value = namespace[exportName];
    if (!isVendorParser(value)) {
      throw new ParserModuleNotFoundError(
        `${specifier}: export "${exportName}" is ${value === undefined ? 'missing' : 'not a defineParser() parser'}.`,
      );
    }
    exports.push({ exportName, parser: value });
  } else {
    for (const [name, value] of Object.entries(namespace)) {
      if (!isVendorParser(value)) continue;
      if (name === 'default' && Object.values(namespace).filter((other) => other === value).length > 1)
        continue;
      exports.push({ exportName: name, parser: value });
    }
    if (exports.length === 0) {
      throw new ParserModuleNotFoundError(
        `${specifier}: ${resolvedPath} exports no defineParser() parser; export one (export const acmeParser = defineParser(...)).`,
      );
    }
  }
  return { specifier, resolvedPath, exports };
}
