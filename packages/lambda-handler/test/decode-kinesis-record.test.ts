import { deflateSync, gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { aggregate } from 'aws-kinesis-agg';
import type { KinesisStreamRecordPayload } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeKinesisRecord, MAX_DECOMPRESSED_RECORD_BYTES } from '../src/index.js';

const LINE = 'CEF:0|Nozomi|Guardian|22.0|SIGN:X|Störung in Zone Ü ✓|9|dvc=192.0.2.1';

function payload(data: Uint8Array): KinesisStreamRecordPayload {
  return {
    data: Buffer.from(data).toString('base64'),
    sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
    partitionKey: 'p',
    approximateArrivalTimestamp: 1_700_000_000.5,
    kinesisSchemaVersion: '1.0',
  };
}

function texts(data: Uint8Array, envelope: 'auto' | 'json' | 'raw' = 'auto'): string[] {
  const result = decodeKinesisRecord(payload(data), { envelope });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.code).join());
  return result.lines.map((line) => (line.line.ok ? line.line.text : `!${line.line.diagnostics[0]?.code}`));
}

async function aggregated(records: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    aggregate(
      records.map((data) => ({ partitionKey: 'a', data: Buffer.from(data) })),
      (encoded, callback) => {
        resolve(encoded.data);
        callback();
      },
      () => undefined,
      (error) => reject(error),
    );
  });
}

describe('decodeKinesisRecord', () => {
  it('decodes UTF-8 without corrupting non-ASCII text and tolerates the trailing newline', () => {
    expect(texts(Buffer.from(`${JSON.stringify({ message: LINE })}\n`))).toEqual([LINE]);
  });

  it('splits several newline-separated lines (LF and CRLF), skipping empty ones', () => {
    expect(texts(Buffer.from(`${LINE}\r\n\n${LINE}2\n`))).toEqual([LINE, `${LINE}2`]);
  });

  it('inflates zlib and gzip records', () => {
    const json = Buffer.from(`${JSON.stringify({ data: LINE })}\n`);
    expect(texts(deflateSync(json))).toEqual([LINE]);
    expect(texts(gzipSync(json))).toEqual([LINE]);
  });

  it('de-aggregates KPL records, each user record compressed or not', async () => {
    const blob = await aggregated([`${JSON.stringify({ message: 'one' })}\n`, 'two\nthree']);
    const result = decodeKinesisRecord(payload(blob), { envelope: 'auto' });
    expect(
      result.ok && result.lines.map((l) => [l.subSequenceNumber, l.lineIndex, l.line.ok && l.line.text]),
    ).toEqual([
      [0, 0, 'one'],
      [1, 0, 'two'],
      [1, 1, 'three'],
    ]);
  });

  it('rejects a corrupted KPL aggregate as a whole record', async () => {
    const blob = await aggregated(['one', 'two']);
    blob[blob.length - 1] = (blob[blob.length - 1] ?? 0) ^ 0xff;
    const result = decodeKinesisRecord(payload(blob), { envelope: 'auto' });
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['lambda/invalid-kpl-aggregate']);
  });

  it('refuses a decompression bomb', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_DECOMPRESSED_RECORD_BYTES + 1024, 0x41));
    const result = decodeKinesisRecord(payload(bomb), { envelope: 'auto' });
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['lambda/decompressed-too-large']);
  });

  it('replaces invalid UTF-8 with a warning and keeps the raw bytes', () => {
    const bytes = Buffer.concat([
      Buffer.from('CEF:0|A|B|1|x|St'),
      Buffer.from([0xc3]),
      Buffer.from('rung|1|'),
    ]);
    const result = decodeKinesisRecord(payload(bytes), { envelope: 'auto' });
    expect(result.ok).toBe(true);
    const line = result.ok ? result.lines[0] : undefined;
    expect(line?.line.ok && line.line.text).toBe('CEF:0|A|B|1|x|St\uFFFDrung|1|');
    expect(line?.line.diagnostics.map((d) => d.code)).toEqual(['lambda/invalid-utf8']);
    expect(Buffer.from(line?.bytes ?? []).equals(bytes)).toBe(true);
  });

  it('reads a record that only looks compressed as raw text, and an empty record as no lines', () => {
    expect(texts(Buffer.from('x^ not zlib'))).toEqual(['x^ not zlib']);
    expect(texts(Buffer.from('\n'))).toEqual([]);
  });

  it('never throws on random bytes', () => {
    for (let seed = 1; seed < 200; seed++) {
      const bytes = Buffer.from(Array.from({ length: seed }, (_, i) => (seed * 7919 + i * 104729) % 256));
      expect(() => decodeKinesisRecord(payload(bytes), { envelope: 'auto' })).not.toThrow();
    }
  });

  // The ASCII and valid-UTF-8 fast paths must give exactly what TextDecoder gives (BOM dropped, U+FFFD).
  const lineBytes = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 30 }).map((text) => new Uint8Array(Buffer.from(text))),
    fc.string({ unit: 'binary', maxLength: 30 }).map((text) => new Uint8Array(Buffer.from(`\uFEFF${text}`))),
  );
  test.prop([lineBytes])(
    'decodes each line as TextDecoder would, warning exactly on invalid UTF-8',
    (bytes) => {
      const safe = bytes.map((byte) => (byte === 0x0a || byte === 0x0d ? 0x20 : byte));
      const result = decodeKinesisRecord(payload(safe), { envelope: 'raw' });
      expect(result.ok).toBe(true);
      if (!result.ok || safe.length === 0) return;
      const [line] = result.lines;
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(safe);
      } catch {
        valid = false;
      }
      expect(line?.line.ok && line.line.text).toBe(new TextDecoder('utf-8').decode(safe));
      expect(line?.line.diagnostics.map((d) => d.code)).toEqual(valid ? [] : ['lambda/invalid-utf8']);
    },
  );
});
