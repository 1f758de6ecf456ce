import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { OctetCountingFramer } from './octet-counting-framer.js';

/** One received syslog message (framing removed) and where it came from. */
export interface SyslogMessage {
  readonly bytes: Buffer;
  readonly sourceAddress: string;
  readonly transport: 'udp' | 'tcp';
}

/** Options for `startSyslogListener`. */
export interface SyslogListenerOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** 0 picks a free port (default 5514). */
  readonly udpPort?: number;
  /** 0 picks a free port (default 5514). */
  readonly tcpPort?: number;
  readonly onMessage: (message: SyslogMessage) => void;
  /** A frame over `SYSLOG_MAX_MESSAGE_BYTES` was cut. */
  readonly onOversized?: (length: number) => void;
}

/** A running UDP + TCP syslog listener. */
export interface SyslogListener {
  readonly host: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  /** Stops accepting, lets open TCP connections deliver what they sent, then closes them. */
  close(): Promise<void>;
}

/** Default port for both transports (unprivileged, like Fluentd's 5140). */
export const DEFAULT_SYSLOG_PORT = 5514;

/** Starts UDP and TCP syslog listeners (RFC 6587 octet counting and LF framing on TCP). */
export async function startSyslogListener(options: SyslogListenerOptions): Promise<SyslogListener> {
  const host = options.host ?? '127.0.0.1';
  const connections = new Set<TcpSocket>();
  const tcp: Server = createServer((socket) => {
    connections.add(socket);
    const sourceAddress = socket.remoteAddress ?? host;
    const framer = new OctetCountingFramer({
      message: (bytes) => options.onMessage({ bytes, sourceAddress, transport: 'tcp' }),
      ...(options.onOversized === undefined ? {} : { oversized: options.onOversized }),
    });
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    socket.on('end', () => {
      framer.end();
      socket.end();
    });
    socket.on('error', () => framer.end());
    socket.on('close', () => connections.delete(socket));
  });
  const udp: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  udp.on('message', (datagram, remote) => {
    // One datagram is one message (RFC 5426); tolerate senders that pack several LF-separated lines.
    let start = 0;
    for (let index = 0; index <= datagram.length; index++) {
      if (index === datagram.length || datagram[index] === 0x0a) {
        let end = index;
        if (end > start && datagram[end - 1] === 0x0d) end--;
        if (end > start) {
          options.onMessage({
            bytes: Buffer.from(datagram.subarray(start, end)),
            sourceAddress: remote.address,
            transport: 'udp',
          });
        }
        start = index + 1;
      }
    }
  });
  udp.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.tcpPort ?? DEFAULT_SYSLOG_PORT, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(options.udpPort ?? DEFAULT_SYSLOG_PORT, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    tcp.close();
    throw error;
  }
  const tcpAddress = tcp.address();
  const tcpPort = typeof tcpAddress === 'object' && tcpAddress !== null ? tcpAddress.port : 0;
  let closing: Promise<void> | undefined;
  return {
    host,
    udpPort: udp.address().port,
    tcpPort,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        await new Promise<void>((resolve) => {
          tcp.close(() => resolve());
          // Half-close: the peer's queued bytes still arrive and are framed before the socket ends.
          for (const socket of connections) socket.end();
          setTimeout(() => {
            for (const socket of connections) socket.destroy();
          }, 2_000).unref();
        });
      })();
      return closing;
    },
  };
}
