import { unwrapEnvelope } from '@otbridge/lambda-handler';
import { describe, expect, it } from 'vitest';
import { toFluentdRecord } from '../src/index.js';

const decode = (bytes: Uint8Array | undefined): Record<string, string> =>
  JSON.parse(Buffer.from(bytes as Uint8Array).toString('utf8')) as Record<string, string>;

describe('toFluentdRecord', () => {
  it('writes what in_syslog writes: PRI stripped into facility and severity names, sender kept, one LF', () => {
    const bytes = toFluentdRecord(
      Buffer.from('<134>Oct 10 2019 16:00:18 h n2osevents[0]: CEF:0|x'),
      '192.0.2.1',
    );
    expect(
      Buffer.from(bytes as Uint8Array)
        .toString('utf8')
        .endsWith('}\n'),
    ).toBe(true);
    expect(decode(bytes)).toEqual({
      message: 'Oct 10 2019 16:00:18 h n2osevents[0]: CEF:0|x',
      facility: 'local0',
      severity: 'info',
      source_address: '192.0.2.1',
    });
  });

  it("round-trips through the handler's envelope reader with the PRI restored", () => {
    for (const line of [
      '<9>1 2022-04-04T00:00:00Z h app - - CEF:0|a',
      '<0>x',
      '<191>y',
      'host CEF:0|no pri',
      '<192>bad pri',
    ]) {
      const text = Buffer.from(toFluentdRecord(Buffer.from(line), '127.0.0.1') as Uint8Array)
        .toString('utf8')
        .trimEnd();
      const unwrapped = unwrapEnvelope(text, { mode: 'auto' });
      expect(unwrapped).toMatchObject({ ok: true, envelope: 'json', text: line });
    }
  });

  it('drops empty messages, as Fluentd does', () => {
    expect(toFluentdRecord(Buffer.from('  '), '127.0.0.1')).toBeUndefined();
  });
});
