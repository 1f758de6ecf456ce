import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  createPipelineStack,
  PIPELINE_CONTEXT_DEFAULTS,
  readPipelineContext,
} from '../src/app/create-pipeline-stack.js';
import { resolveHandlerBundle } from '../src/bundle/resolve-handler-bundle.js';

const FIXTURE_BUNDLE = fileURLToPath(new URL('./fixtures/handler-bundle', import.meta.url));

describe('the app (bin/app.ts stack factory), synthesized offline in-process', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'otbridge-cdk-'));
  const app = new App({
    outdir,
    context: {
      handlerBundle: FIXTURE_BUNDLE,
      allowedCidrs: '192.0.2.0/24',
      transports: 'tls,udp',
      alarmEmail: 'soc@example.com',
    },
  });
  const stack = createPipelineStack(app);
  const assembly = app.synth();

  it('writes one environment-agnostic stack with the documented name', () => {
    const artifact = assembly.getStackByName(PIPELINE_CONTEXT_DEFAULTS.stackName);
    expect(artifact.environment.account).toBe('unknown-account');
    expect(artifact.environment.region).toBe('unknown-region');
    expect(artifact.template.Resources).toBeDefined();
  });

  it('stages only index.mjs from a bundle directory', () => {
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    expect(readdirSync(join(outdir, assets[0]!))).toEqual(['index.mjs']);
  });

  it('applies the context parameters', () => {
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'soc@example.com',
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    const userData = JSON.stringify(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(userData).toContain('/otbridge/collector/tls-certificate');
    // The TLS listener states its framing; the UDP one has none.
    expect(userData.match(/frame_type traditional/g)).toHaveLength(1);
  });
});

describe('readPipelineContext', () => {
  const read = (values: Record<string, unknown>) => readPipelineContext((key) => values[key]);

  it('fills the documented defaults', () => {
    expect(read({})).toEqual({ ...PIPELINE_CONTEXT_DEFAULTS });
  });

  it('parses strings from -c and typed values from cdk.json', () => {
    const context = read({
      allowedCidrs: ['192.0.2.0/24'],
      shardCount: '3',
      streamMode: 'provisioned',
      parallelizationFactor: 4,
      internetFacing: 'true',
      frameType: 'octet_count',
      fluentdInstall: 'fluent-package',
      fluentPackageRepositoryUrl: 'https://repo.example.com/lts/amazon/2023/$basearch',
      fluentPackageGpgKeyUrls: 'https://repo.example.com/key-a,https://repo.example.com/key-b',
    });
    expect(context).toMatchObject({
      allowedCidrs: ['192.0.2.0/24'],
      shardCount: 3,
      parallelizationFactor: 4,
      internetFacing: true,
      frameType: 'octet_count',
      fluentdInstall: {
        method: 'fluent-package',
        repositoryUrl: 'https://repo.example.com/lts/amazon/2023/$basearch',
        gpgKeyUrls: ['https://repo.example.com/key-a', 'https://repo.example.com/key-b'],
      },
    });
    expect(read({}).fluentdInstall).toEqual({ method: 'gem' });
  });

  it('rejects malformed parameters with the parameter name', () => {
    expect(() => read({ transports: 'tls,ftp' })).toThrow(/transports/);
    expect(() => read({ streamMode: 'fast' })).toThrow(/streamMode/);
    expect(() => read({ shardCount: 'four' })).toThrow(/shardCount/);
    expect(() => read({ internetFacing: 'yes' })).toThrow(/internetFacing/);
    expect(() => read({ frameType: 'rfc6587' })).toThrow(/frameType/);
    expect(() => read({ fluentdInstall: 'apt' })).toThrow(/fluentdInstall/);
    expect(() => read({ fluentdInstall: 'fluent-package' })).toThrow(/fluentPackageRepositoryUrl/);
  });
});

describe('resolveHandlerBundle', () => {
  it('accepts a directory with index.mjs or a .zip, and says how to build one otherwise', () => {
    expect(resolveHandlerBundle(FIXTURE_BUNDLE)).toEqual({ kind: 'directory', path: FIXTURE_BUNDLE });
    const directory = mkdtempSync(join(tmpdir(), 'otbridge-bundle-'));
    expect(() => resolveHandlerBundle(directory)).toThrow(
      /no index\.mjs.*pnpm --filter @otbridge\/lambda-handler build/,
    );
    expect(() => resolveHandlerBundle(join(directory, 'missing'))).toThrow(/not found/);
    const zip = join(directory, 'lambda.zip');
    writeFileSync(zip, readFileSync(join(FIXTURE_BUNDLE, 'index.mjs')));
    expect(resolveHandlerBundle(zip)).toEqual({ kind: 'zip', path: zip });
    const other = join(directory, 'index.js');
    writeFileSync(other, '');
    expect(() => resolveHandlerBundle(other)).toThrow(/neither a directory nor a \.zip/);
  });
});
