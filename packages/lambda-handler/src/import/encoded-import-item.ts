import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ImportItem } from './pack-findings.js';

/**
 * Findings are encoded into shared slabs of this size. Node's own pool hands out 8 KiB slabs, a fresh
 * ArrayBuffer every few findings, which the GC then has to track and sweep (1-3 % of a distinct-alerts
 * record's CPU in interleaved runs).
 */
const ENCODING_SLAB_BYTES = 256 * 1024;
/** Larger findings get a buffer of their own, so one cannot leave most of a slab unused. */
const MAX_SLAB_FINDING_BYTES = ENCODING_SLAB_BYTES / 4;

// Written front to back and never reused: a returned view keeps its slab alive and is never overwritten. The
// first slab is made on the first finding, not at import.
let slab = Buffer.allocUnsafe(0);
let slabOffset = 0;

/**
 * Serialises a finding once, straight to the UTF-8 bytes of its part of a request body. The JSON string dies
 * at once, and the caller lets go of the finding object: an open call then holds bytes outside the V8 heap,
 * which scavenges do not copy. Strings and finding objects held until their call was answered survived
 * several scavenges each and were promoted, a good part of the handler's GC time.
 */
export function encodeFinding(finding: AwsSecurityFinding): Buffer {
  const json = JSON.stringify(finding);
  const bytes = Buffer.byteLength(json, 'utf8');
  // One byte per character: the JSON is ASCII, and copying it as latin1 gives the same bytes, faster.
  const encoding = bytes === json.length ? 'latin1' : 'utf8';
  if (bytes > MAX_SLAB_FINDING_BYTES) return Buffer.from(json, encoding);
  if (slabOffset + bytes > slab.length) {
    slab = Buffer.allocUnsafe(ENCODING_SLAB_BYTES);
    slabOffset = 0;
  }
  const start = slabOffset;
  slabOffset += slab.write(json, start, bytes, encoding);
  return slab.subarray(start, slabOffset);
}

/**
 * An import item kept as its UTF-8 JSON only (`encodeFinding`). The request body is made of `utf8`; `json`
 * decodes it again for a caller that asks (the handler never does).
 */
export class EncodedImportItem implements ImportItem {
  readonly id: string;
  readonly utf8: Uint8Array;

  constructor(id: string, utf8: Uint8Array) {
    this.id = id;
    this.utf8 = utf8;
  }

  get bytes(): number {
    return this.utf8.length;
  }

  get json(): string {
    return Buffer.from(this.utf8.buffer, this.utf8.byteOffset, this.utf8.byteLength).toString('utf8');
  }
}
