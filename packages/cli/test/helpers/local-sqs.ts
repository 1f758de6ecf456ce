import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One queue message as the test sees it. */
export interface LocalSqsMessage {
  readonly messageId: string;
  readonly body: string;
  /** The receipt handle of the latest receive (deleting needs it), while the message is in flight. */
  receiptHandle?: string;
  /** Epoch ms until which a receive hides it (the visibility timeout). */
  invisibleUntil: number;
  receiveCount: number;
}

/**
 * A loopback SQS queue speaking the SDK's AWS JSON 1.0 protocol for the calls `otbridge redrive` makes:
 * ReceiveMessage (with visibility timeout and `MD5OfBody`, which the SDK checks) and DeleteMessage (by the
 * latest receipt handle, as SQS requires). No emulator of SQS runs offline, so this stands in for one.
 */
export interface LocalSqs {
  readonly url: string;
  /** The queue URL to pass as `--queue` (on this server, so the SDK's queue-URL endpoint agrees). */
  readonly queueUrl: string;
  readonly messages: LocalSqsMessage[];
  /** DeleteMessage calls that named a receipt handle no message holds (SQS answers them with an error). */
  readonly staleDeletes: number;
  send(body: string): void;
  close(): Promise<void>;
}

function readJson(message: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      } catch (error) {
        reject(error);
      }
    });
    message.on('error', reject);
  });
}

export async function startLocalSqs(queueName = 'otbridge-dlq'): Promise<LocalSqs> {
  const messages: LocalSqsMessage[] = [];
  let staleDeletes = 0;
  const server: Server = createServer((request, response) => {
    void readJson(request).then((input) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      if (target === 'AmazonSQS.ReceiveMessage') {
        const max = Math.min(10, Number(input.MaxNumberOfMessages ?? 1));
        const visibility = Number(input.VisibilityTimeout ?? 30) * 1000;
        const now = Date.now();
        const out = [];
        for (const message of messages) {
          if (out.length >= max) break;
          if (message.invisibleUntil > now) continue;
          message.receiptHandle = randomUUID();
          message.invisibleUntil = now + visibility;
          message.receiveCount++;
          out.push({
            MessageId: message.messageId,
            ReceiptHandle: message.receiptHandle,
            MD5OfBody: createHash('md5').update(message.body).digest('hex'),
            Body: message.body,
          });
        }
        json(200, out.length === 0 ? {} : { Messages: out });
        return;
      }
      if (target === 'AmazonSQS.DeleteMessage') {
        const index = messages.findIndex((message) => message.receiptHandle === input.ReceiptHandle);
        if (index < 0) {
          staleDeletes++;
          json(400, {
            __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
            message: 'unknown receipt handle',
          });
          return;
        }
        messages.splice(index, 1);
        json(200, {});
        return;
      }
      json(400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `${target} is not emulated` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queueUrl: `${url}/123456789012/${queueName}`,
    messages,
    get staleDeletes() {
      return staleDeletes;
    },
    send(body) {
      messages.push({ messageId: randomUUID(), body, invisibleUntil: 0, receiveCount: 0 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
