/**
 * The worker thread that plays the Lambda runtime: it imports the bundle once (a cold start), then runs
 * one invocation at a time with a Lambda-shaped context. The bundle's stdout/stderr (Powertools logs and
 * EMF metrics) is captured per invocation and sent back, as CloudWatch Logs would receive it. Kept as
 * plain JavaScript source so it runs the same from TypeScript sources and from the built package.
 */
export const HANDLER_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
let captured = [];
const capture = (stream) => {
  stream.write = (chunk, encoding, callback) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
};
capture(process.stdout);
capture(process.stderr);
const take = () => {
  const output = captured.join('');
  captured = [];
  return output;
};
const loading = import(workerData.bundleUrl).then((module) => {
  const handler = module[workerData.handlerExport];
  if (typeof handler !== 'function') {
    throw new Error('The bundle ' + workerData.bundleUrl + ' exports no function named ' + workerData.handlerExport);
  }
  return handler;
});
const toMessage = (error) => (error && error.stack) || String(error);
parentPort.on('message', async (message) => {
  const started = Date.now();
  const deadline = started + message.timeoutMs;
  const functionArn = message.functionArn;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: functionArn.split(':')[6] || 'otbridge-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(message.memoryLimitInMB),
    awsRequestId: message.requestId || randomUUID(),
    logGroupName: '/aws/lambda/' + (functionArn.split(':')[6] || 'otbridge-local'),
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const handler = await loading;
    const response = await handler(message.event, context);
    parentPort.postMessage({ id: message.id, ok: true, response: response === undefined ? null : response, output: take() });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: toMessage(error), output: take() });
  }
});
`;
