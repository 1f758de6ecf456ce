import {
  type CefRecord,
  createDiagnostic,
  type Diagnostic,
  type ParseCefTimestampOptions,
  parseCefTimestamp,
} from '@otbridge/core';
import { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';
import type { DragosNotification } from './map-dragos-notification.js';

/** The finding's times; `observedAt` is absent when Dragos sent no usable `occurredAt`. */
export interface DragosTimes {
  readonly createdAt: Date;
  readonly observedAt?: Date;
  readonly diagnostics: Diagnostic[];
}

interface TimeContext {
  readonly now: Date;
  readonly defaultTimeZone?: string;
}

function toTimestampOptions(context: TimeContext): ParseCefTimestampOptions {
  return context.defaultTimeZone === undefined
    ? { reference: context.now }
    : { reference: context.now, defaultTimeZone: context.defaultTimeZone };
}

function parseTime(
  value: string | undefined,
  field: string,
  options: ParseCefTimestampOptions,
  diagnostics: Diagnostic[],
) {
  if (value === undefined) return undefined;
  const parsed = parseCefTimestamp(value, options);
  if (parsed.ok) return parsed.date;
  diagnostics.push(
    createDiagnostic(
      DRAGOS_DIAGNOSTIC_CODES.invalidTimestamp,
      'warning',
      `${field}=${JSON.stringify(value.slice(0, 60))} is not a timestamp Dragos sends (ISO 8601); it was ignored.`,
    ),
  );
  return undefined;
}

/**
 * CreatedAt from `createdAt` / `deviceCustomDate2`, falling back to the sensor's syslog time, then the relay's
 * (zone-less, read in `defaultTimeZone`), then `context.now`, with a warning. FirstObservedAt from `occurredAt`.
 */
export function mapDragosTimes(
  notification: DragosNotification,
  record: CefRecord,
  context: TimeContext,
): DragosTimes {
  const diagnostics: Diagnostic[] = [];
  const options = toTimestampOptions(context);
  const created = parseTime(notification.createdAt, 'createdAt', options, diagnostics);
  const observedAt = parseTime(notification.occurredAt, 'occurredAt', options, diagnostics);
  if (created !== undefined) {
    return observedAt === undefined
      ? { createdAt: created, diagnostics }
      : { createdAt: created, diagnostics, observedAt };
  }
  const fallbacks: [string | undefined, string][] = [
    [record.prefix?.timestamp, 'the syslog timestamp'],
    [record.prefix?.relay?.timestamp, "the relay's syslog timestamp"],
  ];
  let createdAt: Date | undefined;
  let source = 'the time of processing';
  for (const [value, name] of fallbacks) {
    if (value === undefined) continue;
    const parsed = parseCefTimestamp(value, options);
    if (parsed.ok) {
      createdAt = parsed.date;
      source = name;
      break;
    }
  }
  diagnostics.push(
    createDiagnostic(
      DRAGOS_DIAGNOSTIC_CODES.missingCreatedAt,
      'warning',
      `The notification has no usable createdAt (deviceCustomDate2 in 2.x); CreatedAt uses ${source}.`,
    ),
  );
  return { createdAt: createdAt ?? context.now, diagnostics, ...(observedAt && { observedAt }) };
}
