import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const corpusFile = join(import.meta.dirname, '..', '..', '..', '..', 'scripts', 'demo-corpus.log');

/** The demo corpus (all three vendors), one line per entry. */
export function readDemoCorpus(): string[] {
  return readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function pick(predicate: (line: string) => boolean): string {
  const line = readDemoCorpus().find(predicate);
  if (line === undefined) throw new Error('demo corpus line not found');
  return line;
}

/**
 * Unique vendor lines (each one alert, so one finding): demo-corpus templates with their event id
 * replaced by `n`, with a PRI in front so the collector's Fluentd path (PRI → severity/facility) is used.
 */
export function createVendorLines(count: number, options: { offset?: number; tag?: string } = {}): string[] {
  const dragos = pick((line) => line.includes('X509 Certificate Seen'));
  const claroty = pick((line) => line.includes('Alert/Configuration Download'));
  const nozomi = pick((line) => line.includes('SIGN:MALWARE-DETECTED'));
  const tag = options.tag ?? 't';
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = `${tag}${(options.offset ?? 0) + index}`;
    const vendor = index % 3;
    if (vendor === 0)
      lines.push(dragos.replace(/externalId=\d+/, `externalId=${id}`).replace(/^Oct 24 18:48:30 /, '<14>'));
    else if (vendor === 1) lines.push(claroty.replace(/CtdExternalId=\d+/, `CtdExternalId=${id}`));
    else lines.push(`<134>${nozomi.replace(/cs3=[0-9a-f-]+/, `cs3=${id}`)}`);
  }
  return lines;
}
