import { ParserTester } from '@otbridge/core/testing';
import { dragosParser } from '../src/index.js';

// Fixture files hold one line without a trailing newline (the tester would also strip one `\n`).
new ParserTester(dragosParser, { fixturesDir: new URL('./fixtures/', import.meta.url) }).run();
