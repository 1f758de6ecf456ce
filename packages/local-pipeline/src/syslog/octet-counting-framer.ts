/**
 * Splits a syslog TCP byte stream into messages (RFC 6587). Each frame is detected on its own, as
 * rsyslog and syslog-ng do: a frame that starts with a digit is octet-counted (`MSG-LEN SP MSG`),
 * anything else is non-transparent framing ended by LF (a trailing CR is removed).
 *
 * ```
 *   57 <14>1 2023-… CEF:0|…   <13>Oct 10 … CEF:0|…\n
 *   ^ octet count            ^ LF-framed message
 * ```
 */

/** Longest message kept (bytes); longer frames are cut and counted as oversized. Fluentd has no TCP cap. */
export const SYSLOG_MAX_MESSAGE_BYTES = 1024 * 1024;

/** Digits in an RFC 6587 MSG-LEN before a frame is treated as LF-framed text instead. */
export const SYSLOG_MAX_LENGTH_DIGITS = 7;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** What the framer reports. */
export interface FramerSink {
  /** One message without its framing (never empty). */
  message(bytes: Buffer): void;
  /** A frame longer than `SYSLOG_MAX_MESSAGE_BYTES`; its first bytes are still passed to `message`. */
  oversized?(length: number): void;
}

/** An incremental RFC 6587 framer for one connection; feed it chunks, then `end()`. */
export class OctetCountingFramer {
  readonly #sink: FramerSink;
  #pending: Buffer = Buffer.alloc(0);
  /** True while the rest of an over-long LF frame is discarded. */
  #discarding = false;
  /** Bytes of an over-long octet-counted frame still to discard. */
  #skipRemaining = 0;

  constructor(sink: FramerSink) {
    this.#sink = sink;
  }

  /** Consumes one chunk of the stream. */
  push(chunk: Buffer): void {
    let buffer = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    let cursor = 0;
    while (cursor < buffer.length) {
      if (this.#skipRemaining > 0) {
        const skipped = Math.min(this.#skipRemaining, buffer.length - cursor);
        this.#skipRemaining -= skipped;
        cursor += skipped;
        continue;
      }
      if (this.#discarding) {
        const lf = buffer.indexOf(LF, cursor);
        if (lf < 0) {
          cursor = buffer.length;
          break;
        }
        this.#discarding = false;
        cursor = lf + 1;
        continue;
      }
      const first = buffer[cursor] as number;
      if (first === LF || first === CR) {
        cursor++;
        continue;
      }
      if (first >= 0x30 && first <= 0x39) {
        const counted = this.#readCounted(buffer, cursor);
        if (counted === 'incomplete') break;
        if (counted !== 'not-counted') {
          cursor = counted;
          continue;
        }
      }
      const lf = buffer.indexOf(LF, cursor);
      if (lf < 0) {
        if (buffer.length - cursor > SYSLOG_MAX_MESSAGE_BYTES) {
          this.#emit(buffer.subarray(cursor, cursor + SYSLOG_MAX_MESSAGE_BYTES));
          this.#sink.oversized?.(buffer.length - cursor);
          this.#discarding = true;
          cursor = buffer.length;
        }
        break;
      }
      if (lf - cursor > SYSLOG_MAX_MESSAGE_BYTES) {
        this.#emit(buffer.subarray(cursor, cursor + SYSLOG_MAX_MESSAGE_BYTES));
        this.#sink.oversized?.(lf - cursor);
      } else {
        this.#emitLine(buffer.subarray(cursor, lf));
      }
      cursor = lf + 1;
    }
    buffer = buffer.subarray(cursor);
    this.#pending = buffer.length === 0 ? Buffer.alloc(0) : Buffer.from(buffer);
  }

  /** Flushes a last LF-less message when the peer closes the connection. */
  end(): void {
    if (!this.#discarding && this.#pending.length > 0) this.#emitLine(this.#pending);
    this.#pending = Buffer.alloc(0);
    this.#discarding = false;
    this.#skipRemaining = 0;
  }

  /** Returns the index after the frame, 'incomplete' to wait for more bytes, or 'not-counted'. */
  #readCounted(buffer: Buffer, start: number): number | 'incomplete' | 'not-counted' {
    let length = 0;
    let cursor = start;
    while (cursor < buffer.length && cursor - start <= SYSLOG_MAX_LENGTH_DIGITS) {
      const byte = buffer[cursor] as number;
      if (byte === SPACE) break;
      if (byte < 0x30 || byte > 0x39) return 'not-counted';
      length = length * 10 + (byte - 0x30);
      cursor++;
    }
    if (cursor >= buffer.length) return 'incomplete';
    if (buffer[cursor] !== SPACE || cursor === start || length === 0) return 'not-counted';
    const bodyStart = cursor + 1;
    if (length > SYSLOG_MAX_MESSAGE_BYTES) {
      // Too long to buffer: keep the head, skip the rest as it streams in.
      if (buffer.length - bodyStart < SYSLOG_MAX_MESSAGE_BYTES) return 'incomplete';
      this.#emit(buffer.subarray(bodyStart, bodyStart + SYSLOG_MAX_MESSAGE_BYTES));
      this.#sink.oversized?.(length);
      const end = bodyStart + length;
      if (end <= buffer.length) return end;
      this.#skipRemaining = end - buffer.length;
      return buffer.length;
    }
    if (buffer.length - bodyStart < length) return 'incomplete';
    this.#emitLine(buffer.subarray(bodyStart, bodyStart + length));
    return bodyStart + length;
  }

  #emitLine(bytes: Buffer): void {
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
    if (end > 0) this.#emit(bytes.subarray(0, end));
  }

  #emit(bytes: Buffer): void {
    this.#sink.message(Buffer.from(bytes));
  }
}
