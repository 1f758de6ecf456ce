#!/usr/bin/env node
// The README's quick start runs on a machine with only Node.js and npm: this script finds or installs the
// pinned pnpm, installs the workspace, then runs the requested job. `npm start` and `npm test` call it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const localPnpm = join(root, '.cache', 'pnpm', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const localPnpmBin = join(root, '.cache', 'pnpm', 'node_modules', '.bin');
// turbo and some tests spawn `pnpm` themselves, so a locally installed pnpm must be on their PATH too.
const env = {
  ...process.env,
  PATH: `${localPnpmBin}${delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function step(label, command, args) {
  process.stderr.write(`\n▶ ${label}\n`);
  const status = run(command, args);
  if (status !== 0) {
    process.stderr.write(`✖ ${label} failed (exit ${status})\n`);
    process.exit(status);
  }
}

/** Returns [command, prefixArgs] for a pnpm of the pinned version, installing it locally when absent. */
function resolvePnpm() {
  const global = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  if (global.status === 0 && global.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  if (!existsSync(localPnpm)) {
    step(`installing pnpm ${PNPM_VERSION} into .cache/pnpm`, 'npm', [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      join(root, '.cache', 'pnpm'),
      `pnpm@${PNPM_VERSION}`,
    ]);
  }
  return [process.execPath, [localPnpm]];
}

const job = process.argv[2];
const extra = process.argv.slice(3);
const [pnpm, pnpmPrefix] = resolvePnpm();
const pnpmStep = (label, args) => step(label, pnpm, [...pnpmPrefix, ...args]);

pnpmStep('installing dependencies', ['install', '--frozen-lockfile', '--prefer-offline']);
if (job === 'test') {
  pnpmStep('lint (biome)', ['exec', 'biome', 'check', '.']);
  pnpmStep('build, type-check, lint and test every package', [
    'exec',
    'turbo',
    'run',
    'build',
    'typecheck',
    'lint',
    'test',
    '--output-logs=errors-only',
    // Every failure, not only the first; two tasks at a time so socket tests are not starved of CPU.
    '--continue',
    '--concurrency=2',
    ...extra,
  ]);
} else if (job === 'start') {
  pnpmStep('building', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  process.exit(run(process.execPath, [join(root, 'scripts', 'start.mjs'), ...extra]));
} else {
  process.stderr.write(`usage: node scripts/bootstrap.mjs <start|test> [args...]\n`);
  process.exit(2);
}
