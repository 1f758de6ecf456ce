// The bundle's Lambda entry (dist/index.mjs, handler `index.handler`): our three parsers, built once.
import { clarotyParser } from '@otbridge/parser-claroty';
import { dragosParser } from '@otbridge/parser-dragos';
import { nozomiParser } from '@otbridge/parser-nozomi';
import { createKinesisHandler } from './handler/create-kinesis-handler.js';

/** The Lambda handler: Kinesis records in, Security Hub findings out, partial batch response back. */
export const handler = createKinesisHandler({ parsers: [dragosParser, clarotyParser, nozomiParser] });

export { createInvocationContext } from './handler/invocation-context.js';
