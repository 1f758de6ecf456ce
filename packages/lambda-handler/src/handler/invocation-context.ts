import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What the handler reads from the Lambda context. */
export type InvocationContext = Pick<
  Context,
  'getRemainingTimeInMillis' | 'invokedFunctionArn' | 'awsRequestId'
> &
  Partial<Context>;

/** A Lambda-shaped context for local pollers and tests: a real clock counting down from `timeoutMs`. */
export function createInvocationContext(options: {
  timeoutMs: number;
  functionArn?: string;
  requestId?: string;
}): Context {
  const deadline = Date.now() + options.timeoutMs;
  const functionArn = options.functionArn ?? 'arn:aws:lambda:us-east-1:123456789012:function:otbridge-local';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: functionArn.split(':')[6] ?? 'otbridge-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '128',
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: '/aws/lambda/otbridge-local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The 12-digit account id from a function ARN (`arn:<partition>:lambda:<region>:<account>:function:<name>`). */
export function toAccountIdFromArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}
