import { describe, expect, it } from 'vitest';
import { CEF_DIAGNOSTIC_CODES, tokenizeCef } from '../../src/index.js';
import { HEADER, record } from './helpers.js';

const body = `${HEADER}src=192.0.2.1`;

describe('syslog prefixes (cef.md §3.1)', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    [
      '(a) RFC 3164 without PRI',
      'Sep 19 08:26:10 host ',
      { format: 'rfc3164', timestamp: 'Sep 19 08:26:10', hostname: 'host' },
    ],
    [
      '(b) space-padded day and a tag',
      'Dec  2 03:17:06 hostname tag ',
      { format: 'rfc3164', timestamp: 'Dec  2 03:17:06', hostname: 'hostname', appName: 'tag' },
    ],
    [
      '(c) RFC 3164 with PRI',
      '<34>Oct 11 22:14:15 mymachine ',
      { format: 'rfc3164', priority: 34, facility: 4, severity: 2, hostname: 'mymachine' },
    ],
    [
      '(d) space after PRI',
      '<189> Jun 18 10:55:50 host ',
      { format: 'rfc3164', priority: 189, hostname: 'host' },
    ],
    [
      '(e) RFC 5424 with NILVALUEs',
      '<189>1 2021-06-18T10:55:50.000003Z host app - - - ',
      {
        format: 'rfc5424',
        priority: 189,
        timestamp: '2021-06-18T10:55:50.000003Z',
        hostname: 'host',
        appName: 'app',
      },
    ],
    [
      '(f) RFC 5424 missing STRUCTURED-DATA (Dragos 1.8)',
      '<9>1 2022-04-04T21:09:26.207901Z dragos-sitestore dragos_syslog - - ',
      { format: 'rfc5424', priority: 9, hostname: 'dragos-sitestore', appName: 'dragos_syslog' },
    ],
    [
      '(g) relay timestamp + IP before an RFC 5424 body (Dragos 2.x)',
      'Oct 24 18:48:30 192.0.2.150 1 2024-10-24T22:48:30.682365Z dragos dragos_syslog - - - ',
      {
        format: 'rfc5424',
        timestamp: '2024-10-24T22:48:30.682365Z',
        hostname: 'dragos',
        appName: 'dragos_syslog',
        relay: { timestamp: 'Oct 24 18:48:30', host: '192.0.2.150' },
      },
    ],
    [
      '(i) RFC 5424 without VERSION and a space after PRI (Claroty)',
      '<30> 2023-08-15T06:33:33Z Site syslog-ActivityLog-Default - - - ',
      { format: 'rfc5424', priority: 30, hostname: 'Site', appName: 'syslog-ActivityLog-Default' },
    ],
    [
      '(i) space between PRI and VERSION',
      '<14> 1 2023-08-15T01:00:00Z Site syslog-Alert-Default - - - ',
      { format: 'rfc5424', priority: 14, hostname: 'Site' },
    ],
    [
      '(j) two spaces after VERSION',
      '<134>1  2025-05-13T04:57:18Z EMC syslog-healthcheck-Central - - - ',
      { format: 'rfc5424', hostname: 'EMC' },
    ],
    [
      '(k) Nozomi: a year in the BSD timestamp and tag[pid]:',
      '<134>Oct 10 2019 16:00:18 local-sg-19.example.com n2osevents[0]: ',
      {
        format: 'nozomi',
        priority: 134,
        timestamp: 'Oct 10 2019 16:00:18',
        hostname: 'local-sg-19.example.com',
        appName: 'n2osevents',
        procId: '0',
      },
    ],
    [
      '(l) host and tag only',
      'nozomi-ids.example.com n2osevents[0]: ',
      { format: 'host-tag', hostname: 'nozomi-ids.example.com', appName: 'n2osevents', procId: '0' },
    ],
    [
      '(m) ISO 8601 timestamp without PRI',
      '2014-06-07T18:55:09.019283+09:00 hostname tag ',
      {
        format: 'iso8601',
        timestamp: '2014-06-07T18:55:09.019283+09:00',
        hostname: 'hostname',
        appName: 'tag',
      },
    ],
    [
      '(n) RFC 5424 with the PRI stripped',
      '1 2022-04-04T00:00:00.000000Z dragos-sitestore dragos_syslog - - ',
      { format: 'rfc5424', hostname: 'dragos-sitestore', appName: 'dragos_syslog' },
    ],
    [
      'RFC 5424 with structured data',
      '<165>1 2003-10-11T22:14:15.003Z host.example.com evntslog 42 ID47 [exampleSDID@32473 iut="3" eventSource="App"] ',
      {
        format: 'rfc5424',
        procId: '42',
        msgId: 'ID47',
        structuredData: '[exampleSDID@32473 iut="3" eventSource="App"]',
      },
    ],
  ];

  for (const [label, prefix, expected] of cases) {
    it(label, () => {
      const result = tokenizeCef(prefix + body);
      expect(result.ok).toBe(true);
      expect(result.diagnostics).toEqual([]);
      if (!result.ok) return;
      expect(result.record.prefix).toMatchObject({ ...expected, raw: prefix });
      expect(result.record.extensions).toEqual([['src', '192.0.2.1']]);
    });
  }

  it('(o) bare CEF has no prefix; (p) BOM is skipped', () => {
    expect(record(body).prefix).toBeUndefined();
    expect(record(`\ufeff${body}`).prefix).toBeUndefined();
    expect(record(`<14>1 2023-08-15T01:00:00Z Site app - - - \ufeff${body}`).prefix?.format).toBe('rfc5424');
  });

  it('omits NILVALUE fields', () => {
    const prefix = record(`<14>1 - - - - - - ${body}`).prefix;
    expect(prefix).toEqual({
      format: 'rfc5424',
      priority: 14,
      facility: 1,
      severity: 6,
      raw: '<14>1 - - - - - - ',
    });
  });

  it('never fails the CEF part because of the prefix', () => {
    for (const prefix of [
      '<999>junk ',
      '<>x ',
      'Feb 31 99:99 ',
      '<1',
      '::: ',
      '\u0000\u0001 ',
      `${'x '.repeat(3000)}`,
    ]) {
      const result = tokenizeCef(prefix + body);
      expect(result.ok).toBe(true);
      for (const d of result.diagnostics) expect(d.code).toBe(CEF_DIAGNOSTIC_CODES.unrecognizedPrefix);
    }
  });
});
