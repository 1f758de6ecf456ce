import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one PutRecords call. */
export interface PutRecordsFault {
  /** Answer the whole call with this error (nothing is written): throttling (400) or an internal failure (500). */
  readonly call?: 'throttled' | 'internal-failure';
  /** Entries (by index in the call) refused with ProvisionedThroughputExceededException; nothing of them is written. */
  readonly refuse?: (index: number, firstSeen: boolean) => boolean;
  /** Write only the first entries and return a `Records` list cut short there (a malformed answer). */
  readonly truncateTo?: number;
}

/** A loopback proxy in front of kinesalite that injects PutRecords faults, per call in arrival order. */
export interface FaultyKinesis {
  readonly url: string;
  /** PutRecords calls received, and entries refused or cut off (so never written). */
  readonly stats: { calls: number; refused: number; cutOff: number };
  close(): Promise<void>;
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/**
 * Forwards every request to `target` (kinesalite). A PutRecords call gets `faultFor(callIndex)`: the
 * entries it keeps are forwarded and written for real, the others are answered as the service answers a
 * partial failure, so a client that loses or duplicates a record shows it in the stream.
 */
export async function startFaultyKinesis(
  target: string,
  faultFor: (callIndex: number) => PutRecordsFault,
): Promise<FaultyKinesis> {
  const upstream = new URL(target);
  const seen = new Set<string>();
  const stats = { calls: 0, refused: 0, cutOff: 0 };
  const forward = (headers: IncomingMessage['headers'], method: string, path: string, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          headers: { ...headers, host: upstream.host, 'content-length': String(body.length) },
        },
        (response) => {
          readBody(response).then(
            (data) => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: data }),
            reject,
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const target = String(incoming.headers['x-amz-target'] ?? '');
      if (!target.endsWith('.PutRecords')) {
        const answer = await forward(incoming.headers, incoming.method ?? 'POST', incoming.url ?? '/', body);
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.end(answer.body);
        return;
      }
      const fault = faultFor(stats.calls++);
      const json = { 'content-type': 'application/x-amz-json-1.1' };
      if (fault.call !== undefined) {
        const [status, type] =
          fault.call === 'throttled'
            ? [400, 'ProvisionedThroughputExceededException']
            : [500, 'InternalFailure'];
        outgoing.writeHead(status, json);
        outgoing.end(JSON.stringify({ __type: type, message: 'injected by the test proxy' }));
        return;
      }
      const call = JSON.parse(body.toString('utf8')) as {
        StreamName: string;
        Records: { Data: string; PartitionKey: string }[];
      };
      const kept = fault.truncateTo === undefined ? call.Records.length : fault.truncateTo;
      const plan = call.Records.slice(0, kept).map((entry, index) => {
        const key = createHash('sha256').update(entry.Data).update(entry.PartitionKey).digest('hex');
        const firstSeen = !seen.has(key);
        seen.add(key);
        return fault.refuse?.(index, firstSeen) === true ? 'refused' : 'written';
      });
      stats.cutOff += call.Records.length - kept;
      const written = call.Records.slice(0, kept).filter((_, index) => plan[index] === 'written');
      let results: { SequenceNumber?: string; ShardId?: string }[] = [];
      if (written.length > 0) {
        const answer = await forward(
          incoming.headers,
          'POST',
          '/',
          Buffer.from(JSON.stringify({ ...call, Records: written })),
        );
        if (answer.status !== 200) {
          outgoing.writeHead(answer.status, answer.headers);
          outgoing.end(answer.body);
          return;
        }
        results = (JSON.parse(answer.body.toString('utf8')) as { Records: typeof results }).Records;
      }
      let next = 0;
      const records = plan.map((step) => {
        if (step === 'written') return results[next++];
        stats.refused++;
        return {
          ErrorCode: 'ProvisionedThroughputExceededException',
          ErrorMessage: 'Rate exceeded for shard shardId-000000000000 (injected by the test proxy).',
        };
      });
      const failed = records.filter((record) => record !== undefined && 'ErrorCode' in record).length;
      outgoing.writeHead(200, json);
      outgoing.end(JSON.stringify({ FailedRecordCount: failed, Records: records }));
    })().catch((error: unknown) => {
      outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
      outgoing.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
