import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** Sends lines over one TCP connection, LF-framed or RFC 6587 octet-counted; resolves once the peer has them. */
export async function sendSyslogOverTcp(
  target: { host: string; port: number },
  lines: readonly string[],
  options: { framing?: 'lf' | 'octet-counting' } = {},
): Promise<void> {
  const framing = options.framing ?? 'lf';
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port }, () => {
      let index = 0;
      const pump = (): void => {
        while (index < lines.length) {
          const line = lines[index++] as string;
          const frame = framing === 'lf' ? `${line}\n` : `${Buffer.byteLength(line, 'utf8')} ${line}`;
          if (!socket.write(frame)) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end();
      };
      pump();
    });
    socket.on('error', reject);
    // The listener ends its side after reading everything we sent.
    socket.on('close', (hadError) => (hadError ? reject(new Error('TCP send failed')) : resolve()));
    socket.resume();
  });
}

/** Sends each line as one UDP datagram. */
export async function sendSyslogOverUdp(
  target: { host: string; port: number },
  lines: readonly string[],
): Promise<void> {
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  try {
    for (const line of lines) {
      await new Promise<void>((resolve, reject) =>
        socket.send(line, target.port, target.host, (error) => (error ? reject(error) : resolve())),
      );
    }
  } finally {
    socket.close();
  }
}
