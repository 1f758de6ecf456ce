import { ASSET_DISCOVERY_FINDING_TYPE } from '@otbridge/core';
import { describe, expect, test } from 'vitest';
import {
  isNozomiAssetDiscovery,
  mapNozomiTypes,
  NOZOMI_TECHNIQUE_CATEGORY,
} from '../src/map-nozomi-types.js';

const NO_ATTACK = { techniques: [], tactics: [] };

describe('isNozomiAssetDiscovery', () => {
  test.each([
    'VI:NEW-NODE',
    'VI:NEW-NODE:MALICIOUS-IP',
    'VI:NEW-NODE:ANYTHING',
    'VI:NEW-SCADA-NODE',
    'VI:NEW-ARP',
    'INCIDENT:NEW-NODE',
    'SIGN:DHCP-OPERATION',
  ])('%s is asset discovery', (typeId) => expect(isNozomiAssetDiscovery(typeId)).toBe(true));
  test.each(['VI:NEW-FUNC-CODE', 'VI:NEW-NODES', 'NET:NEW-NODE', 'SIGN:MALWARE-DETECTED', 'INCIDENT:OTHER'])(
    '%s is not',
    (typeId) => expect(isNozomiAssetDiscovery(typeId)).toBe(false),
  );
});

describe('mapNozomiTypes', () => {
  test('asset discovery carries the shared marker type', () => {
    expect(mapNozomiTypes('VI:NEW-NODE', 'VI', NO_ATTACK)).toEqual({
      types: [ASSET_DISCOVERY_FINDING_TYPE],
      assetDiscovery: true,
    });
  });

  test('ATT&CK tactics and techniques go under TTPs', () => {
    const { types } = mapNozomiTypes('SIGN:MALWARE-DETECTED', 'SIGN', {
      techniques: ['T0843'],
      tactics: ['Impair Process Control', 'Persistence'],
    });
    expect(types).toEqual([
      'TTPs/Impair Process Control',
      'TTPs/Persistence',
      `${NOZOMI_TECHNIQUE_CATEGORY}/T0843`,
    ]);
  });

  test.each([
    ['SIGN:MALWARE-DETECTED', 'SIGN', 'TTPs'],
    ['SIGN:MULTIPLE-UNSUCCESSFUL-LOGINS', 'SIGN', 'TTPs/Credential Access'],
    ['SIGN:PROGRAM:CHANGE', 'SIGN', 'Software and Configuration Checks/OT Configuration Change'],
    ['VI:NEW-FUNC-CODE', 'VI', 'Unusual Behaviors/Application'],
    ['VI:NEW-LINK', 'VI', 'Unusual Behaviors/Network Flow'],
    ['NET:RST-FROM-SLAVE', 'NET', 'Unusual Behaviors/Network Flow'],
    ['PROC:STALE-VARIABLE', 'PROC', 'Unusual Behaviors/Application'],
    ['AUDIT:SESSIONS:CREATE', 'AUDIT', 'Unusual Behaviors/User'],
    ['HEALTH', 'HEALTH', 'Software and Configuration Checks/OT Sensor Health'],
    ['FOO', 'other', 'Unusual Behaviors'],
  ] as const)('%s without ATT&CK → %s', (typeId, family, type) => {
    expect(mapNozomiTypes(typeId, family, NO_ATTACK).types).toEqual([type]);
  });

  test('every type matches the service pattern (at most three segments)', () => {
    const pattern = /^([^/]+)(\/[^/]+){0,2}$/;
    const { types } = mapNozomiTypes('VI:NEW-NODE:MALICIOUS-IP', 'VI', {
      techniques: ['T0883'],
      tactics: ['Initial Access'],
    });
    expect(types.length).toBeGreaterThan(2);
    for (const type of types) expect(type).toMatch(pattern);
  });
});
