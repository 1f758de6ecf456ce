import {
  createDiagnostic,
  type Diagnostic,
  PRODUCT_FIELD_ASSET_DISCOVERY,
  type SyslogPrefix,
  toProductFields,
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

/**
 * ProductFields in priority order (what `toProductFields` keeps when over budget): the asset-discovery marker,
 * dialect and class, the documented Dragos fields, syslog identity, then any unmapped extension key as
 * `dragos/<key>`. Asset fields are not repeated here: they are in `Resources[].Details.Other`.
 */
export function mapDragosProductFields(input: ProductFieldsInput): DragosProductFields {
  const { notification } = input;
  const entries: [string, string][] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') entries.push([key, value]);
  };
  if (input.eventClass === 'asset-discovery') add(PRODUCT_FIELD_ASSET_DISCOVERY, 'true');
  add('dragos/dialect', notification.dialect);
  add('dragos/event-class', input.eventClass);
  add(notification.dialect === 'platform-2' ? 'dragos/externalId' : 'dragos/id', notification.eventId);
  add('dragos/deviceVersion', input.deviceVersion.trim());
  add('dragos/detection_quad', notification.quadrant);
  add('dragos/attack_tactic', notification.tactics.join(','));
  add('dragos/attack_technique', notification.techniques.join(','));
  add('dragos/occurredAt', notification.occurredAt);
  add('dragos/createdAt', notification.createdAt);
  add('dragos/type', notification.notificationType);
  add('dragos/detectorId', notification.detectorId);
  add('dragos/matchedRuleId', notification.matchedRuleId);
  add('dragos/originalSeverity', notification.originalSeverity);
  add('dragos/reviewed', notification.reviewed);
  add('dragos/syslog/hostname', input.sensor);
  add('dragos/syslog/app-name', input.prefix?.appName);
  add('dragos/syslog/relay-host', input.prefix?.relay?.host);
  for (const [key, value] of notification.unmapped) add(`dragos/${key}`, value);
  const { fields, dropped } = toProductFields(entries);
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
