import { execFileSync, spawnSync } from 'node:child_process';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectFindings,
  LOCAL_CREDENTIALS,
  type LocalPipeline,
  readStreamLines,
  sendSyslogOverTcp,
  sendSyslogOverUdp,
  startLocalPipeline,
} from '../src/index.js';
import { eventKeysTagged, expectedKeys } from './helpers/findings.js';
import { createVendorLines, readDemoCorpus } from './helpers/vendor-lines.js';

const hasLogger = spawnSync('logger', ['--version']).status === 0;

describe('local pipeline end to end (real sockets, kinesalite, bundled handler, securityhub-local, s3rver)', () => {
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    pipeline = await startLocalPipeline({ dataDir: false, udpPort: 0, tcpPort: 0 });
  });
  afterAll(async () => {
    await pipeline?.stop();
  });

  it('turns lines sent over UDP, TCP (LF) and TCP (octet counting) into findings found with GetFindings', async () => {
    const target = { host: pipeline.syslog.host, port: 0 };
    await sendSyslogOverUdp(
      { ...target, port: pipeline.syslog.udpPort },
      createVendorLines(6, { tag: 'udp' }),
    );
    await sendSyslogOverTcp(
      { ...target, port: pipeline.syslog.tcpPort },
      createVendorLines(6, { tag: 'lf' }),
    );
    await sendSyslogOverTcp(
      { ...target, port: pipeline.syslog.tcpPort },
      createVendorLines(6, { tag: 'oc' }),
      {
        framing: 'octet-counting',
      },
    );
    // UDP has no end marker: wait until the listener has seen all 18 before draining.
    await expect.poll(() => pipeline.stats.linesIn, { timeout: 5_000 }).toBeGreaterThanOrEqual(18);
    await pipeline.drain({ timeoutMs: 15_000 });
    const { findings } = await collectFindings(pipeline.securityHubClient);
    for (const tag of ['udp', 'lf', 'oc'])
      expect(eventKeysTagged(findings, tag)).toEqual(expectedKeys(tag, 6));
    const vendors = new Set(findings.map((finding) => finding.ProductFields?.['otbridge/parser/id']));
    expect([...vendors].sort()).toEqual(['claroty', 'dragos', 'nozomi']);
  });

  it('writes a burst as KPL-aggregated records in the Fluentd envelope', async () => {
    const before = { lines: pipeline.stats.linesWritten, records: pipeline.stats.recordsWritten };
    const lines = createVendorLines(300, { tag: 'burst' });
    await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, lines);
    await pipeline.drain({ timeoutMs: 15_000 });
    expect(pipeline.stats.linesWritten - before.lines).toBe(300);
    expect(pipeline.stats.recordsWritten - before.records).toBeLessThan(30);
    const inStream = (await readStreamLines(pipeline.kinesisClient, pipeline.streamName)).map(
      (line) => line.text,
    );
    expect(inStream.filter((text) => text.includes('burst')).sort()).toEqual([...lines].sort());
    const { findings } = await collectFindings(pipeline.securityHubClient);
    expect(eventKeysTagged(findings, 'burst')).toEqual(expectedKeys('burst', 300));
  });

  it('quarantines a line no parser can use in the embedded S3 bucket', async () => {
    const before = pipeline.stats.linesQuarantined;
    const poison = '<14>1 2023-08-15T01:00:00Z Site app - - - CEF:0|Claroty|CTD|4.10.0';
    await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, [poison]);
    await pipeline.drain({ timeoutMs: 15_000 });
    expect(pipeline.stats.linesQuarantined - before).toBe(1);
    const s3 = new S3Client({
      endpoint: pipeline.s3Endpoint as string,
      region: pipeline.region,
      forcePathStyle: true,
      credentials: LOCAL_CREDENTIALS,
    });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: pipeline.quarantineBucket }));
    const bodies = await Promise.all(
      (listed.Contents ?? []).map(async (item) => {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: pipeline.quarantineBucket, Key: item.Key }),
        );
        return JSON.parse(
          await (object.Body as { transformToString(): Promise<string> }).transformToString(),
        ) as {
          entries: { data: string }[];
        };
      }),
    );
    const quarantined = bodies.flatMap((body) =>
      body.entries.map((entry) => Buffer.from(entry.data, 'base64').toString('utf8')),
    );
    expect(quarantined.some((text) => text.includes('CEF:0|Claroty|CTD|4.10.0'))).toBe(true);
    s3.destroy();
  });

  it('replays the demo corpus (all three vendors) into findings of every vendor', async () => {
    await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, readDemoCorpus());
    await pipeline.drain({ timeoutMs: 15_000 });
    const { byVendor } = await collectFindings(pipeline.securityHubClient);
    expect([...byVendor.keys()].sort()).toEqual(['claroty', 'dragos', 'nozomi']);
  });

  it.runIf(hasLogger)(
    'accepts what util-linux logger sends over UDP (RFC 3164) and TCP (RFC 5424, octet counting)',
    async () => {
      const cef = (createVendorLines(2, { tag: 'lg' })[1] as string).slice(
        (createVendorLines(2, { tag: 'lg' })[1] as string).indexOf('CEF:'),
      );
      const host = pipeline.syslog.host;
      execFileSync('logger', [
        '-n',
        host,
        '-P',
        String(pipeline.syslog.udpPort),
        '-d',
        '--rfc3164',
        '-p',
        'local0.info',
        '-t',
        'ctd',
        cef,
      ]);
      const tcpCef = cef.replace('CtdExternalId=lg1', 'CtdExternalId=lgt1');
      execFileSync('logger', [
        '-n',
        host,
        '-P',
        String(pipeline.syslog.tcpPort),
        '-T',
        '--octet-count',
        '--rfc5424',
        '-p',
        'local0.warning',
        '-t',
        'ctd',
        tcpCef,
      ]);
      await expect
        .poll(
          async () => {
            await pipeline.drain({ timeoutMs: 5_000 });
            const { findings } = await collectFindings(pipeline.securityHubClient);
            return [...eventKeysTagged(findings, 'lg1'), ...eventKeysTagged(findings, 'lgt1')];
          },
          { timeout: 10_000 },
        )
        .toEqual(['lg1', 'lgt1']);
    },
  );
});

describe('partial batch responses', () => {
  it('redelivers from the reported sequence number until Security Hub takes every finding', async () => {
    const pipeline = await startLocalPipeline({
      dataDir: false,
      udpPort: 0,
      tcpPort: 0,
      // One attempt per call: a throttled call is handed back to the poller as a batch item failure.
      handlerEnvironment: { OTBRIDGE_MAX_ATTEMPTS: '1' },
      flushIntervalMs: 5,
      aggregate: false,
      batchSize: 50,
    });
    try {
      pipeline.securityHub?.setFaults({ throttleNextRequests: 3 });
      const lines = createVendorLines(250, { tag: 'retry' });
      await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, lines);
      await pipeline.drain({ timeoutMs: 20_000 });
      expect(pipeline.stats.partialBatchResponses).toBeGreaterThan(0);
      expect(pipeline.stats.throttledCalls).toBe(3);
      const { findings } = await collectFindings(pipeline.securityHubClient);
      expect(eventKeysTagged(findings, 'retry')).toEqual(expectedKeys('retry', 250));
    } finally {
      await pipeline.stop();
    }
  });
});
