import { ParserTester } from '@otbridge/core/testing';
import { clarotyParser } from '../src/index.js';

// Lenient tokenizing, as in production: Claroty sends unescaped backslashes (`Card 2 \ Addr 255`,
// `ABC-123\xyz`, Snort `\x20`), which strict CEF rejects. Fixture files hold one line without a newline.
new ParserTester(clarotyParser, {
  fixturesDir: new URL('./fixtures/', import.meta.url),
  strict: false,
}).run();
