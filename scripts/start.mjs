#!/usr/bin/env node
// The main job. Until the local pipeline exists it tokenizes the demo corpus and prints a summary.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { tokenizeCef } = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
const corpus = readFileSync(join(root, 'scripts', 'demo-corpus.log'), 'utf8').split('\n').filter(Boolean);
const byVendor = new Map();
for (const line of corpus) {
  const result = tokenizeCef(line);
  const key = result.ok ? `${result.record.deviceVendor} / ${result.record.deviceProduct}` : '(not CEF)';
  const entry = byVendor.get(key) ?? { lines: 0, ok: 0, diagnostics: 0 };
  entry.lines += 1;
  entry.ok += result.ok ? 1 : 0;
  entry.diagnostics += result.diagnostics.length;
  byVendor.set(key, entry);
}
console.table(Object.fromEntries(byVendor));
