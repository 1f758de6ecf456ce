import { tokenizeCef } from '@otbridge/core';
import { describe, expect, test } from 'vitest';
import { detectNozomiDialect } from '../src/detect-nozomi-dialect.js';

function dialect(line: string) {
  const result = tokenizeCef(line, { strict: false });
  if (!result.ok) throw new Error('line does not tokenize');
  return detectNozomiDialect(result.record);
}

const CEF = (typeId: string) => `CEF:0|Nozomi Networks|N2OS|19.0.3|${typeId}|Name|0|msg=x`;

describe('detectNozomiDialect', () => {
  test.each([
    ['SIGN:MALWARE-DETECTED', 'alert', 'SIGN'],
    ['VI:NEW-NODE:MALICIOUS-IP', 'alert', 'VI'],
    ['INCIDENT:NEW-NODE', 'alert', 'INCIDENT'],
    ['NET:RST-FROM-SLAVE', 'alert', 'NET'],
    ['PROC:STALE-VARIABLE', 'alert', 'PROC'],
    ['AUDIT:SESSIONS:CREATE', 'audit', 'AUDIT'],
    ['HEALTH', 'health', 'HEALTH'],
    ['sign:lower-case', 'alert', 'SIGN'],
    ['PROT:MODBUS-ILLEGAL', 'alert', 'other'],
    ['HEALTHY', 'alert', 'other'],
  ] as const)('%s is a %s of family %s', (typeId, eventClass, family) => {
    expect(dialect(CEF(typeId))).toMatchObject({ eventClass, family, typeId: typeId.toUpperCase() });
  });

  test.each([
    ['<134>Oct 10 2019 16:00:18 sg-19.example.com n2osevents[0]: ', 'syslog-year'],
    ['nozomi-ids.example.com n2osevents[0]: ', 'host-tag'],
    ['', 'bare'],
    ['<14>1 2023-08-15T01:00:00Z host app - - - ', 'other'],
  ] as const)('framing of %j is %s', (prefix, framing) => {
    expect(dialect(`${prefix}${CEF('HEALTH')}`).framing).toBe(framing);
  });
});
