import { METRIC_NAMES } from '@otbridge/lambda-handler';
import { describe, expect, it } from 'vitest';
import { createHandlerMetrics, readEmfOutput } from '../src/handler/emf-metrics.js';
import { addHandlerMetrics, createPipelineStats, formatStatsLine } from '../src/stats/pipeline-stats.js';

/** One EMF document as Powertools writes it, holding the given totals. */
function emf(values: Record<string, number>): string {
  return JSON.stringify({
    _aws: {
      Timestamp: 0,
      CloudWatchMetrics: [
        {
          Namespace: 'otbridge',
          Dimensions: [['service']],
          Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    service: 'otbridge',
    ...values,
  });
}

describe('pipeline stats', () => {
  it('reads LinesImported from the EMF output and says how many lines the findings came from', () => {
    const metrics = createHandlerMetrics();
    readEmfOutput(
      emf({
        [METRIC_NAMES.linesIn]: 30,
        [METRIC_NAMES.findingsImported]: 18,
        [METRIC_NAMES.linesImported]: 20,
        [METRIC_NAMES.linesSkipped]: 10,
        [METRIC_NAMES.linesQuarantined]: 0,
      }),
      metrics,
    );
    expect(metrics.linesImported).toBe(20);
    const stats = createPipelineStats();
    stats.linesIn = 30;
    addHandlerMetrics(stats, metrics);
    expect(formatStatsLine(stats)).toBe(
      'lines in 30 · findings imported 18 (from 20 lines) · skipped 10 · quarantined 0',
    );
  });

  it('counts the lines that never reach the stream', () => {
    const stats = createPipelineStats();
    Object.assign(stats, { linesIn: 3, linesDropped: 1, findingsImported: 2, linesImported: 2 });
    expect(formatStatsLine(stats)).toBe(
      'lines in 3 · findings imported 2 · skipped 0 · quarantined 0 · dropped 1 (empty, or too large for a Kinesis record)',
    );
  });

  it('leaves out the line count when every line made its own finding', () => {
    const stats = createPipelineStats();
    Object.assign(stats, {
      linesIn: 5,
      findingsImported: 3,
      linesImported: 3,
      linesSkipped: 1,
      linesQuarantined: 1,
    });
    expect(formatStatsLine(stats)).toBe('lines in 5 · findings imported 3 · skipped 1 · quarantined 1');
  });
});
