import type { NormalizeContext } from '../parser/vendor-parser.js';

/** A fixed context for tests: account `123456789012`, `us-east-1`, partition `aws`, now `2026-01-01T00:00:00.000Z`. */
export const TEST_CONTEXT: NormalizeContext = Object.freeze({
  now: new Date('2026-01-01T00:00:00.000Z'),
  awsAccountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
});
