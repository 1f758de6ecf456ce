// `@otbridge/local-pipeline/testing`: test tooling around the local servers (not used by the pipeline itself).
export type { FaultyKinesis, PutRecordsFault } from './faulty-kinesis.js';
export { startFaultyKinesis } from './faulty-kinesis.js';
