import { METRIC_NAMES, METRIC_SERVICE_DIMENSION } from '@otbridge/lambda-handler';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Alarm thresholds of the pipeline. */
export interface PipelineAlarmThresholds {
  /** Oldest record age when a batch finished, milliseconds. Default 10 minutes. */
  readonly iteratorAgeMs: number;
  /** Handler invocation errors per 5 minutes. Default 1. */
  readonly handlerErrors: number;
  /** BatchImportFindings calls answered with throttling per 5 minutes. Default 10. */
  readonly throttledCalls: number;
  /** Lines written to the quarantine per 5 minutes. Default 1. */
  readonly linesQuarantined: number;
  /** Messages waiting in the on-failure queue. Default 1. */
  readonly deadLetterMessages: number;
}

/** Defaults of `PipelineAlarmThresholds`. */
export const DEFAULT_ALARM_THRESHOLDS: PipelineAlarmThresholds = {
  iteratorAgeMs: 10 * 60 * 1000,
  handlerErrors: 1,
  throttledCalls: 10,
  linesQuarantined: 1,
  deadLetterMessages: 1,
};

/** Inputs of `createPipelineAlarms`. */
export interface PipelineAlarmsInput {
  readonly handler: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
  /** The handler's Powertools service name (its metrics carry it as `METRIC_SERVICE_DIMENSION`). */
  readonly serviceName: string;
  readonly namespace: string;
  readonly thresholds: Partial<PipelineAlarmThresholds>;
  readonly topic?: sns.ITopic;
}

/** Creates the pipeline's alarms; custom metrics use the handler's exported names and dimension. */
export function createPipelineAlarms(
  scope: Construct,
  input: PipelineAlarmsInput,
): Readonly<Record<string, cloudwatch.Alarm>> {
  const thresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...input.thresholds };
  const period = Duration.minutes(5);
  const handlerMetric = (metricName: string) =>
    new cloudwatch.Metric({
      namespace: input.namespace,
      metricName,
      dimensionsMap: { [METRIC_SERVICE_DIMENSION]: input.serviceName },
      statistic: cloudwatch.Stats.SUM,
      period,
    });
  const definitions: Record<string, { metric: cloudwatch.IMetric; threshold: number; description: string }> =
    {
      IteratorAge: {
        metric: input.handler.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period }),
        threshold: thresholds.iteratorAgeMs,
        description: 'The handler is falling behind the stream (records wait longer than the threshold).',
      },
      HandlerErrors: {
        metric: input.handler.metricErrors({ period }),
        threshold: thresholds.handlerErrors,
        description: 'Handler invocations failed (configuration error or crash); batches are retried.',
      },
      ThrottledCalls: {
        metric: handlerMetric(METRIC_NAMES.throttledCalls),
        threshold: thresholds.throttledCalls,
        description: 'Security Hub throttled BatchImportFindings; lower parallelization or raise the quota.',
      },
      LinesQuarantined: {
        metric: handlerMetric(METRIC_NAMES.linesQuarantined),
        threshold: thresholds.linesQuarantined,
        description: 'Lines were written to the quarantine bucket (unparseable or rejected findings).',
      },
      QuarantineWriteFailures: {
        metric: handlerMetric(METRIC_NAMES.quarantineWriteFailures),
        threshold: 1,
        description: 'Writing to the quarantine bucket failed; the records stay unfinished.',
      },
      DeadLetterDepth: {
        metric: input.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: cloudwatch.Stats.MAXIMUM,
          period,
        }),
        threshold: thresholds.deadLetterMessages,
        description:
          'Batches were discarded to the on-failure queue: run `otbridge redrive` before retention ends.',
      },
    };
  const alarms: Record<string, cloudwatch.Alarm> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const alarm = new cloudwatch.Alarm(scope, `${name}Alarm`, {
      metric: definition.metric,
      threshold: definition.threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: definition.description,
    });
    if (input.topic !== undefined) alarm.addAlarmAction(new actions.SnsAction(input.topic));
    alarms[name] = alarm;
  }
  return alarms;
}
