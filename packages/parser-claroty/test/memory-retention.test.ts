import { readdirSync, readFileSync } from 'node:fs';
import { testCacheRetention } from '@otbridge/core/testing';
import { describe } from 'vitest';
import { clarotyParser } from '../src/index.js';

const folder = new URL('./fixtures/valid/', import.meta.url);
const lines = readdirSync(folder)
  .filter((file) => file.endsWith('.log'))
  .map((file) => readFileSync(new URL(file, folder), 'utf8').trim());

describe('claroty parser caches', () => {
  testCacheRetention({
    parsers: [clarotyParser],
    baseLine: (index) => lines[index % lines.length] as string,
  });
});
