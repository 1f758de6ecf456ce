import type { FaultInjector } from '../faults/fault-injector.js';
import type { FindingStore } from '../store/finding-store.js';
import type { FindingValidator } from '../validation/finding-validator.js';

/** What every operation handler gets from the server. */
export interface OperationContext {
  store: FindingStore;
  faults: FaultInjector;
  /** Schema validator; unused in accept-all mode. */
  validate: FindingValidator;
  acceptAll: boolean;
  /** Imports are answered but not stored. */
  discardFindings: boolean;
  /** The caller's account, when configured: findings of other accounts are an AccessDeniedException. */
  accountId: string | undefined;
  now: () => Date;
}
