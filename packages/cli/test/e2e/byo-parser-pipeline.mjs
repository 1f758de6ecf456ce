// Driver run inside the e2e's deployment project (installed from tarballs): starts the local pipeline
// with the bundle `otbridge bundle` produced, sends one syslog line over TCP, and prints the findings
// securityhub-local holds (read back with the real SDK's GetFindings) as JSON on stdout.
import { createConnection } from 'node:net';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { startLocalPipeline } from '@otbridge/local-pipeline';

const [bundle, line, expected = '1'] = process.argv.slice(2);
const pipeline = await startLocalPipeline({ bundle, dataDir: false, udpPort: 0, tcpPort: 0 });
try {
  await new Promise((resolve, reject) => {
    const socket = createConnection({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, () => {
      socket.end(`${line}\n`, resolve);
    });
    socket.on('error', reject);
  });
  const deadline = Date.now() + 60_000;
  let findings = [];
  while (Date.now() < deadline) {
    const page = await pipeline.securityHubClient.send(new GetFindingsCommand({ MaxResults: 100 }));
    findings = page.Findings ?? [];
    if (findings.length >= Number(expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.stdout.write(`${JSON.stringify({ bundle: pipeline.bundle, findings })}\n`);
} finally {
  await pipeline.stop();
}
