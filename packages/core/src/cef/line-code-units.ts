import { endianness } from 'node:os';

/** Lines up to this many UTF-16 units are copied (a 64 KiB scratch kept for the process); longer ones are not. */
const MAX_COPIED_UNITS = 32_768;

// One scratch for every line (tokenizing is synchronous), made on first use; a Buffer over the same memory
// writes the code units in with one native call. Little-endian only: that is the order `utf16le` writes.
let units: Uint16Array | undefined;
let writer: Buffer | undefined;
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * The line's UTF-16 code units in a reused typed array (valid until the next call), or `undefined` for a line
 * over 32,768 units or on a big-endian host: the caller then reads the string. V8 reads a typed array about
 * twice as fast as `charCodeAt` per character (the string's representation is checked on every read), which
 * is what the tokenizer's backward scan of each key does (about 425 characters a Claroty line). A lone
 * surrogate may come out as U+FFFD, which, like the surrogate, is no key character.
 */
export function lineCodeUnits(line: string): Uint16Array | undefined {
  if (!LITTLE_ENDIAN || line.length > MAX_COPIED_UNITS) return undefined;
  if (units === undefined || writer === undefined) {
    units = new Uint16Array(MAX_COPIED_UNITS);
    writer = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
  }
  writer.write(line, 0, 'utf16le');
  return units;
}
