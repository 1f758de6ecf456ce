import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFindings, readStreamLines, sendSyslogOverTcp, startLocalPipeline } from '../src/index.js';
import { eventKeysTagged, expectedKeys } from './helpers/findings.js';
import { createVendorLines } from './helpers/vendor-lines.js';

describe('restart (kinesalite on disk, persisted checkpoint, securityhub-local data file)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'otbridge-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses and duplicates nothing that was accepted before the stop', async () => {
    const first = await startLocalPipeline({ dataDir, udpPort: 0, tcpPort: 0 });
    const before = createVendorLines(90, { tag: 'a' });
    await sendSyslogOverTcp({ host: first.syslog.host, port: first.syslog.tcpPort }, before);
    // Stop at once: lines are accepted, some may not be processed yet.
    await first.stop();
    const firstRun = first.stats.handlerLines;

    const second = await startLocalPipeline({ dataDir, udpPort: 0, tcpPort: 0 });
    try {
      const after = createVendorLines(60, { tag: 'b' });
      await sendSyslogOverTcp({ host: second.syslog.host, port: second.syslog.tcpPort }, after);
      await second.drain({ timeoutMs: 20_000 });
      const { findings } = await collectFindings(second.securityHubClient);
      expect(eventKeysTagged(findings, 'a')).toEqual(expectedKeys('a', 90));
      expect(eventKeysTagged(findings, 'b')).toEqual(expectedKeys('b', 60));
      expect(findings).toHaveLength(150);
      // Every accepted line went into the stream exactly once...
      const stream = (await readStreamLines(second.kinesisClient, second.streamName)).map(
        (line) => line.text,
      );
      expect(stream).toHaveLength(150);
      expect(new Set(stream).size).toBe(150);
      // ...and the checkpoint kept the second run from processing what the first had finished.
      expect(firstRun + second.stats.handlerLines).toBe(150);
    } finally {
      await second.stop();
    }
  });
});
