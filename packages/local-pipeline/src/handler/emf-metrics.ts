import { METRIC_NAMES, METRIC_VENDOR_DIMENSION } from '@otbridge/lambda-handler';

/** Counts one invocation reported through its EMF metrics (the handler's `METRIC_NAMES`). */
export interface HandlerMetrics {
  recordsIn: number;
  linesIn: number;
  findingsImported: number;
  linesImported: number;
  linesSkipped: number;
  linesQuarantined: number;
  importCalls: number;
  throttledCalls: number;
  /** Per vendor (parser id): findings imported, lines skipped and quarantined. */
  vendors: Map<string, { findingsImported: number; linesSkipped: number; linesQuarantined: number }>;
}

/** An empty count. */
export function createHandlerMetrics(): HandlerMetrics {
  return {
    recordsIn: 0,
    linesIn: 0,
    findingsImported: 0,
    linesImported: 0,
    linesSkipped: 0,
    linesQuarantined: 0,
    importCalls: 0,
    throttledCalls: 0,
    vendors: new Map(),
  };
}

const TOTALS = {
  [METRIC_NAMES.recordsIn]: 'recordsIn',
  [METRIC_NAMES.linesIn]: 'linesIn',
  [METRIC_NAMES.findingsImported]: 'findingsImported',
  [METRIC_NAMES.linesImported]: 'linesImported',
  [METRIC_NAMES.linesSkipped]: 'linesSkipped',
  [METRIC_NAMES.linesQuarantined]: 'linesQuarantined',
  [METRIC_NAMES.importCalls]: 'importCalls',
  [METRIC_NAMES.throttledCalls]: 'throttledCalls',
} as const satisfies Record<string, Exclude<keyof HandlerMetrics, 'vendors'>>;

const VENDOR = {
  [METRIC_NAMES.findingsImported]: 'findingsImported',
  [METRIC_NAMES.linesSkipped]: 'linesSkipped',
  [METRIC_NAMES.linesQuarantined]: 'linesQuarantined',
} as const;

/**
 * Reads the EMF documents in a function's output (one JSON object per line, `_aws.CloudWatchMetrics`)
 * into `metrics`, as CloudWatch would extract them; other lines are returned as log text.
 */
export function readEmfOutput(output: string, metrics: HandlerMetrics): string[] {
  const logs: string[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    let document: Record<string, unknown> | undefined;
    if (line.startsWith('{') && line.includes('"_aws"')) {
      try {
        document = JSON.parse(line) as Record<string, unknown>;
      } catch {
        document = undefined;
      }
    }
    const directives = (
      document?._aws as { CloudWatchMetrics?: { Metrics?: { Name?: string }[] }[] } | undefined
    )?.CloudWatchMetrics;
    if (document === undefined || !Array.isArray(directives)) {
      logs.push(line);
      continue;
    }
    const vendor = document[METRIC_VENDOR_DIMENSION];
    for (const directive of directives) {
      for (const { Name: name } of directive.Metrics ?? []) {
        const value = Number(document[name ?? '']);
        if (name === undefined || !Number.isFinite(value)) continue;
        if (typeof vendor === 'string') {
          if (!Object.hasOwn(VENDOR, name)) continue;
          const key = VENDOR[name as keyof typeof VENDOR];
          let counts = metrics.vendors.get(vendor);
          if (counts === undefined) {
            counts = { findingsImported: 0, linesSkipped: 0, linesQuarantined: 0 };
            metrics.vendors.set(vendor, counts);
          }
          counts[key] += value;
        } else {
          if (Object.hasOwn(TOTALS, name)) metrics[TOTALS[name as keyof typeof TOTALS]] += value;
        }
      }
    }
  }
  return logs;
}
