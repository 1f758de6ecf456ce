import { expect } from 'vitest';
import type { CefRecord, TokenizeCefOptions, TokenizeCefResult } from '../../src/index.js';
import { tokenizeCef } from '../../src/index.js';

/** Tokenizes and asserts success; returns the record. */
export function record(line: string, options?: TokenizeCefOptions): CefRecord {
  const result = tokenizeCef(line, options);
  if (!result.ok) expect.fail(`expected ok, got ${JSON.stringify(result.diagnostics)}`);
  return result.record;
}

/** The diagnostic codes of a result, in order. */
export function codes(result: TokenizeCefResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

/** The extension pairs of a line as plain arrays (for toEqual). */
export function pairs(line: string, options?: TokenizeCefOptions): [string, string][] {
  return record(line, options).extensions.map(([k, v]) => [k, v]);
}

export const HEADER = 'CEF:0|Vendor|Product|1.0|100|Name|5|';
