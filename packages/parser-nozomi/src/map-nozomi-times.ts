import { type CefRecord, createDiagnostic, type Diagnostic, parseCefTimestamp } from '@otbridge/core';

/** The event's times: `start` (epoch ms, the observation) and the syslog prefix time (the emission). */
export interface NozomiTimes {
  /** When the event happened (`start`, else the prefix time, else `context.now`). */
  readonly observedAt: Date;
  /** When N2OS sent it (the prefix time), never before `observedAt`. */
  readonly updatedAt: Date;
  readonly diagnostics: readonly Diagnostic[];
}

/** Earliest and latest `start` accepted (1990 and 2200, in epoch ms): anything else is not epoch ms. */
export const NOZOMI_START_MIN_MS = 631_152_000_000;
export const NOZOMI_START_MAX_MS = 7_258_118_400_000;

/**
 * Reads `start` (epoch milliseconds) and the year-bearing syslog prefix time (`Oct 10 2019 16:00:18`,
 * local time of the sensor: `context.defaultTimeZone`). Falls back to `context.now` with a warning.
 */
export function mapNozomiTimes(
  record: CefRecord,
  start: string | undefined,
  context: { readonly now: Date; readonly defaultTimeZone?: string },
): NozomiTimes {
  const diagnostics: Diagnostic[] = [];
  const started = start === undefined ? undefined : parseEpochMs(start);
  if (start !== undefined && started === undefined) {
    diagnostics.push(
      createDiagnostic(
        'nozomi/invalid-start',
        'warning',
        `start "${start.slice(0, 40)}" is not epoch milliseconds; it is ignored.`,
      ),
    );
  }
  const sent = parsePrefixTime(record, context, diagnostics);
  let observedAt = started ?? sent;
  if (observedAt === undefined) {
    diagnostics.push(
      createDiagnostic(
        'nozomi/missing-event-time',
        'warning',
        'The record has neither `start` nor a syslog timestamp; the time of processing is used.',
      ),
    );
    observedAt = context.now;
  }
  const updatedAt = sent !== undefined && sent.getTime() > observedAt.getTime() ? sent : observedAt;
  return { observedAt, updatedAt, diagnostics };
}

function parseEpochMs(value: string): Date | undefined {
  const text = value.trim();
  if (text.length < 12 || text.length > 13) return undefined;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return undefined;
  }
  const ms = Number(text);
  return ms >= NOZOMI_START_MIN_MS && ms <= NOZOMI_START_MAX_MS ? new Date(ms) : undefined;
}

function parsePrefixTime(
  record: CefRecord,
  context: { readonly now: Date; readonly defaultTimeZone?: string },
  diagnostics: Diagnostic[],
): Date | undefined {
  const stamp = record.prefix?.timestamp;
  if (stamp === undefined || stamp.trim() === '') return undefined;
  const options: { reference: Date; defaultTimeZone?: string } = { reference: context.now };
  if (context.defaultTimeZone !== undefined) options.defaultTimeZone = context.defaultTimeZone;
  const parsed = parseCefTimestamp(stamp, options);
  if (parsed.ok) return parsed.date;
  diagnostics.push(
    createDiagnostic(
      'nozomi/invalid-syslog-time',
      'warning',
      `The syslog timestamp "${stamp.slice(0, 40)}" could not be read; \`start\` is used alone.`,
    ),
  );
  return undefined;
}
