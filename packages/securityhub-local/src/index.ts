// The only public barrel of @otbridge/securityhub-local.

export type { FaultDecision, SecurityHubFaults } from './faults/fault-injector.js';
export type { BatchImportFindingsOutput, ImportFailure } from './operations/batch-import-findings.js';
export { MAX_FINDING_BYTES, MAX_FINDINGS_PER_IMPORT } from './operations/batch-import-findings.js';
export { MAX_FINDINGS_PER_UPDATE } from './operations/batch-update-findings.js';
export { MAX_GET_FINDINGS_RESULTS } from './operations/get-findings.js';
export type { QuotaLimit } from './quota/token-bucket.js';
export { DEFAULT_QUOTA_LIMIT } from './quota/token-bucket.js';
export type { OperationName } from './server/router.js';
export { OPERATION_NAMES } from './server/router.js';
export type {
  SecurityHubLocal,
  SecurityHubLocalOptions,
  SecurityHubLocalStore,
  ThrottleErrorCode,
} from './server/start-security-hub-local.js';
export { MAX_REQUEST_BYTES, startSecurityHubLocal } from './server/start-security-hub-local.js';
export type { FindingRecord } from './store/finding-store.js';
export type { FindingValidator } from './validation/finding-validator.js';
