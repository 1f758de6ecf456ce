import type { HandlerMetrics } from '../handler/emf-metrics.js';

/** Live counters of a running pipeline. */
export interface PipelineStats {
  /** Syslog messages received (UDP datagram lines and TCP frames). */
  linesIn: number;
  /** Empty messages (dropped, as Fluentd does) and events over the Kinesis record size. */
  linesDropped: number;
  /** Fluentd events (lines) written to Kinesis, and the Kinesis records carrying them. */
  linesWritten: number;
  recordsWritten: number;
  putRetries: number;
  invocations: number;
  invocationErrors: number;
  partialBatchResponses: number;
  /** Kinesis records checkpointed by the poller. */
  recordsCheckpointed: number;
  /** From the handler's EMF metrics. */
  handlerLines: number;
  findingsImported: number;
  /** Lines whose finding was accepted (lines of the same vendor alert share one finding). */
  linesImported: number;
  linesSkipped: number;
  linesQuarantined: number;
  importCalls: number;
  throttledCalls: number;
  readonly vendors: Map<string, { findingsImported: number; linesSkipped: number; linesQuarantined: number }>;
}

/** Zeroed counters. */
export function createPipelineStats(): PipelineStats {
  return {
    linesIn: 0,
    linesDropped: 0,
    linesWritten: 0,
    recordsWritten: 0,
    putRetries: 0,
    invocations: 0,
    invocationErrors: 0,
    partialBatchResponses: 0,
    recordsCheckpointed: 0,
    handlerLines: 0,
    findingsImported: 0,
    linesImported: 0,
    linesSkipped: 0,
    linesQuarantined: 0,
    importCalls: 0,
    throttledCalls: 0,
    vendors: new Map(),
  };
}

/** Adds one invocation's metrics. */
export function addHandlerMetrics(stats: PipelineStats, metrics: HandlerMetrics): void {
  stats.handlerLines += metrics.linesIn;
  stats.findingsImported += metrics.findingsImported;
  stats.linesImported += metrics.linesImported;
  stats.linesSkipped += metrics.linesSkipped;
  stats.linesQuarantined += metrics.linesQuarantined;
  stats.importCalls += metrics.importCalls;
  stats.throttledCalls += metrics.throttledCalls;
  for (const [vendor, counts] of metrics.vendors) {
    const total = stats.vendors.get(vendor) ?? { findingsImported: 0, linesSkipped: 0, linesQuarantined: 0 };
    total.findingsImported += counts.findingsImported;
    total.linesSkipped += counts.linesSkipped;
    total.linesQuarantined += counts.linesQuarantined;
    stats.vendors.set(vendor, total);
  }
}

/**
 * One status line: `lines in 30 · findings imported 18 (from 20 lines) · skipped 10 · quarantined 0`. The
 * `from N lines` part appears when lines shared findings, so the line counts add up to `lines in`.
 */
export function formatStatsLine(stats: PipelineStats): string {
  const merged = stats.linesImported > stats.findingsImported;
  return [
    `lines in ${stats.linesIn}`,
    `findings imported ${stats.findingsImported}${merged ? ` (from ${stats.linesImported} lines)` : ''}`,
    `skipped ${stats.linesSkipped}`,
    `quarantined ${stats.linesQuarantined}`,
    // Never reach the stream (Fluentd drops them too): said here so every line in is accounted for.
    ...(stats.linesDropped > 0
      ? [`dropped ${stats.linesDropped} (empty, or too large for a Kinesis record)`]
      : []),
    ...(stats.throttledCalls > 0 ? [`throttled calls ${stats.throttledCalls}`] : []),
    ...(stats.invocationErrors > 0 ? [`failed invocations ${stats.invocationErrors}`] : []),
  ].join(' · ');
}
