import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** A handler bundle on disk: a directory holding `index.mjs`, or a `.zip` whose root holds it. */
export interface HandlerBundle {
  readonly kind: 'directory' | 'zip';
  readonly path: string;
}

/** The Lambda entry inside a bundle (`index.handler` → `index.mjs`). */
export const HANDLER_ENTRY_FILE = 'index.mjs';

/** The dist directory of the installed @otbridge/lambda-handler (where its build writes `index.mjs`). */
export function defaultHandlerBundlePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@otbridge/lambda-handler/package.json')), 'dist');
}

/** Checks a bundle path; throws an error that says how to produce the bundle when it is not usable. */
export function resolveHandlerBundle(path: string = defaultHandlerBundlePath()): HandlerBundle {
  const absolute = resolve(path);
  const hint =
    'Build it with `pnpm --filter @otbridge/lambda-handler build` (or `otbridge bundle`), or pass handlerBundle.';
  if (!existsSync(absolute)) throw new Error(`Handler bundle not found at ${absolute}. ${hint}`);
  if (statSync(absolute).isDirectory()) {
    if (!existsSync(join(absolute, HANDLER_ENTRY_FILE))) {
      throw new Error(`Handler bundle directory ${absolute} has no ${HANDLER_ENTRY_FILE}. ${hint}`);
    }
    return { kind: 'directory', path: absolute };
  }
  if (!absolute.endsWith('.zip')) {
    throw new Error(`Handler bundle ${absolute} is neither a directory nor a .zip file. ${hint}`);
  }
  return { kind: 'zip', path: absolute };
}
