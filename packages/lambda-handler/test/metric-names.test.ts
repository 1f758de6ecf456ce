import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_METRICS_NAMESPACE,
  DEFAULT_SERVICE_NAME,
  METRIC_NAMES,
  METRIC_SERVICE_DIMENSION,
  METRIC_VENDOR_DIMENSION,
} from '../src/index.js';

describe('metric names and dimensions', () => {
  it("match the EMF Powertools writes: namespace, its 'service' dimension and the vendor dimension", () => {
    const metrics = new Metrics({ namespace: DEFAULT_METRICS_NAMESPACE, serviceName: DEFAULT_SERVICE_NAME });
    // As the handler's per-vendor series (a single metric publishes on addMetric; serialize before that).
    metrics.addDimension(METRIC_VENDOR_DIMENSION, 'dragos');
    metrics.addMetric(METRIC_NAMES.linesQuarantined, MetricUnit.Count, 1);
    const emf = metrics.serializeMetrics();
    const directive = emf._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe(DEFAULT_METRICS_NAMESPACE);
    expect(directive?.Dimensions).toEqual([[METRIC_SERVICE_DIMENSION, METRIC_VENDOR_DIMENSION]]);
    expect(emf[METRIC_SERVICE_DIMENSION]).toBe(DEFAULT_SERVICE_NAME);
    expect(emf[METRIC_VENDOR_DIMENSION]).toBe('dragos');
    expect(emf[METRIC_NAMES.linesQuarantined]).toBe(1);
  });

  it('names every metric once, in PascalCase', () => {
    const names = Object.values(METRIC_NAMES);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
  });
});
