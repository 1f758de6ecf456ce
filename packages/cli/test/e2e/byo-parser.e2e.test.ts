// END-TO-END, SLOW (about a minute): bring your own parser, offline, from `pnpm pack` tarballs.
// Scaffolds parser-acme outside the workspace, maps a made-up vendor field, runs its tests, publishes it
// as a tarball, references it from otbridge.config.json, bundles, runs the local pipeline with that
// bundle, sends an Acme CEF line over syslog and finds the acme finding in securityhub-local.
// Installs use the local pnpm store (`--prefer-offline`; the registry only for metadata the store
// lacks). Skip with OTBRIDGE_SKIP_E2E=1.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const PACKAGES = join(import.meta.dirname, '../../..');
const TARBALL_PACKAGES = [
  'core',
  'parser-dragos',
  'parser-claroty',
  'parser-nozomi',
  'lambda-handler',
  'local-pipeline',
  'securityhub-local',
  'cli',
];
const ACME_LINE =
  '<134>Jan  1 00:00:00 acme-gw-01.example.com acme: CEF:0|Acme|Sensor|2.1|alert:modbus-write|Modbus write to a safety PLC|9|' +
  'externalId=e2e-42 dvchost=acme-gw-01.example.com src=192.0.2.44 dst=198.51.100.7 cs1Label=Zone cs1=Cell-7 msg=Write to holding register 40001';

const skip = process.env.OTBRIDGE_SKIP_E2E === '1';
let root: string;
const tarball = (name: string): string => join(root, 'tarballs', `otbridge-${name}-0.1.0.tgz`);

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  options: { env?: Record<string, string>; input?: string } = {},
): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    input: options.input ?? '',
    timeout: 120_000,
  });
}

/** pnpm overrides that point every @otbridge/* package at its tarball (no registry, no workspace links). */
function workspaceYaml(packages: readonly string[]): string {
  const overrides = TARBALL_PACKAGES.map((name) => `  '@otbridge/${name}': 'file:${tarball(name)}'`);
  return [
    'packages:',
    ...packages.map((name) => `  - '${name}'`),
    'overrides:',
    ...overrides,
    'ignoredBuiltDependencies: [esbuild, protobufjs, leveldown]',
    '',
  ].join('\n');
}

describe.skipIf(skip)('bring your own parser (e2e: tarballs, scaffold, bundle, local pipeline)', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'otbridge-byo-'));
    if (!existsSync(join(PACKAGES, 'securityhub-local', 'dist'))) {
      run('pnpm', ['--filter', '@otbridge/securityhub-local', 'build'], PACKAGES);
    }
    for (const name of TARBALL_PACKAGES) {
      run('pnpm', ['pack', '--pack-destination', join(root, 'tarballs')], join(PACKAGES, name));
    }
  }, 120_000);

  afterAll(() => {
    if (root !== undefined && process.env.OTBRIDGE_KEEP_E2E !== '1')
      rmSync(root, { recursive: true, force: true });
  });

  test('scaffold → map → test → publish → configure → bundle → local pipeline → finding', async () => {
    // 1. Scaffold into a repository of its own, outside the otbridge workspace.
    const acmeRepo = join(root, 'acme-repo');
    const parserDir = join(acmeRepo, 'parser-acme');
    const scaffold = await runCli(['new-parser', 'acme', '--dir', parserDir, '--all-products'], {
      cwd: root,
    });
    expect(scaffold.stderr).toBe('');
    expect(scaffold.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(parserDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ '@otbridge/core': '^0.1.0' });
    writeFileSync(join(acmeRepo, 'package.json'), '{ "name": "acme-repo", "private": true }\n');
    writeFileSync(join(acmeRepo, 'pnpm-workspace.yaml'), workspaceYaml(['parser-acme']));
    run('pnpm', ['install', '--prefer-offline'], acmeRepo);

    // 2. Its tests pass as generated.
    expect(run('pnpm', ['test'], parserDir)).toMatch(/Tests\s+\d+ passed/);

    // 3. Map a made-up vendor field: the custom label `Zone` becomes ProductFields `acme/zone`.
    const parserFile = join(parserDir, 'src', 'acme-parser.ts');
    const source = readFileSync(parserFile, 'utf8');
    const mapped = source
      .replace('  getCefExtension,\n', '  getCefExtension,\n  getCustomField,\n')
      .replace(
        "const { fields } = toProductFields([['acme/eventClass', record.deviceEventClassId]]);",
        "const zone = getCustomField(record, 'Zone');\n" +
          "  const { fields } = toProductFields([\n    ['acme/eventClass', record.deviceEventClassId],\n" +
          "    ...(zone === undefined ? [] : ([['acme/zone', zone]] as const)),\n  ]);",
      );
    expect(mapped).not.toBe(source);
    writeFileSync(parserFile, mapped);
    writeFileSync(join(parserDir, 'test/fixtures/valid/alert--zone.log'), `${ACME_LINE}\n`);
    const readme = join(parserDir, 'test/fixtures/README.md');
    writeFileSync(
      readme,
      `${readFileSync(readme, 'utf8')}| \`valid/alert--zone.log\` | synthetic (e2e): custom label Zone |\n`,
    );
    run('pnpm', ['test'], parserDir, { env: { UPDATE_FIXTURES: '1' } });
    const golden = JSON.parse(
      readFileSync(join(parserDir, 'test/fixtures/valid/alert--zone.asff.json'), 'utf8'),
    );
    expect(golden.ProductFields['acme/zone']).toBe('Cell-7');
    expect(run('pnpm', ['test'], parserDir)).toMatch(/Tests\s+\d+ passed/);
    run('pnpm', ['run', 'typecheck'], parserDir);

    // 4. "Publish": build and pack, as `npm publish` would upload it.
    run('pnpm', ['run', 'build'], parserDir);
    run('pnpm', ['pack', '--pack-destination', root], parserDir);
    expect(existsSync(join(root, 'otbridge-parser-acme-0.1.0.tgz'))).toBe(true);

    // 5. A deployment project of its own: the CLI, the parser, and a config that lists it.
    const deploy = join(root, 'deploy');
    execFileSync('mkdir', ['-p', deploy]);
    writeFileSync(
      join(deploy, 'package.json'),
      `${JSON.stringify(
        {
          name: 'deploy',
          private: true,
          type: 'module',
          devDependencies: {
            '@aws-sdk/client-securityhub': '3.1108.0',
            '@otbridge/cli': '0.1.0',
            '@otbridge/local-pipeline': '0.1.0',
            'otbridge-parser-acme': `file:${join(root, 'otbridge-parser-acme-0.1.0.tgz')}`,
          },
        },
        null,
        2,
      )}\n`,
    );
    writeFileSync(join(deploy, 'pnpm-workspace.yaml'), workspaceYaml([]));
    writeFileSync(
      join(deploy, 'otbridge.config.json'),
      `${JSON.stringify({ parsers: ['otbridge-parser-acme'], handler: { envelope: 'auto' } }, null, 2)}\n`,
    );
    copyFileSync(
      join(import.meta.dirname, 'byo-parser-pipeline.mjs'),
      join(deploy, 'byo-parser-pipeline.mjs'),
    );
    run('pnpm', ['install', '--prefer-offline'], deploy);
    const otbridge = join(deploy, 'node_modules', '.bin', 'otbridge');

    // 6. Offline check with the same config, then bundle.
    const parsed = JSON.parse(run(otbridge, ['parse'], deploy, { input: `${ACME_LINE}\n` }));
    expect(parsed.ProductFields['otbridge/parser/id']).toBe('acme');
    expect(parsed.ProductFields['acme/zone']).toBe('Cell-7');
    const bundled = JSON.parse(run(otbridge, ['bundle', '--json'], deploy));
    expect(bundled.parsers).toEqual(['dragos@0.1.0', 'claroty@0.1.0', 'nozomi@0.1.0', 'acme@0.1.0']);
    expect(bundled.bundlePath).toBe(join(deploy, 'dist', 'otbridge', 'index.mjs'));
    expect(existsSync(join(deploy, 'dist', 'otbridge', 'lambda.zip'))).toBe(true);
    process.stdout.write(
      `[byo e2e] BYO bundle ${bundled.bytes} B (gzip ${bundled.gzipBytes} B, zip ${bundled.zipBytes} B); ` +
        `default bundle ${bundled.defaultBundleBytes} B\n`,
    );

    // 7. The local pipeline runs that bundle; an Acme line over syslog becomes an acme finding.
    const output = run('node', ['byo-parser-pipeline.mjs', bundled.bundlePath, ACME_LINE], deploy);
    const { bundle, findings } = JSON.parse(output) as { bundle: string; findings: AwsSecurityFinding[] };
    expect(bundle).toBe(bundled.bundlePath);
    const acme = findings.filter((finding) => finding.ProductFields?.['otbridge/parser/id'] === 'acme');
    expect(acme).toHaveLength(1);
    expect(acme[0]?.ProductFields?.['acme/zone']).toBe('Cell-7');
    expect(acme[0]?.Id).toBe('otbridge/acme/acme-gw-01.example.com/event/e2e-42');
    expect(acme[0]?.Severity?.Label).toBe('CRITICAL');
  }, 240_000);
});
