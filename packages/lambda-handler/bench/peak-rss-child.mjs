// Peak-RSS child of handler.bench.ts: plain node (no TypeScript loader), one event read as JSON like the
// Lambda runtime reads it, one invocation. Prints {"maxRssKiB", "failures"}. Args: <bundle> <event.json>.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const deadline = Date.now() + 900_000;
const response = await handler(event, {
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => deadline - Date.now(),
});
process.stdout.write(
  JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, failures: response.batchItemFailures.length }),
);
process.exit(0); // keep-alive sockets would hold the process open
