import { once } from 'node:events';

/** Writes text, waiting for the stream to drain when its buffer is full (large NDJSON outputs). */
export async function writeOutput(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** One JSON value as one NDJSON line. */
export function toNdjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
