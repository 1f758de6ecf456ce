#!/usr/bin/env node
// The main job (`npm start`, `npm start -- --once`): the whole pipeline on this machine with embedded
// defaults (packages/local-pipeline). bootstrap.mjs builds the workspace first, so dist/ exists.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = pathToFileURL(join(root, 'packages', 'local-pipeline', 'dist', 'index.js')).href;
const { runLocalPipelineCommand } = await import(entry);
process.exitCode = await runLocalPipelineCommand(process.argv.slice(2));
