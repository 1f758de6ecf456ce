import { createReadStream } from 'node:fs';
import { CliError } from './cli-error.js';
import { EXIT_CODES } from './exit-codes.js';

/** Longest line kept whole; the rest of a longer line is dropped and the line flagged `truncated`. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** The name stdin gets in diagnostics. */
export const STDIN_NAME = '<stdin>';

/** One input line: its bytes (LF and a trailing CR removed) and where it came from. */
export interface InputLine {
  /** File path as given, or `<stdin>`. */
  readonly source: string;
  /** 1-based line number within the source. */
  readonly lineNumber: number;
  readonly bytes: Uint8Array;
  /** The line was longer than `MAX_LINE_BYTES`; `bytes` holds its start. */
  readonly truncated: boolean;
}

/** `[]` or `['-']` mean stdin; `-` may also appear among files. */
export function toInputSources(files: readonly string[]): string[] {
  return files.length === 0 ? ['-'] : [...files];
}

function openSource(file: string, stdin: NodeJS.ReadableStream): AsyncIterable<Buffer | string> {
  if (file === '-') return stdin as AsyncIterable<Buffer | string>;
  return createReadStream(file);
}

/**
 * Reads every line of the sources in order, without loading a whole file into memory. Empty lines are
 * not yielded but still count for line numbers. A file that cannot be opened throws a usage `CliError`.
 */
export async function* readLines(
  files: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<InputLine> {
  for (const file of toInputSources(files)) {
    const source = file === '-' ? STDIN_NAME : file;
    let lineNumber = 0;
    let parts: Buffer[] = [];
    let length = 0;
    let truncated = false;
    const take = (): InputLine | undefined => {
      lineNumber++;
      let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      const line = bytes.length === 0 ? undefined : { source, lineNumber, bytes, truncated };
      parts = [];
      length = 0;
      truncated = false;
      return line;
    };
    const keep = (chunk: Buffer): void => {
      const room = MAX_LINE_BYTES - length;
      if (chunk.length > room) truncated = true;
      const kept = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
      if (kept.length > 0) {
        parts.push(kept);
        length += kept.length;
      }
    };
    try {
      for await (const raw of openSource(file, stdin)) {
        const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
        let start = 0;
        for (let index = chunk.indexOf(0x0a); index >= 0; index = chunk.indexOf(0x0a, start)) {
          keep(chunk.subarray(start, index));
          const line = take();
          if (line !== undefined) yield line;
          start = index + 1;
        }
        if (start < chunk.length) keep(chunk.subarray(start));
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
        throw new CliError(`Cannot read ${source}: ${code}.`, EXIT_CODES.usage, { cause: error });
      }
      throw error;
    }
    if (length > 0 || truncated) {
      const line = take();
      if (line !== undefined) yield line;
    }
  }
}

/** Reads a whole source (file or `-`) as text, for JSON inputs. */
export async function readSourceText(
  file: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const raw of openSource(file, stdin)) {
      chunks.push(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(
      `Cannot read ${file === '-' ? STDIN_NAME : file}: ${code ?? String(error)}.`,
      EXIT_CODES.usage,
      {
        cause: error,
      },
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
