/** The final accounting of one input line (or undecodable record), reported once it is checkpointed. */
export interface LineOutcome {
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly lineIndex?: number;
  readonly outcome: 'imported' | 'skipped' | 'quarantined';
  readonly findingId?: string;
  readonly parserId?: string;
  /** Skip reason or quarantine reason. */
  readonly reason?: string;
}

/** Counts of one invocation, logged at INFO and returned to local pollers. */
export interface BatchSummary {
  records: number;
  lines: number;
  findings: number;
  findingsImported: number;
  linesImported: number;
  linesSkipped: number;
  linesQuarantined: number;
  findingsRetryable: number;
  findingsRetried: number;
  throttledCalls: number;
  importCalls: number;
  /** Index of the earliest unfinished record, or undefined when the batch is done. */
  checkpointIndex?: number;
  quarantineKey?: string;
}
