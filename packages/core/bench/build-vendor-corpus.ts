// Builds a benchmark corpus of vendor-shaped CEF lines from the redacted Dragos, Claroty and Nozomi
// samples in vendor-samples.log (taken from ../shared/samples; RFC 5737 addresses, example.com names).
// Reusable by parser benchmarks: `buildVendorCorpus(count)` is deterministic.
import { readFileSync } from 'node:fs';
import type { CefExtension, CefRecord } from '../src/index.js';
import { formatCef, tokenizeCef } from '../src/index.js';

/** Options for `buildVendorCorpus`. */
export interface VendorCorpusOptions {
  /** Extension pairs per line (templates are padded or cut to this). Default 30. */
  readonly pairs?: number;
  /** Approximate line length in UTF-16 code units. Default 1000. */
  readonly targetLength?: number;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const SAMPLES = new URL('./vendor-samples.log', import.meta.url);

// Vendor-shaped pairs used to pad short templates: custom label pairs, escapes, lists, timestamps.
const FILLER: readonly CefExtension[] = [
  ['cs1', 'Engineering workstation'],
  ['cs1Label', 'SourceAssetType'],
  ['cn1', '502'],
  ['cn1Label', 'ModbusUnitId'],
  ['request', 'http://www.example.com/plc?cmd=stop&unit=1'],
  ['msg', 'Write request to holding register 40001\nsecond line of the message'],
  ['filePath', 'C:\\Program Files\\Vendor\\project file.acd'],
  ['dmac', '00:1d:9c:c0:04:9d'],
  ['smac', '00:50:56:b9:e2:ad'],
  ['rt', 'Aug 14 2023 01:00:00'],
  ['flexString1', 'T0843'],
  ['flexString1Label', 'mitre_attack_techniques'],
  ['cat', 'Integrity/Configuration Download'],
  ['act', 'blocked a | allowed b'],
  ['spt', '44818'],
  ['dpt', '502'],
  ['proto', 'TCP'],
  ['cs2', 'Production_B'],
  ['cs2Label', 'zone'],
  ['deviceCustomDate1', 'Oct 10 2019 16:00:18 UTC'],
  ['deviceCustomDate1Label', 'firstSeen'],
  ['outcome', 'success'],
  ['suser', 'operator'],
  ['duser', 'admin'],
  ['shost', 'hmi-01.example.com'],
  ['dhost', 'plc-07.example.com'],
  ['cfp1', '9.5'],
  ['cfp1Label', 'Risk'],
  ['reason', 'Program download outside a maintenance window'],
  ['externalId', '31-1'],
];

function loadTemplates(): CefRecord[] {
  const templates: CefRecord[] = [];
  for (const line of readFileSync(SAMPLES, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const result = tokenizeCef(line, { strict: false });
    if (result.ok) templates.push(result.record);
  }
  return templates;
}

function vary(value: string, i: number): string {
  // Keep the shape, change the content, so no two lines are equal.
  if (/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/.test(value)) {
    const prefix = value.slice(0, value.lastIndexOf('.'));
    return `${prefix}.${(i % 254) + 1}`;
  }
  if (/^\d{1,12}$/.test(value)) return String(Number(value) + (i % 997));
  return value;
}

/** Builds `count` spec-valid CEF lines (syslog prefixes included), about 1 KB and 30 pairs each. */
export function buildVendorCorpus(count: number, options: VendorCorpusOptions = {}): string[] {
  const pairsWanted = options.pairs ?? 30;
  const targetLength = options.targetLength ?? 1000;
  const templates = loadTemplates();
  const lines: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const extensions: CefExtension[] = template.extensions
      .slice(0, pairsWanted)
      .map(([key, value]) => [key, vary(value, i)] as const);
    for (let f = 0; extensions.length < pairsWanted; f++) {
      const filler = FILLER[(f + i) % FILLER.length]!;
      if (!extensions.some(([key]) => key === filler[0])) extensions.push([filler[0], vary(filler[1], i)]);
      else if (f > FILLER.length * 2) extensions.push([`${filler[0]}Extra${f}`, filler[1]]);
    }
    let line = formatCef({ ...template, extensions });
    if (line.length < targetLength) {
      // Grow the longest human-readable value rather than adding pairs.
      const padding = ' additional context'.repeat(Math.ceil((targetLength - line.length) / 19));
      extensions[extensions.length - 1] = [extensions.at(-1)![0], `${extensions.at(-1)![1]}${padding}`];
      line = formatCef({ ...template, extensions }).slice(0, Math.max(targetLength, line.length));
      line = line.trimEnd();
      if (line.endsWith('\\')) line = line.slice(0, -1);
    }
    // Flat strings, as lines decoded from bytes are in production (concatenation leaves ropes).
    lines[i] = DECODER.decode(ENCODER.encode(line));
  }
  return lines;
}
