import { createDiagnostic, type Diagnostic } from '@otbridge/core';
import {
  ENVELOPE_HOST_KEYS,
  ENVELOPE_MESSAGE_KEYS,
  FLUENTD_RECORD_KEYS,
  toSyslogPriority,
} from './fluentd-envelope.js';

/** `auto` detects JSON envelopes per line; `json` requires one; `raw` treats every line as syslog text. */
export type EnvelopeMode = 'auto' | 'json' | 'raw';

/** Options for `unwrapEnvelope`. */
export interface UnwrapEnvelopeOptions {
  readonly mode: EnvelopeMode;
  /** A configured JSON key holding the line; tried before the well-known keys. */
  readonly messageKey?: string;
}

/** One line taken out of its envelope. */
export type UnwrappedLine =
  | {
      readonly ok: true;
      readonly envelope: 'json' | 'raw';
      readonly text: string;
      /** The sender as the collector saw it (JSON `host`, `source_address`...), when present. */
      readonly hostname?: string;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

function pickString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    if (Object.hasOwn(object, key) && typeof object[key] === 'string') return object[key];
  }
  return undefined;
}

/** Takes the syslog line out of one envelope line (already UTF-8 decoded, LF removed); never throws. */
export function unwrapEnvelope(text: string, options: UnwrapEnvelopeOptions): UnwrappedLine {
  const trimmed = text.trimStart();
  if (options.mode === 'raw' || (options.mode === 'auto' && !trimmed.startsWith('{'))) {
    return { ok: true, envelope: 'raw', text };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    if (options.mode === 'auto') return { ok: true, envelope: 'raw', text };
    return fail(
      'lambda/envelope-invalid-json',
      'The record is not JSON although OTBRIDGE_ENVELOPE=json; check the collector formatter.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(
      'lambda/envelope-not-object',
      'The JSON envelope is not an object; the collector must write one object per line.',
    );
  }
  const object = parsed as Record<string, unknown>;
  const keys =
    options.messageKey === undefined ? ENVELOPE_MESSAGE_KEYS : [options.messageKey, ...ENVELOPE_MESSAGE_KEYS];
  const message = pickString(object, keys);
  if (message === undefined) {
    return fail(
      'lambda/envelope-missing-message',
      `The JSON envelope has no string field among ${keys.join(', ')}; set OTBRIDGE_ENVELOPE_KEY to the collector's key.`,
    );
  }
  const hostname = pickString(object, ENVELOPE_HOST_KEYS);
  // Fluentd's in_syslog strips <PRI> before a pass-through parser; put it back when the collector kept it.
  const priority = toSyslogPriority(
    object[FLUENTD_RECORD_KEYS.facility],
    object[FLUENTD_RECORD_KEYS.severity],
  );
  const line = priority !== undefined && !message.startsWith('<') ? `<${priority}>${message}` : message;
  return hostname === undefined
    ? { ok: true, envelope: 'json', text: line }
    : { ok: true, envelope: 'json', text: line, hostname };
}

function fail(code: string, message: string): UnwrappedLine {
  return { ok: false, diagnostics: [createDiagnostic(code, 'error', message)] };
}
