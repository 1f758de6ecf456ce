import type { VendorParser } from '@otbridge/core';
import type { KinesisHandler, LineOutcome } from '@otbridge/lambda-handler';
import type { ProjectParsers } from './project-parsers.js';

/** Where the handler built by `createCliHandler` imports and quarantines. */
export interface CliHandlerSettings {
  readonly region: string;
  readonly awsAccountId: string;
  readonly quarantineBucket: string;
  readonly quarantinePrefix: string;
  readonly securityHubEndpoint?: string;
  readonly s3Endpoint?: string;
}

/**
 * The Lambda handler itself (`createKinesisHandler` with the project's parsers), configured through its
 * own environment variables: the config file's handler options, then `OTBRIDGE_*` from the environment,
 * then the settings given here. Its Powertools logs and metrics are silenced unless asked for.
 */
export async function createCliHandler(
  project: ProjectParsers,
  settings: CliHandlerSettings,
  onLineOutcome: (outcome: LineOutcome) => void,
): Promise<KinesisHandler> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { createKinesisHandler } = await import('@otbridge/lambda-handler');
  const fromEnvironment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('OTBRIDGE_') && value !== undefined) fromEnvironment[name] = value;
  }
  const environment: Record<string, string> = {
    ...project.handlerEnvironment,
    ...fromEnvironment,
    AWS_REGION: settings.region,
    OTBRIDGE_AWS_ACCOUNT_ID: settings.awsAccountId,
    OTBRIDGE_QUARANTINE_BUCKET: settings.quarantineBucket,
    OTBRIDGE_QUARANTINE_PREFIX: settings.quarantinePrefix,
    ...(settings.securityHubEndpoint === undefined
      ? {}
      : { OTBRIDGE_SECURITYHUB_ENDPOINT: settings.securityHubEndpoint }),
    ...(settings.s3Endpoint === undefined ? {} : { OTBRIDGE_S3_ENDPOINT: settings.s3Endpoint }),
  };
  // The handler types `fallback` as VendorParser<Record<string, unknown>>; any registered parser works.
  const fallback = project.fallback as VendorParser | false;
  return createKinesisHandler({ parsers: project.parsers, fallback, environment, onLineOutcome });
}
