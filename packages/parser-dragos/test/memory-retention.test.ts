import { readdirSync, readFileSync } from 'node:fs';
import { testCacheRetention } from '@otbridge/core/testing';
import { describe } from 'vitest';
import { dragosParser } from '../src/index.js';

const folder = new URL('./fixtures/valid/', import.meta.url);
const lines = readdirSync(folder)
  .filter((file) => file.endsWith('.log'))
  .map((file) => readFileSync(new URL(file, folder), 'utf8').trim());

describe('dragos parser caches', () => {
  testCacheRetention({ parsers: [dragosParser], baseLine: (index) => lines[index % lines.length] as string });
});
