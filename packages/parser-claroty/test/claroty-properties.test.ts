import { testParserProperties } from '@otbridge/core/testing';
import { describe } from 'vitest';
import { CLAROTY_PRODUCTS, clarotyParser } from '../src/index.js';

// Vendor-shaped records: each product with the keys its dialects send, so every mapper runs on junk values.
const CTD_KEYS = [
  'CtdSourceIp',
  'CtdDestinationIp',
  'CtdSourceMac',
  'CtdExternalId',
  'CtdDeviceExternalId',
  'CtdCategory',
  'CtdAlertScore',
  'CtdAlertStatus',
  'CtdResolvedAs',
  'CtdTimeGenerated',
  'CtdMitreAttackTacticNames',
  'CtdCveId',
  'CtdInsightsSeverity',
  'CtdAlertLink',
  'src',
  'dst',
  'smac',
  'externalId',
  'rt',
  'cs1Label',
  'cs1',
  'cs3Label',
  'cs3',
  'cs9Label',
  'cs9',
  'cs17Label',
  'cs17',
];
const SRA_KEYS = ['msg', 'cs1Label', 'cs1', 'cs2Label', 'cs2', 'cn1Label', 'cn1', 'rt'];
const XDOME_KEYS = [
  'msg_category',
  'device_uid',
  'device_asset_id',
  'device_ip_list',
  'device_mac_list',
  'device_site_name',
  'other_device_ip_list',
  'alert_id',
  'alert_category',
  'alert_device_status',
  'event_id',
  'event_type',
  'event_timestamp',
  'change_id',
  'change_type',
  'src_ip',
  'dst_port',
  'signature_severity',
  'malicious_ip_severity',
  'vulnerability_cves',
];

const KEYS_BY_FAMILY = { ctd: CTD_KEYS, sra: SRA_KEYS, xdome: XDOME_KEYS } as const;

for (const product of CLAROTY_PRODUCTS) {
  describe(`${product.deviceVendor} ${product.deviceProduct}`, () => {
    testParserProperties(clarotyParser, {
      deviceVendor: product.deviceVendor,
      deviceProduct: product.deviceProduct,
      keys: KEYS_BY_FAMILY[product.family],
      numRuns: 100,
    });
  });
}

describe('health and audit included', () => {
  testParserProperties(clarotyParser, {
    deviceVendor: 'Claroty',
    deviceProduct: 'CTD',
    keys: CTD_KEYS,
    parserOptions: { includeHealthAndAudit: true },
    numRuns: 100,
  });
});
