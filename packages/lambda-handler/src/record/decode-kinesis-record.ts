import { isAscii, isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';
import { createDiagnostic, type Diagnostic } from '@otbridge/core';
import { deaggregateSync, type UserRecord } from 'aws-kinesis-agg';
import type { KinesisStreamRecordPayload } from 'aws-lambda';
import { type EnvelopeMode, unwrapEnvelope } from '../envelope/unwrap-envelope.js';

/** Cap on one inflated user record: above the 10 MiB Kinesis maximum, so only decompression bombs hit it. */
export const MAX_DECOMPRESSED_RECORD_BYTES = 16 * 1024 * 1024;

const KPL_MAGIC = [0xf3, 0x89, 0x9a, 0xc2] as const;

/** One syslog line found in a Kinesis record, with where it came from. */
export interface DecodedRecordLine {
  /** Index of the KPL user record (0 for a plain record). */
  readonly subSequenceNumber: number;
  /** 0-based index of the line among the user record's non-empty lines. */
  readonly lineIndex: number;
  /** The bytes of the line as received (after de-aggregation and decompression; LF removed). */
  readonly bytes: Uint8Array;
  /** The outcome of envelope unwrapping. */
  readonly line:
    | {
        readonly ok: true;
        readonly text: string;
        readonly hostname?: string;
        readonly diagnostics: readonly Diagnostic[];
      }
    | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
}

/** A Kinesis record decoded into lines, or a record-level failure (whole record quarantined). */
export type DecodeKinesisRecordResult =
  | { readonly ok: true; readonly lines: readonly DecodedRecordLine[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Options for `decodeKinesisRecord`. */
export interface DecodeKinesisRecordOptions {
  readonly envelope: EnvelopeMode;
  readonly envelopeKey?: string;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index++) if (bytes[index] !== prefix[index]) return false;
  return true;
}

/** Inflates zlib or gzip data (fluent-plugin-kinesis `compression`); passes other data through. */
export function decompressRecordData(
  bytes: Uint8Array,
): { ok: true; bytes: Uint8Array; compression?: 'zlib' | 'gzip' } | { ok: false; diagnostics: Diagnostic[] } {
  const gzip = hasPrefix(bytes, [0x1f, 0x8b]);
  // A zlib header is 0x78 plus a byte making the 16-bit value a multiple of 31 (RFC 1950).
  const zlib = !gzip && bytes.length >= 2 && bytes[0] === 0x78 && ((0x78 << 8) | (bytes[1] ?? 0)) % 31 === 0;
  if (!gzip && !zlib) return { ok: true, bytes };
  try {
    const options = { maxOutputLength: MAX_DECOMPRESSED_RECORD_BYTES };
    const inflated = gzip ? gunzipSync(bytes, options) : inflateSync(bytes, options);
    return { ok: true, bytes: inflated, compression: gzip ? 'gzip' : 'zlib' };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return {
        ok: false,
        diagnostics: [
          createDiagnostic(
            'lambda/decompressed-too-large',
            'error',
            `The record inflates beyond ${MAX_DECOMPRESSED_RECORD_BYTES} bytes; it is treated as a decompression bomb.`,
          ),
        ],
      };
    }
    // Not really compressed (a raw line may start with 'x'): read it as it is.
    return { ok: true, bytes };
  }
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  while (start <= bytes.length) {
    // indexOf is a native byte search; a JS loop over every byte was most of this function's time.
    const newline = bytes.indexOf(0x0a, start);
    const index = newline < 0 ? bytes.length : newline;
    let end = index;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    if (end > start) lines.push(bytes.subarray(start, end));
    start = index + 1;
  }
  return lines;
}

function decodeUtf8(bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  // Fast paths with the same result as the strict decoder: ASCII as latin1, valid UTF-8 without a BOM
  // (TextDecoder drops a leading BOM; Buffer#toString keeps it, so BOM lines take the decoder path).
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(view)) return { text: view.toString('latin1'), diagnostics: [] };
  if (!hasPrefix(view, [0xef, 0xbb, 0xbf]) && isUtf8(view)) {
    return { text: view.toString('utf8'), diagnostics: [] };
  }
  try {
    return { text: strictDecoder.decode(bytes), diagnostics: [] };
  } catch {
    return {
      text: lenientDecoder.decode(bytes),
      diagnostics: [
        createDiagnostic(
          'lambda/invalid-utf8',
          'warning',
          'The line is not valid UTF-8; invalid bytes were replaced with U+FFFD. Configure the sender for UTF-8.',
        ),
      ],
    };
  }
}

function toUserRecords(
  payload: KinesisStreamRecordPayload,
  data: Buffer,
): { ok: true; records: Buffer[] } | { ok: false; diagnostics: Diagnostic[] } {
  if (!hasPrefix(data, KPL_MAGIC)) return { ok: true, records: [data] };
  let failure: Error | undefined;
  let records: UserRecord[] = [];
  try {
    deaggregateSync(payload, true, (error, userRecords) => {
      failure = error ?? undefined;
      records = userRecords ?? [];
    });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  if (failure !== undefined) {
    return {
      ok: false,
      diagnostics: [
        createDiagnostic(
          'lambda/invalid-kpl-aggregate',
          'error',
          `The record carries the KPL magic but cannot be de-aggregated (${failure.message}); check the producer.`,
        ),
      ],
    };
  }
  return { ok: true, records: records.map((record) => Buffer.from(record.data, 'base64')) };
}

/** base64 → KPL de-aggregation → inflate → lines → UTF-8 → envelope; never throws. */
export function decodeKinesisRecord(
  payload: KinesisStreamRecordPayload,
  options: DecodeKinesisRecordOptions,
): DecodeKinesisRecordResult {
  if (typeof payload?.data !== 'string') {
    return {
      ok: false,
      diagnostics: [createDiagnostic('lambda/missing-data', 'error', 'The Kinesis record has no data.')],
    };
  }
  const data = Buffer.from(payload.data, 'base64');
  const userRecords = toUserRecords(payload, data);
  if (!userRecords.ok) return userRecords;
  const unwrapOptions =
    options.envelopeKey === undefined
      ? { mode: options.envelope }
      : { mode: options.envelope, messageKey: options.envelopeKey };
  const lines: DecodedRecordLine[] = [];
  const records = userRecords.records;
  for (let subSequenceNumber = 0; subSequenceNumber < records.length; subSequenceNumber++) {
    const inflated = decompressRecordData(records[subSequenceNumber] as Buffer);
    if (!inflated.ok) return inflated;
    const split = splitLines(inflated.bytes);
    for (let lineIndex = 0; lineIndex < split.length; lineIndex++) {
      const bytes = split[lineIndex] as Uint8Array;
      const decoded = decodeUtf8(bytes);
      const unwrapped = unwrapEnvelope(decoded.text, unwrapOptions);
      const line: DecodedRecordLine['line'] = unwrapped.ok
        ? unwrapped.hostname === undefined
          ? { ok: true, text: unwrapped.text, diagnostics: decoded.diagnostics }
          : { ok: true, text: unwrapped.text, hostname: unwrapped.hostname, diagnostics: decoded.diagnostics }
        : { ok: false, diagnostics: [...decoded.diagnostics, ...unwrapped.diagnostics] };
      lines.push({ subSequenceNumber, lineIndex, bytes, line });
    }
  }
  return { ok: true, lines };
}
