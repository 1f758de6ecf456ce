// The only public barrel of @otbridge/cdk.

export type { PipelineAppContext } from './app/create-pipeline-stack.js';
export {
  createPipelineStack,
  PIPELINE_CONTEXT_DEFAULTS,
  readPipelineContext,
} from './app/create-pipeline-stack.js';
export type { HandlerBundle } from './bundle/resolve-handler-bundle.js';
export {
  defaultHandlerBundlePath,
  HANDLER_ENTRY_FILE,
  resolveHandlerBundle,
} from './bundle/resolve-handler-bundle.js';
export type { CollectorUserDataOptions, FluentdInstall } from './collector/render-collector-user-data.js';
export {
  COLLECTOR_HOST,
  CollectorInstallError,
  DEFAULT_FLUENTD_INSTALL,
  FLUENTD_HOST_LAYOUT,
  renderCollectorUserData,
} from './collector/render-collector-user-data.js';
export type { CollectorTlsParameters, SyslogCollectorProps } from './collector/syslog-collector.js';
export { DEFAULT_SYSLOG_LISTENERS, SyslogCollector } from './collector/syslog-collector.js';
export type { Ipv4Cidr } from './fluentd/ipv4-cidr-pattern.js';
export { parseIpv4Cidr, toIpv4CidrPattern } from './fluentd/ipv4-cidr-pattern.js';
export type {
  FluentdConfigOptions,
  FluentdTlsFiles,
  SyslogFrameType,
  SyslogListener,
  SyslogTransport,
} from './fluentd/render-fluentd-config.js';
export {
  FLUENTD_CONFIG_DEFAULTS,
  FluentdConfigError,
  renderFluentdConfig,
  toAllowListPattern,
} from './fluentd/render-fluentd-config.js';
export type { RateLimit, RateLimitInputs } from './pipeline/compute-rate-limit.js';
export { computeRateLimit, SECURITY_HUB_IMPORT_QUOTA } from './pipeline/compute-rate-limit.js';
export type { PipelineAlarmsInput, PipelineAlarmThresholds } from './pipeline/create-pipeline-alarms.js';
export { createPipelineAlarms, DEFAULT_ALARM_THRESHOLDS } from './pipeline/create-pipeline-alarms.js';
export type { OtIdsSecurityHubPipelineProps } from './pipeline/ot-ids-security-hub-pipeline.js';
export { OtIdsSecurityHubPipeline } from './pipeline/ot-ids-security-hub-pipeline.js';
