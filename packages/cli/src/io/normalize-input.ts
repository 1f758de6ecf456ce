import {
  type AwsPartition,
  createDiagnostic,
  decodeLine,
  type NormalizeContext,
  type NormalizeLineResult,
  normalizeLine,
  normalizeRecord,
  type ParserRegistry,
  type RegisteredParser,
  tokenizeCef,
} from '@otbridge/core';
import { type Command, Option } from 'commander';
import { CliError } from './cli-error.js';
import { EXIT_CODES } from './exit-codes.js';
import type { ProjectParsers } from './project-parsers.js';
import { MAX_LINE_BYTES } from './read-lines.js';

/** The account used offline when none is given (a documentation account id). */
export const DEFAULT_ACCOUNT_ID = '123456789012';

/** Raw values of the normalisation options `addNormalizeOptions` declares. */
export interface NormalizeOptionValues {
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly productArn?: string;
  readonly vendor?: string;
  readonly strict?: boolean;
  readonly lenient?: boolean;
  readonly includeSkipped?: boolean;
  readonly now?: string;
  readonly timeZone?: string;
  readonly config?: string;
}

/** Adds the options shared by `parse` and `import`: context, vendor override, tokenizing, skipped events. */
export function addNormalizeOptions(command: Command): Command {
  return command
    .option(
      '--account <id>',
      `AWS account id of the findings (default $OTBRIDGE_AWS_ACCOUNT_ID or ${DEFAULT_ACCOUNT_ID})`,
    )
    .option('--region <region>', 'AWS region of the findings (default $AWS_REGION or us-east-1)')
    .addOption(
      new Option('--partition <partition>', 'AWS partition (default: from the region)').choices([
        'aws',
        'aws-cn',
        'aws-us-gov',
      ]),
    )
    .option(
      '--product-arn <arn>',
      "product ARN (default: the account's own product, .../product/<account>/default)",
    )
    .option(
      '--vendor <parser-id>',
      'use this parser for every line instead of routing by deviceVendor/deviceProduct',
    )
    .addOption(
      new Option('--strict', 'spec-strict CEF tokenizing: spec violations reject the line').conflicts(
        'lenient',
      ),
    )
    .option('--lenient', 'best-effort CEF tokenizing with warnings (the default, as in the handler)')
    .option(
      '--include-skipped',
      'turn health and audit events, normally skipped, into INFORMATIONAL findings',
    )
    .option('--now <time>', 'the time findings are stamped with, ISO 8601 (default: now)')
    .option('--time-zone <zone>', 'IANA zone or ±HH:MM for vendor times sent without one (default UTC)')
    .option(
      '--config <file>',
      'otbridge.config.json to use (default: the nearest one from the working directory)',
    );
}

/** Settings resolved from the options, the project configuration and the environment. */
export interface NormalizeSettings {
  readonly context: NormalizeContext;
  readonly strict: boolean;
  readonly parserOptions: Record<string, object>;
  readonly vendor?: RegisteredParser;
}

function toPartition(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Resolves the options (flags win over the config file, which wins over the environment). */
export function toNormalizeSettings(
  values: NormalizeOptionValues,
  project: ProjectParsers,
  registry: ParserRegistry,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): NormalizeSettings {
  const handler = project.handler;
  const awsAccountId = values.account ?? environment.OTBRIDGE_AWS_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(awsAccountId)) {
    throw new CliError(`--account: expected 12 digits, got '${awsAccountId}'.`);
  }
  const region = values.region ?? environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION ?? 'us-east-1';
  const partition = (values.partition ?? handler.partition ?? toPartition(region)) as AwsPartition;
  const productArn = values.productArn ?? handler.productArn;
  if (productArn !== undefined && !productArn.startsWith('arn:')) {
    throw new CliError(`--product-arn: expected an ARN, got '${productArn}'.`);
  }
  let now = new Date();
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new CliError(`--now: not an ISO 8601 time: '${values.now}'.`);
  }
  const timeZone = values.timeZone ?? handler.defaultTimeZone;
  const context: NormalizeContext = {
    now,
    awsAccountId,
    region,
    partition,
    ...(productArn === undefined ? {} : { productArn }),
    ...(timeZone === undefined ? {} : { defaultTimeZone: timeZone }),
  };
  const parserOptions: Record<string, object> = { ...handler.parserOptions };
  if (values.includeSkipped === true) {
    const all = registry.fallback === undefined ? registry.parsers : [...registry.parsers, registry.fallback];
    for (const parser of all)
      parserOptions[parser.id] = { ...parserOptions[parser.id], includeHealthAndAudit: true };
  }
  let vendor: RegisteredParser | undefined;
  if (values.vendor !== undefined) {
    vendor = registry.get(values.vendor);
    if (vendor === undefined) {
      const ids = [...registry.parsers, ...(registry.fallback ? [registry.fallback] : [])].map((p) => p.id);
      throw new CliError(
        `--vendor: no parser '${values.vendor}'; registered: ${ids.join(', ')}.`,
        EXIT_CODES.usage,
      );
    }
  }
  const strict = values.strict === true ? true : values.lenient === true ? false : (handler.strict ?? false);
  return { context, strict, parserOptions, ...(vendor === undefined ? {} : { vendor }) };
}

/** One input line's bytes to its outcome (UTF-8 decoded with replacement, never throws). */
export function normalizeInputBytes(
  bytes: Uint8Array,
  truncated: boolean,
  registry: ParserRegistry,
  settings: NormalizeSettings,
): NormalizeLineResult {
  if (truncated) {
    return {
      outcome: 'rejected',
      diagnostics: [
        createDiagnostic(
          'cli/line-too-long',
          'error',
          `The line is longer than ${MAX_LINE_BYTES} bytes; it is not syslog. Split the input into one message per line.`,
        ),
      ],
    };
  }
  const line = decodeLine(bytes);
  const options = { strict: settings.strict, parserOptions: settings.parserOptions };
  if (settings.vendor === undefined) return normalizeLine(line, registry, settings.context, options);
  const tokenized = tokenizeCef(line, { strict: settings.strict });
  if (!tokenized.ok) return { outcome: 'rejected', diagnostics: tokenized.diagnostics };
  return normalizeRecord(tokenized.record, settings.vendor, settings.context, {
    diagnostics: tokenized.diagnostics,
    parserOptions: settings.parserOptions,
  });
}
