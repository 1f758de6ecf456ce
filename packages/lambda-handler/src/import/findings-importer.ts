import type { AwsSecurityFinding, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { computeBackoffDelay } from './backoff.js';
import { createBatchImportCommand } from './batch-import-command.js';
import { classifyCallError, isPermanentFindingError } from './classify-error.js';
import { type ImportItem, packFindings, type SizedFinding, toSizedFinding } from './pack-findings.js';
import type { RateLimiter } from './rate-limiter.js';

/** Why a finding was not accepted. */
export interface FindingFailure {
  readonly id: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** What happened to each finding of one `importFindings` call. Every input Id is in exactly one list. */
export interface ImportFindingsResult {
  readonly accepted: string[];
  /** Will never succeed as sent (`InvalidInput`, oversized): quarantine. */
  readonly permanent: FindingFailure[];
  /** Could not be delivered now (throttling, 5xx, time ran out, account problems): redeliver later. */
  readonly retryable: FindingFailure[];
  readonly calls: number;
  /** Findings sent again after a failed attempt. */
  readonly retriedFindings: number;
  /** Calls answered with throttling. */
  readonly throttledCalls: number;
}

/** Options for `createFindingsImporter`. */
export interface FindingsImporterOptions {
  /** Create it with `maxAttempts: 1` (`createSecurityHubClient`): retries happen here so time budget and metrics are exact. */
  readonly client: SecurityHubClient;
  readonly rateLimiter: RateLimiter;
  /** Attempts per call, first one included. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Per-request cap, further bounded by the deadline. */
  readonly requestTimeoutMs: number;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** How one submitted finding ended. */
export type FindingSettlement =
  | { readonly status: 'accepted' }
  | { readonly status: 'permanent' | 'retryable'; readonly errorCode: string; readonly errorMessage: string };

/**
 * A streaming import: calls are submitted as they fill and start at once (up to the concurrency), so
 * importing overlaps the parsing of the rest of a batch. `submit` applies back-pressure.
 */
export interface ImportSession<T extends ImportItem = SizedFinding> {
  /** Queues one packed call (≤ 100 findings, ≤ 6 MB, unique Ids); resolves when the queue has room. */
  submit(call: readonly T[]): Promise<void>;
  /** Records a finding that will never be sent (over 240 KB) as a permanent failure. */
  reject(item: T, errorCode: string, errorMessage: string): void;
  /** Waits for every submitted call and returns the totals. */
  finish(): Promise<ImportFindingsResult>;
}

/** Options for `FindingsImporter.openSession`. */
export interface ImportSessionOptions<T extends ImportItem> {
  /** Epoch ms after which nothing more is sent (the rest is reported retryable). */
  readonly deadline: number;
  /** Called once per finding, as soon as its fate is known. */
  readonly onSettled?: (item: T, settlement: FindingSettlement) => void;
  /** Calls that may wait for a free slot before `submit` blocks (default: the concurrency). */
  readonly maxQueuedCalls?: number;
}

/** Packs, rate-limits and retries `BatchImportFindings` calls; reusable by the CLI. */
export interface FindingsImporter {
  /** Imports findings (Ids unique) before `deadline` (epoch ms); never throws for service faults. */
  importFindings(
    findings: readonly AwsSecurityFinding[],
    options: { deadline: number },
  ): Promise<ImportFindingsResult>;
  /** Starts a streaming import of pre-packed calls (the handler's pipeline). */
  openSession<T extends ImportItem>(options: ImportSessionOptions<T>): ImportSession<T>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): { code: string; message: string } {
  const e = error as { name?: string; message?: string };
  return { code: e?.name ?? 'Error', message: e?.message ?? String(error) };
}

/** The permanent failure of a finding too large to send. */
export function toOversizedFailure(item: ImportItem): { errorCode: string; errorMessage: string } {
  return {
    errorCode: 'FindingTooLarge',
    errorMessage: `The finding serialises to ${item.bytes} bytes; Security Hub accepts at most 240 KB.`,
  };
}

const INCOMPLETE_RESPONSE_MESSAGE =
  'BatchImportFindings answered with counts that do not cover every finding sent; not confirmed as imported.';

/** True when SuccessCount and FailedCount/FailedFindings do not account for all `sent` findings. */
function isIncompleteAnswer(
  response: { SuccessCount?: number | undefined; FailedCount?: number | undefined },
  sent: number,
  listedFailures: number,
): boolean {
  const successes = response.SuccessCount;
  const failures = response.FailedCount ?? listedFailures;
  if (failures > listedFailures) return true;
  return successes !== undefined && successes + listedFailures < sent;
}

/** Builds the importer. */
export function createFindingsImporter(options: FindingsImporterOptions): FindingsImporter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;

  function openSession<T extends ImportItem>(sessionOptions: ImportSessionOptions<T>): ImportSession<T> {
    const { deadline, onSettled } = sessionOptions;
    const maxQueued = Math.max(1, sessionOptions.maxQueuedCalls ?? options.concurrency);
    const result: ImportFindingsResult = {
      accepted: [],
      permanent: [],
      retryable: [],
      calls: 0,
      retriedFindings: 0,
      throttledCalls: 0,
    };
    const mutable = result as { calls: number; retriedFindings: number; throttledCalls: number };
    const accept = (item: T): void => {
      result.accepted.push(item.id);
      onSettled?.(item, { status: 'accepted' });
    };
    const fail = (item: T, status: 'permanent' | 'retryable', errorCode: string, errorMessage: string) => {
      (status === 'permanent' ? result.permanent : result.retryable).push({
        id: item.id,
        errorCode,
        errorMessage,
      });
      onSettled?.(item, { status, errorCode, errorMessage });
    };
    const deferAll = (items: readonly T[], code: string, message: string): void => {
      for (const item of items) fail(item, 'retryable', code, message);
    };

    // One call with its own retries; FailedFindings that can be retried go round again as a smaller call.
    const runCall = async (initial: readonly T[]): Promise<void> => {
      let pending = initial;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) mutable.retriedFindings += pending.length;
        if (!(await options.rateLimiter.acquire(deadline))) {
          return deferAll(pending, 'DeadlineExceeded', 'No rate-limit token before the invocation deadline.');
        }
        const remaining = deadline - now();
        if (remaining <= 0) return deferAll(pending, 'DeadlineExceeded', 'The invocation ran out of time.');
        let outcome: 'retry-throttled' | 'retry' | 'done';
        mutable.calls++;
        try {
          const response = await options.client.send(createBatchImportCommand(pending), {
            abortSignal: AbortSignal.timeout(Math.min(remaining, options.requestTimeoutMs)),
          });
          const failedList = response.FailedFindings ?? [];
          const failed =
            failedList.length === 0 ? undefined : new Map(failedList.map((f) => [f.Id ?? '', f]));
          // The counts must account for every finding sent. When they do not (fewer successes, or failures
          // left out of the list), which unlisted findings were accepted is unknown: send them again (an
          // unchanged finding is a no-op upsert) rather than report success for one that was not accepted.
          const unconfirmed = isIncompleteAnswer(response, pending.length, failedList.length);
          const again: T[] = [];
          for (const item of pending) {
            const failure = failed?.get(item.id);
            if (failure === undefined && unconfirmed) {
              if (attempt + 1 >= options.maxAttempts)
                fail(item, 'retryable', 'IncompleteResponse', INCOMPLETE_RESPONSE_MESSAGE);
              else again.push(item);
            } else if (failure === undefined) {
              accept(item);
            } else if (isPermanentFindingError(failure.ErrorCode)) {
              fail(item, 'permanent', failure.ErrorCode ?? '', failure.ErrorMessage ?? '');
            } else if (attempt + 1 >= options.maxAttempts) {
              fail(item, 'retryable', failure.ErrorCode ?? 'Unknown', failure.ErrorMessage ?? '');
            } else {
              again.push(item);
            }
          }
          pending = again;
          outcome = pending.length > 0 ? 'retry' : 'done';
        } catch (error) {
          const kind = classifyCallError(error);
          const { code, message } = describe(error);
          if (kind === 'invalid-input') {
            // One bad finding fails the whole request: bisect until it is isolated.
            if (pending.length === 1) {
              fail(pending[0] as T, 'permanent', code, message);
              return;
            }
            const middle = Math.ceil(pending.length / 2);
            await runCall(pending.slice(0, middle));
            await runCall(pending.slice(middle));
            return;
          }
          if (kind === 'deferred') return deferAll(pending, code, message);
          if (kind === 'throttled') mutable.throttledCalls++;
          if (attempt + 1 >= options.maxAttempts) return deferAll(pending, code, message);
          outcome = kind === 'throttled' ? 'retry-throttled' : 'retry';
        }
        if (outcome === 'done') return;
        const base = outcome === 'retry-throttled' ? options.backoffBaseMs * 5 : options.backoffBaseMs;
        const delay = computeBackoffDelay(attempt, {
          baseMs: base,
          maxMs: options.backoffMaxMs,
          ...(options.random ? { random: options.random } : {}),
        });
        if (now() + delay >= deadline) {
          return deferAll(
            pending,
            'DeadlineExceeded',
            'No time left to retry before the invocation deadline.',
          );
        }
        await sleep(delay);
      }
    };

    // Calls start in submission order, so the earliest records' findings go first when time runs short.
    const queue: (readonly T[])[] = [];
    const workers = new Set<Promise<void>>();
    let roomWaiters: (() => void)[] = [];
    const wakeSubmitters = (): void => {
      if (queue.length >= maxQueued || roomWaiters.length === 0) return;
      const waiters = roomWaiters;
      roomWaiters = [];
      for (const wake of waiters) wake();
    };
    const worker = async (): Promise<void> => {
      for (let call = queue.shift(); call !== undefined; call = queue.shift()) {
        wakeSubmitters();
        await runCall(call);
      }
    };
    const startWorker = (): void => {
      const running = worker().finally(() => {
        workers.delete(running);
        wakeSubmitters();
      });
      workers.add(running);
    };

    return {
      submit(call) {
        if (call.length === 0) return Promise.resolve();
        queue.push(call);
        if (workers.size < options.concurrency) startWorker();
        if (queue.length < maxQueued) return Promise.resolve();
        return new Promise<void>((resolve) => roomWaiters.push(resolve));
      },
      reject(item, errorCode, errorMessage) {
        fail(item, 'permanent', errorCode, errorMessage);
      },
      async finish() {
        while (workers.size > 0) await Promise.all(workers);
        return result;
      },
    };
  }

  return {
    openSession,
    async importFindings(findings, { deadline }) {
      const session = openSession<SizedFinding>({ deadline });
      const { calls, oversized } = packFindings(findings.map(toSizedFinding));
      for (const item of oversized) {
        const failure = toOversizedFailure(item);
        session.reject(item, failure.errorCode, failure.errorMessage);
      }
      for (const call of calls) await session.submit(call);
      return session.finish();
    },
  };
}
