import { type CefRecord, resolveCustomLabels } from '@otbridge/core';
import {
  type ClarotyEvent,
  collectProductFields,
  firstPresent,
  labelValue,
  present,
  toClarotyNetwork,
} from './claroty-event.js';
import { CLAROTY_DIALECTS } from './detect-claroty-dialect.js';
import { mapHeaderSeverity } from './map-claroty-severity.js';
import { CLAROTY_FINDING_TYPES } from './map-claroty-types.js';
import { createClarotyFieldReader } from './read-claroty-fields.js';

// SRA logins and logouts are the product's audit trail; a refused access is a finding (Sentinel's Claroty
// rules look for "Login to SRA failed").
const SECURITY_ACTION = /fail|denied|reject|block|unauthori[sz]ed|locked/i;

// SRA's ProductFields come from what the mapper read, not from the keys.
const reader = createClarotyFieldReader({
  keys: ['cs1', 'cs2', 'cs2Label', 'suser', 'msg', 'rt', 'end', 'start', 'src', 'dst'],
  priority: [],
  exclude: new Set(),
  skipOther: () => true,
});
const S = reader.slots;

/** Reads a Secure Remote Access record (`cs1 site_name`, `cn1 message_id`, user e-mail; vendors.md §2.4). */
export function mapSraRecord(record: CefRecord): ClarotyEvent {
  const labels = resolveCustomLabels(record);
  const v = reader.read(record).values;
  const name = present(record.name);
  const kind = SECURITY_ACTION.test(record.name) ? 'finding' : 'audit';
  // SRA sends the user's e-mail in cs2 under an empty label.
  const emailSlotLabel = v[S.cs2Label];
  const user = firstPresent(
    labelValue(labels, 'user'),
    emailSlotLabel === '' ? v[S.cs2] : undefined,
    v[S.suser],
  );
  const site = firstPresent(labelValue(labels, 'site_name'), v[S.cs1]);
  const messageId = labelValue(labels, 'message_id');
  const signature = present(record.deviceEventClassId);
  return {
    dialect: CLAROTY_DIALECTS.sra,
    eventClass: 'sra',
    kind,
    site,
    eventId: messageId === undefined ? undefined : `message/${messageId}`,
    generator: `sra/${signature ?? name ?? 'event'}`,
    title: name ?? `SRA event ${signature ?? ''}`.trim(),
    description: present(v[S.msg]),
    severity: mapHeaderSeverity(record.severity),
    types: [kind === 'audit' ? CLAROTY_FINDING_TYPES.audit : CLAROTY_FINDING_TYPES.user],
    assetDiscovery: false,
    resolved: false,
    eventTime: firstPresent(v[S.rt], v[S.end], v[S.start]),
    assets: [],
    network: toClarotyNetwork(
      undefined,
      present(v[S.src]),
      undefined,
      undefined,
      present(v[S.dst]),
      undefined,
      undefined,
    ),
    sourceUrl: undefined,
    vulnerabilityIds: [],
    productFields: [
      collectProductFields([
        ['site_name', site],
        ['message_id', messageId],
        ['user', user],
        ['signature_id', signature],
      ]),
    ],
    diagnostics: [],
  };
}
