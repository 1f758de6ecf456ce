import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { computeBackoffDelay } from './backoff.js';
import { classifyCallError, isPermanentFindingError } from './classify-error.js';
import { packFindings, type SizedFinding, toSizedFinding } from './pack-findings.js';
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
  /** Create it with `maxAttempts: 1`: retries happen here so time budget and metrics are exact. */
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

/** Packs, rate-limits and retries `BatchImportFindings` calls; reusable by the CLI. */
export interface FindingsImporter {
  /** Imports findings (Ids unique) before `deadline` (epoch ms); never throws for service faults. */
  importFindings(
    findings: readonly AwsSecurityFinding[],
    options: { deadline: number },
  ): Promise<ImportFindingsResult>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): { code: string; message: string } {
  const e = error as { name?: string; message?: string };
  return { code: e?.name ?? 'Error', message: e?.message ?? String(error) };
}

/** Builds the importer. */
export function createFindingsImporter(options: FindingsImporterOptions): FindingsImporter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;

  return {
    async importFindings(findings, { deadline }) {
      const result: ImportFindingsResult = {
        accepted: [],
        permanent: [],
        retryable: [],
        calls: 0,
        retriedFindings: 0,
        throttledCalls: 0,
      };
      const mutable = result as { calls: number; retriedFindings: number; throttledCalls: number };
      const { calls, oversized } = packFindings(findings.map(toSizedFinding));
      for (const item of oversized) {
        result.permanent.push({
          id: item.id,
          errorCode: 'FindingTooLarge',
          errorMessage: `The finding serialises to ${item.bytes} bytes; Security Hub accepts at most 240 KB.`,
        });
      }
      const deferAll = (items: readonly SizedFinding[], code: string, message: string): void => {
        for (const item of items)
          result.retryable.push({ id: item.id, errorCode: code, errorMessage: message });
      };

      // One call with its own retries; FailedFindings that can be retried go round again as a smaller call.
      const runCall = async (initial: SizedFinding[]): Promise<void> => {
        let pending = initial;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) mutable.retriedFindings += pending.length;
          if (!(await options.rateLimiter.acquire(deadline))) {
            return deferAll(
              pending,
              'DeadlineExceeded',
              'No rate-limit token before the invocation deadline.',
            );
          }
          const remaining = deadline - now();
          if (remaining <= 0) return deferAll(pending, 'DeadlineExceeded', 'The invocation ran out of time.');
          let outcome: 'retry-throttled' | 'retry' | 'done';
          mutable.calls++;
          try {
            const response = await options.client.send(
              new BatchImportFindingsCommand({ Findings: pending.map((item) => item.finding) }),
              { abortSignal: AbortSignal.timeout(Math.min(remaining, options.requestTimeoutMs)) },
            );
            const failed = new Map((response.FailedFindings ?? []).map((f) => [f.Id ?? '', f]));
            const again: SizedFinding[] = [];
            for (const item of pending) {
              const failure = failed.get(item.id);
              if (failure === undefined) {
                result.accepted.push(item.id);
              } else if (isPermanentFindingError(failure.ErrorCode)) {
                result.permanent.push({
                  id: item.id,
                  errorCode: failure.ErrorCode ?? '',
                  errorMessage: failure.ErrorMessage ?? '',
                });
              } else if (attempt + 1 >= options.maxAttempts) {
                result.retryable.push({
                  id: item.id,
                  errorCode: failure.ErrorCode ?? 'Unknown',
                  errorMessage: failure.ErrorMessage ?? '',
                });
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
                const [item] = pending as [SizedFinding];
                result.permanent.push({ id: item.id, errorCode: code, errorMessage: message });
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

      // Calls start in order, so the earliest records' findings are delivered first when time runs short.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < calls.length) {
          const call = calls[next++]!;
          await runCall(call);
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, calls.length) }, worker));
      return result;
    },
  };
}
