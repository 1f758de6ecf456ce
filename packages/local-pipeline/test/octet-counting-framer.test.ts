import { describe, expect, it } from 'vitest';
import { OctetCountingFramer, SYSLOG_MAX_MESSAGE_BYTES } from '../src/index.js';

function frame(chunks: readonly Buffer[]): { messages: string[]; oversized: number[] } {
  const messages: string[] = [];
  const oversized: number[] = [];
  const framer = new OctetCountingFramer({
    message: (bytes) => messages.push(bytes.toString('utf8')),
    oversized: (length) => oversized.push(length),
  });
  for (const chunk of chunks) framer.push(chunk);
  framer.end();
  return { messages, oversized };
}

const counted = (text: string): string => `${Buffer.byteLength(text)} ${text}`;

describe('OctetCountingFramer', () => {
  const lines = [
    '<14>1 2023-08-15T01:00:00Z Site app - - - CEF:0|a|b|1|x|y|5|msg=Störung',
    '<134>Oct 10 2019 16:00:18 h n2os: CEF:0|n|N|1|s|t|1|',
    'host CEF:0|x|y|z|1|2|3|k=v',
  ];

  it('splits LF and CRLF framed messages and drops empty lines', () => {
    const stream = Buffer.from(`${lines[0]}\r\n\n${lines[1]}\n${lines[2]}`);
    expect(frame([stream]).messages).toEqual(lines);
  });

  it('reads RFC 6587 octet-counted frames, mixed with LF frames, whatever the chunking', () => {
    const stream = Buffer.from(
      `${counted(lines[0] as string)}${counted(lines[1] as string)}${lines[2]}\n${counted('<13>x\ny')}`,
    );
    const expected = [...lines, '<13>x\ny'];
    for (let size = 1; size <= 17; size++) {
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < stream.length; offset += size)
        chunks.push(stream.subarray(offset, offset + size));
      expect(frame(chunks).messages).toEqual(expected);
    }
  });

  it('treats a digit-led line without a length prefix as LF framed', () => {
    expect(frame([Buffer.from('2023-08-15 host CEF:0|a\n12abc\n')]).messages).toEqual([
      '2023-08-15 host CEF:0|a',
      '12abc',
    ]);
  });

  it('cuts over-long frames, reports them, and keeps framing the rest', () => {
    const long = 'x'.repeat(SYSLOG_MAX_MESSAGE_BYTES + 10);
    const result = frame([Buffer.from(`${long}\nnext\n${counted(long)}after\n`)]);
    expect(result.messages.map((message) => message.length)).toEqual([
      SYSLOG_MAX_MESSAGE_BYTES,
      4,
      SYSLOG_MAX_MESSAGE_BYTES,
      5,
    ]);
    expect(result.oversized).toHaveLength(2);
  });
});
