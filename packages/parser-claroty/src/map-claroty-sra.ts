import { type CefRecord, getCefExtension, resolveCustomLabels } from '@otbridge/core';
import {
  type ClarotyEvent,
  collectProductFields,
  firstPresent,
  present,
  toClarotyNetwork,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity } from './map-claroty-severity.js';
import { CLAROTY_FINDING_TYPES } from './map-claroty-types.js';

// SRA logins and logouts are the product's audit trail; a refused access is a finding (Sentinel's Claroty
// rules look for "Login to SRA failed").
const SECURITY_ACTION = /fail|denied|reject|block|unauthori[sz]ed|locked/i;

/** Reads a Secure Remote Access record (`cs1 site_name`, `cn1 message_id`, user e-mail; vendors.md §2.4). */
export function mapSraRecord(record: CefRecord, fields: ReadonlyMap<string, string>): ClarotyEvent {
  const labels = resolveCustomLabels(record);
  const label = (name: string) => present(labels.get(name)?.value);
  const name = present(record.name);
  const kind = SECURITY_ACTION.test(record.name) ? 'finding' : 'audit';
  // SRA sends the user's e-mail in cs2 under an empty label.
  const emailSlotLabel = getCefExtension(record, 'cs2Label');
  const user = firstPresent(
    label('user'),
    emailSlotLabel === '' ? getCefExtension(record, 'cs2') : undefined,
    fields.get('suser'),
  );
  const site = firstPresent(label('site_name'), fields.get('cs1'));
  const messageId = label('message_id');
  const signature = present(record.deviceEventClassId);
  return {
    dialect: CLAROTY_DIALECTS.sra,
    eventClass: 'sra',
    kind,
    site,
    eventId: messageId === undefined ? undefined : `message/${messageId}`,
    generator: `sra/${signature ?? name ?? 'event'}`,
    title: name ?? `SRA event ${signature ?? ''}`.trim(),
    description: present(fields.get('msg')),
    severity: mapHeaderSeverity(record.severity),
    types: [kind === 'audit' ? CLAROTY_FINDING_TYPES.audit : CLAROTY_FINDING_TYPES.user],
    assetDiscovery: false,
    resolved: false,
    eventTime: firstPresent(fields.get('rt'), fields.get('end'), fields.get('start')),
    assets: [],
    network: toClarotyNetwork(
      undefined,
      present(fields.get('src')),
      undefined,
      undefined,
      present(fields.get('dst')),
      undefined,
      undefined,
    ),
    sourceUrl: undefined,
    vulnerabilityIds: [],
    productFields: collectProductFields([
      ['site_name', site],
      ['message_id', messageId],
      ['user', user],
      ['signature_id', signature],
    ]),
    diagnostics: [],
  };
}
