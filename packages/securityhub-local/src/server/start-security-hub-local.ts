import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ASFF_LIMITS } from '@otbridge/core';
import { FaultInjector, type SecurityHubFaults } from '../faults/fault-injector.js';
import type { OperationContext } from '../operations/operation-context.js';
import { DEFAULT_QUOTA_LIMIT, type QuotaLimit, TokenBucket } from '../quota/token-bucket.js';
import { FilePersistence, loadDataFile } from '../store/file-persistence.js';
import { type FindingRecord, FindingStore } from '../store/finding-store.js';
import { defaultFindingValidator, type FindingValidator } from '../validation/finding-validator.js';
import { parseJsonObject, readBody, sendError, sendJson } from './http-io.js';
import { type OperationName, routeRequest } from './router.js';
import { SERVICE_ERROR, ServiceError } from './service-error.js';

/** Bytes per request body: core's reading of "6 MB" (6,000,000), asff.md §1. */
export const MAX_REQUEST_BYTES: number = ASFF_LIMITS.REQUEST_BYTES;

/** Error codes the server can answer a throttled request with (all count as throttling in the SDK). */
export type ThrottleErrorCode = 'TooManyRequestsException' | 'LimitExceededException' | 'ThrottlingException';

/** Options of {@link startSecurityHubLocal}. */
export interface SecurityHubLocalOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** JSON file the findings persist to (loaded at start, written atomically, debounced). */
  dataFile?: string;
  /** Debounce between a change and its write to `dataFile`; default 200 ms. */
  persistDebounceMs?: number;
  /** Accept every finding without validation or quota (benchmarks). */
  acceptAll?: boolean;
  /**
   * Answer imports as usual but keep no finding (a client's throughput benchmark: the server's heap then
   * stays flat, so its garbage collection does not stall the client). GetFindings then finds nothing.
   */
  discardFindings?: boolean;
  /** Per-operation quota; default 10 requests/s with a burst of 30; `false` turns it off. */
  quota?: false | Partial<QuotaLimit>;
  /** Error code of a throttled request; default `TooManyRequestsException` (HTTP 429), as the service sends. */
  throttleErrorCode?: ThrottleErrorCode;
  /** Faults injected from the start; change them later with `setFaults`. */
  faults?: SecurityHubFaults;
  /** The caller's account id: findings for other accounts fail the call with AccessDeniedException. */
  accountId?: string;
  /** Finding validator; default `validateFinding` from `@otbridge/core`. */
  validate?: FindingValidator;
  /** Clock for ProcessedAt, Note.UpdatedAt and DateRange filters; default the system clock. */
  now?: () => Date;
}

/** Read access to the findings a running server holds (for assertions in tests). */
export interface SecurityHubLocalStore {
  /** Every stored finding, in creation order. */
  findings(): FindingRecord[];
  /** The stored finding of that identity. */
  get(productArn: string, id: string): FindingRecord | undefined;
  /** Number of stored findings. */
  readonly size: number;
  /** Removes every finding. */
  clear(): void;
}

/** A running local Security Hub. */
export interface SecurityHubLocal {
  /** Base URL to pass as the SDK client's `endpoint`, e.g. `http://127.0.0.1:53124`. */
  url: string;
  port: number;
  host: string;
  store: SecurityHubLocalStore;
  /** Replaces the injected faults (`{}` turns them off). */
  setFaults(faults: SecurityHubFaults): void;
  /** Writes pending changes to the data file now. */
  flush(): Promise<void>;
  /** Stops listening, ends connections and flushes the data file. */
  close(): Promise<void>;
}

function createStoreView(store: FindingStore): SecurityHubLocalStore {
  return {
    findings: () => Array.from(store.records(), (record) => record.finding),
    get: (productArn, id) => store.get(productArn, id)?.finding,
    get size() {
      return store.size;
    },
    clear: () => store.clear(),
  };
}

function createBuckets(quota: SecurityHubLocalOptions['quota']): Map<OperationName, TokenBucket> | undefined {
  if (quota === false) return undefined;
  const limit: QuotaLimit = { ...DEFAULT_QUOTA_LIMIT, ...quota };
  return new Map<OperationName, TokenBucket>([
    ['BatchImportFindings', new TokenBucket(limit)],
    ['GetFindings', new TokenBucket(limit)],
    ['BatchUpdateFindings', new TokenBucket(limit)],
  ]);
}

/** Starts a local Security Hub on loopback; resolves once it is listening. */
export async function startSecurityHubLocal(
  options: SecurityHubLocalOptions = {},
): Promise<SecurityHubLocal> {
  const acceptAll = options.acceptAll === true;
  const validate = options.validate ?? defaultFindingValidator;
  const store = new FindingStore();
  let persistence: FilePersistence | undefined;
  if (options.dataFile !== undefined) {
    store.load(await loadDataFile(options.dataFile));
    persistence = new FilePersistence(options.dataFile, store, options.persistDebounceMs);
    const scheduled = persistence;
    store.setChangeListener(() => scheduled.schedule());
  }
  const faults = new FaultInjector(options.faults);
  const buckets = acceptAll ? undefined : createBuckets(options.quota);
  const throttleCode = options.throttleErrorCode ?? 'TooManyRequestsException';
  const throttleError = {
    code: throttleCode,
    status: 429,
    message: throttleCode === 'TooManyRequestsException' ? 'Too Many Requests' : 'Rate exceeded',
  };
  const context: OperationContext = {
    store,
    faults,
    validate,
    acceptAll,
    discardFindings: options.discardFindings === true,
    accountId: options.accountId,
    now: options.now ?? (() => new Date()),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = routeRequest(request.method, request.url);
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (route === undefined) {
      sendError(response, {
        code: 'UnknownOperationException',
        status: 404,
        message: `No operation at ${request.method} ${request.url}`,
      });
      return;
    }
    if (!faults.idle) {
      const latency = faults.latency();
      if (latency > 0) await sleep(latency);
      const decision = faults.decide();
      if (decision === 'error') {
        sendError(response, {
          ...SERVICE_ERROR.internal,
          message: 'Internal service error (injected by securityhub-local)',
        });
        return;
      }
      if (decision === 'throttle') {
        sendError(response, throttleError);
        return;
      }
    }
    if (buckets !== undefined && !buckets.get(route.name)!.tryTake()) {
      sendError(response, throttleError);
      return;
    }
    if (!body.ok) {
      sendError(response, {
        code: 'RequestEntityTooLargeException',
        status: 413,
        message: `Request size ${body.size} bytes exceeds the limit of ${MAX_REQUEST_BYTES} bytes (6 MB)`,
      });
      return;
    }
    sendJson(response, route.handle(parseJsonObject(body.body), context));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof ServiceError) sendError(response, error);
      else sendError(response, { ...SERVICE_ERROR.internal, message: `Internal error: ${String(error)}` });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    store: createStoreView(store),
    setFaults: (next) => faults.set(next),
    flush: () => persistence?.flush() ?? Promise.resolve(),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), 1000);
          force.unref();
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
        await persistence?.flush();
      })();
      return closing;
    },
  };
}
