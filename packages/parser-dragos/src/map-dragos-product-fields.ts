import {
  createDiagnostic,
  createKeyPrefixer,
  type Diagnostic,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  type SyslogPrefix,
  toProductFieldsFromList,
} from '@otbridge/core';
import { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';
import type { DragosEventClass } from './map-dragos-event-class.js';
import type { DragosNotification } from './map-dragos-notification.js';

/** The ProductFields pairs and the warning listing what the budget dropped. */
export interface DragosProductFields {
  readonly fields: Record<string, string>;
  readonly diagnostics: Diagnostic[];
}

interface ProductFieldsInput {
  readonly notification: DragosNotification;
  readonly eventClass: DragosEventClass;
  readonly deviceVersion: string;
  /** The sensor named by the syslog header or `dvchost`, when one is. */
  readonly sensor: string | undefined;
  readonly prefix: SyslogPrefix | undefined;
}

// Entries are one flat key/value list (toProductFieldsFromList): no array per pair.
function add(entries: string[], key: string, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') entries.push(key, value);
}

// `dragos/<key>` strings, reused across records (the same keys come on every record of a dialect).
const toDragosProductFieldKey = createKeyPrefixer('dragos/');

/**
 * ProductFields in priority order (what `toProductFields` keeps when over budget): the asset-discovery marker,
 * dialect and class, the documented Dragos fields, syslog identity, then any unmapped extension key as
 * `dragos/<key>`. Asset fields are not repeated here: they are in `Resources[].Details.Other`.
 */
export function mapDragosProductFields(input: ProductFieldsInput): DragosProductFields {
  const { notification } = input;
  const entries: string[] = [];
  if (input.eventClass === 'asset-discovery') add(entries, PRODUCT_FIELD_ASSET_DISCOVERY, 'true');
  add(entries, 'dragos/dialect', notification.dialect);
  add(entries, 'dragos/event-class', input.eventClass);
  add(
    entries,
    notification.dialect === 'platform-2' ? 'dragos/externalId' : 'dragos/id',
    notification.eventId,
  );
  add(entries, 'dragos/deviceVersion', input.deviceVersion.trim());
  add(entries, 'dragos/detection_quad', notification.quadrant);
  add(entries, 'dragos/attack_tactic', notification.tactics.join(','));
  add(entries, 'dragos/attack_technique', notification.techniques.join(','));
  add(entries, 'dragos/occurredAt', notification.occurredAt);
  add(entries, 'dragos/createdAt', notification.createdAt);
  add(entries, 'dragos/type', notification.notificationType);
  add(entries, 'dragos/detectorId', notification.detectorId);
  add(entries, 'dragos/matchedRuleId', notification.matchedRuleId);
  add(entries, 'dragos/originalSeverity', notification.originalSeverity);
  add(entries, 'dragos/reviewed', notification.reviewed);
  add(entries, 'dragos/syslog/hostname', input.sensor);
  add(entries, 'dragos/syslog/app-name', input.prefix?.appName);
  add(entries, 'dragos/syslog/relay-host', input.prefix?.relay?.host);
  for (const [key, value] of notification.unmapped) add(entries, toDragosProductFieldKey(key), value);
  const { fields, dropped } = toProductFieldsFromList(entries);
  const diagnostics: Diagnostic[] = [];
  if (dropped.length > 0) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.productFieldsDropped,
        'warning',
        `ProductFields are limited to 50 pairs; ${dropped.length} were dropped: ${dropped.slice(0, 20).join(', ')}` +
          `${dropped.length > 20 ? ', ...' : ''}.`,
      ),
    );
  }
  return { fields, diagnostics };
}
