#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSecurityHubLocal, type ThrottleErrorCode } from './server/start-security-hub-local.js';

const USAGE = `Usage: securityhub-local [options]
  --port <n>             TCP port (default 4599; 0 picks a free one)
  --host <address>       interface (default 127.0.0.1)
  --data <file>          persist findings to this JSON file
  --rate <n>             quota: requests per second per operation (default 10)
  --burst <n>            quota: burst size (default 30)
  --no-quota             turn the quota off
  --throttle-error <code> TooManyRequestsException | LimitExceededException | ThrottlingException
  --accept-all           no validation, no quota (benchmarks)
  --discard-findings     answer imports but keep no finding (client throughput benchmarks)
  --account-id <id>      the caller's account; findings of other accounts are AccessDenied
  --help`;

function toNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`--${name} must be a non-negative number, got ${value}`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'no-quota': { type: 'boolean' },
      'throttle-error': { type: 'string' },
      'accept-all': { type: 'boolean' },
      'discard-findings': { type: 'boolean' },
      'account-id': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rate = toNumber('rate', values.rate);
  const burst = toNumber('burst', values.burst);
  const throttle = values['throttle-error'];
  if (
    throttle !== undefined &&
    !['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException'].includes(throttle)
  ) {
    throw new Error(`--throttle-error: unknown code ${throttle}`);
  }
  const server = await startSecurityHubLocal({
    port: toNumber('port', values.port) ?? 4599,
    host: values.host ?? '127.0.0.1',
    ...(values.data === undefined ? {} : { dataFile: values.data }),
    quota: values['no-quota']
      ? false
      : { ...(rate === undefined ? {} : { rate }), ...(burst === undefined ? {} : { burst }) },
    ...(throttle === undefined ? {} : { throttleErrorCode: throttle as ThrottleErrorCode }),
    acceptAll: values['accept-all'] === true,
    discardFindings: values['discard-findings'] === true,
    ...(values['account-id'] === undefined ? {} : { accountId: values['account-id'] }),
  });
  process.stdout.write(`listening on ${server.url}\n`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`securityhub-local: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `securityhub-local: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`,
  );
  process.exit(2);
});
