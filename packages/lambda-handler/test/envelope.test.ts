import { describe, expect, it } from 'vitest';
import {
  encodeFluentdRecord,
  renderFluentdSourceConfig,
  toSyslogPriority,
  unwrapEnvelope,
} from '../src/index.js';

const CEF = 'CEF:0|Dragos|Platform|1.8|notification|Störung ✓|4|content=a\\=b';

describe('unwrapEnvelope', () => {
  it('reads Fluentd in_syslog JSON with message, rebuilding the PRI from severity and facility', () => {
    const text = Buffer.from(
      encodeFluentdRecord(`1 2022-04-04T00:00:00Z host app - - ${CEF}`, {
        facility: 'user',
        severity: 'alert',
        sourceAddress: '192.0.2.7',
      }),
    ).toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const result = unwrapEnvelope(text.trimEnd(), { mode: 'auto' });
    expect(result).toEqual({
      ok: true,
      envelope: 'json',
      text: `<9>1 2022-04-04T00:00:00Z host app - - ${CEF}`,
      hostname: '192.0.2.7',
    });
  });

  it('reads the AWS sample\'s {"data": ...} and a configured key', () => {
    expect(unwrapEnvelope(JSON.stringify({ data: CEF }), { mode: 'auto' })).toMatchObject({
      ok: true,
      text: CEF,
    });
    expect(
      unwrapEnvelope(JSON.stringify({ raw: CEF, message: 'other' }), { mode: 'auto', messageKey: 'raw' }),
    ).toMatchObject({ ok: true, text: CEF });
    expect(unwrapEnvelope(JSON.stringify({ log: CEF, host: 'h1' }), { mode: 'auto' })).toMatchObject({
      ok: true,
      text: CEF,
      hostname: 'h1',
    });
  });

  it('passes raw syslog lines through and honours a forced envelope', () => {
    expect(unwrapEnvelope(CEF, { mode: 'auto' })).toEqual({ ok: true, envelope: 'raw', text: CEF });
    const json = JSON.stringify({ message: CEF });
    expect(unwrapEnvelope(json, { mode: 'raw' })).toEqual({ ok: true, envelope: 'raw', text: json });
    const forced = unwrapEnvelope(CEF, { mode: 'json' });
    expect(forced.ok ? [] : forced.diagnostics.map((d) => d.code)).toEqual(['lambda/envelope-invalid-json']);
  });

  it('returns diagnostics for hostile JSON instead of throwing', () => {
    const codes = (text: string): string[] => {
      const result = unwrapEnvelope(text, { mode: 'auto' });
      return result.ok ? [] : result.diagnostics.map((d) => d.code);
    };
    expect(codes('{"__proto__": {"message": "x"}}')).toEqual(['lambda/envelope-missing-message']);
    expect(codes('{"message": 42}')).toEqual(['lambda/envelope-missing-message']);
    expect(codes('[1,2]')).toEqual([]); // starts with '[' so it is raw text, rejected later by the tokenizer
    expect(unwrapEnvelope('{not json', { mode: 'auto' })).toMatchObject({ ok: true, envelope: 'raw' });
  });
});

describe('Fluentd envelope helpers', () => {
  it('maps syslog names to a PRI and rejects unknown names', () => {
    expect(toSyslogPriority('local7', 'debug')).toBe(191);
    expect(toSyslogPriority('kern', 'emerg')).toBe(0);
    expect(toSyslogPriority('user', 'warning')).toBe(12);
    expect(toSyslogPriority('nope', 'info')).toBeUndefined();
    expect(toSyslogPriority(undefined, 'info')).toBeUndefined();
  });

  it('renders a collector source that writes the keys the handler reads', () => {
    const config = renderFluentdSourceConfig({ port: 5140, tag: 'ot' });
    expect(config).toContain('expression /^(?<message>.*)$/');
    expect(config).toContain('severity_key severity');
    expect(config).toContain('facility_key facility');
    expect(config).toContain('source_address_key source_address');
  });
});
