import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  ConfigurationError,
  findSensorSettings,
  parseHandlerConfig,
} from '../src/index.js';

const BASE = { AWS_REGION: 'eu-central-1', OTBRIDGE_QUARANTINE_BUCKET: 'q' };

function variableOf(env: Record<string, string>): string | undefined {
  try {
    parseHandlerConfig(env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).variable;
  }
}

describe('parseHandlerConfig', () => {
  it('applies documented defaults', () => {
    const config = parseHandlerConfig(BASE);
    expect(config).toMatchObject({
      region: 'eu-central-1',
      partition: 'aws',
      quarantinePrefix: 'quarantine/',
      envelope: 'auto',
      strict: false,
      rateLimitCallsPerSecond: 10,
      rateLimitBurst: 30,
      maxAttempts: 6,
      importConcurrency: 2,
      sensors: [],
    });
    expect(config.awsAccountId).toBeUndefined();
    expect(parseHandlerConfig({ ...BASE, AWS_REGION: 'cn-north-1' }).partition).toBe('aws-cn');
    expect(parseHandlerConfig({ ...BASE, AWS_REGION: 'us-gov-west-1' }).partition).toBe('aws-us-gov');
  });

  it('names the variable at fault', () => {
    expect(variableOf({ OTBRIDGE_QUARANTINE_BUCKET: 'q' })).toBe('AWS_REGION');
    expect(variableOf({ AWS_REGION: 'us-east-1' })).toBe('OTBRIDGE_QUARANTINE_BUCKET');
    expect(variableOf({ ...BASE, OTBRIDGE_ENVELOPE: 'xml' })).toBe('OTBRIDGE_ENVELOPE');
    expect(variableOf({ ...BASE, OTBRIDGE_AWS_ACCOUNT_ID: '12' })).toBe('OTBRIDGE_AWS_ACCOUNT_ID');
    expect(variableOf({ ...BASE, OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND: 'fast' })).toBe(
      'OTBRIDGE_RATE_LIMIT_CALLS_PER_SECOND',
    );
    expect(variableOf({ ...BASE, OTBRIDGE_DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toBe(
      'OTBRIDGE_DEFAULT_TIME_ZONE',
    );
    expect(variableOf({ ...BASE, OTBRIDGE_PARSER_OPTIONS: '{bad' })).toBe('OTBRIDGE_PARSER_OPTIONS');
    expect(variableOf({ ...BASE, OTBRIDGE_SENSORS: '[{"match":{}}]' })).toBe('OTBRIDGE_SENSORS');
    expect(variableOf({ ...BASE, OTBRIDGE_SECURITYHUB_ENDPOINT: 'ftp://x' })).toBe(
      'OTBRIDGE_SECURITYHUB_ENDPOINT',
    );
  });

  it('reads per-sensor settings and matches by syslog host or CEF device fields', () => {
    const config = parseHandlerConfig({
      ...BASE,
      OTBRIDGE_SENSORS: JSON.stringify([
        { match: { hostname: 'nozomi-a' }, defaultTimeZone: 'Europe/Berlin' },
        {
          match: { deviceVendor: 'Claroty', deviceHostname: 'ctd-1' },
          defaultTimeZone: '+05:30',
          parserOptions: { claroty: { x: 1 } },
        },
      ]),
    });
    const record = {
      version: 0,
      deviceVendor: 'claroty',
      deviceProduct: 'CTD',
      deviceVersion: '1',
      deviceEventClassId: 'x',
      name: 'n',
      severity: '1',
      extensions: [['dvchost', 'CTD-1']] as const,
    };
    expect(findSensorSettings(config.sensors, { hostname: 'NOZOMI-A' })?.defaultTimeZone).toBe(
      'Europe/Berlin',
    );
    expect(findSensorSettings(config.sensors, { record })?.defaultTimeZone).toBe('+05:30');
    expect(findSensorSettings(config.sensors, { hostname: 'other' })).toBeUndefined();
  });
});

describe('README configuration table', () => {
  it('lists every variable of CONFIG_VARIABLES once, and nothing the handler does not read', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Logs and metrics'));
    const documented = [...section.matchAll(/^\| (.+?) \|/gm)]
      .flatMap((row) => [...(row[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((name) => name[1]))
      .filter((name): name is string => name !== undefined);
    expect(new Set(documented).size).toBe(documented.length);
    // Read by the runtime pieces themselves rather than parseHandlerConfig: credentials and Powertools.
    const others = [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_DISABLED',
    ];
    expect([...documented].sort()).toEqual([...Object.values(CONFIG_VARIABLES), ...others].sort());
  });
});
