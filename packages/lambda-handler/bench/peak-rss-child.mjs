// Peak-RSS child of handler.bench.ts: plain node (no TypeScript loader), one event read as JSON like the
// Lambda runtime reads it, one invocation. Prints {"maxRssKiB", "failures"}. Args: <bundle> <event.json>
// [--floor]: the same process without the invocation (bundle imported, event parsed, each record's data
// decoded), i.e. what the runtime and the event cost before the handler does anything. Also prints the memory
// limit Node sees (`process.constrainedMemory()`, a cgroup's) and the V8 heap limit it sized from that.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const [bundle, eventFile, mode] = process.argv.slice(2);

function memoryFigures() {
  return {
    maxRssKiB: process.resourceUsage().maxRSS,
    constrainedMemory: process.constrainedMemory?.() ?? 0,
    heapSizeLimit: getHeapStatistics().heap_size_limit,
  };
}
const { handler } = await import(pathToFileURL(bundle).href);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
if (mode === '--floor') {
  let bytes = 0;
  for (const record of event.Records)
    bytes += Buffer.from(record.kinesis.data, 'base64').toString('utf8').length;
  process.stdout.write(JSON.stringify({ ...memoryFigures(), failures: 0, bytes }));
  process.exit(0);
}
const deadline = Date.now() + 900_000;
const response = await handler(event, {
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => deadline - Date.now(),
});
process.stdout.write(JSON.stringify({ ...memoryFigures(), failures: response.batchItemFailures.length }));
process.exit(0); // keep-alive sockets would hold the process open
