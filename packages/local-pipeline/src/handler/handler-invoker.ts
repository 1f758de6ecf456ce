import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InvocationOutcome } from '../poller/kinesis-poller.js';
import type { LambdaKinesisEvent } from '../poller/lambda-event.js';
import { createHandlerMetrics, type HandlerMetrics, readEmfOutput } from './emf-metrics.js';
import { HANDLER_WORKER_SOURCE } from './worker-source.js';

/** Options for `createHandlerInvoker`. */
export interface HandlerInvokerOptions {
  /** Path of the bundled handler (default: `@otbridge/lambda-handler`'s `dist/index.mjs`). */
  readonly bundle?: string;
  /** Exported function name (Lambda handler `index.handler` → `handler`). */
  readonly handlerExport?: string;
  /** The function's environment (its configuration); the parent's environment is not inherited. */
  readonly environment: Readonly<Record<string, string>>;
  readonly functionArn: string;
  /** Lambda timeout; default 60 s. A timed-out invocation kills the runtime, as Lambda does. */
  readonly timeoutMs?: number;
  readonly memoryLimitInMB?: number;
  /** Where the function's log lines go (CloudWatch Logs stand-in); default: discarded. */
  readonly logFile?: string;
}

/** The result of one invocation with the metrics it emitted. */
export type InvocationResult = InvocationOutcome & {
  readonly metrics: HandlerMetrics;
  readonly durationMs: number;
};

/** Runs the bundle like Lambda: one runtime (worker thread), one invocation at a time. */
export interface HandlerInvoker {
  readonly bundle: string;
  invoke(event: LambdaKinesisEvent): Promise<InvocationResult>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The bundle `@otbridge/lambda-handler` builds (`pnpm --filter @otbridge/lambda-handler build`). */
export function resolveDefaultBundle(): string {
  const manifest = require.resolve('@otbridge/lambda-handler/package.json');
  return resolve(dirname(manifest), 'dist', 'index.mjs');
}

interface WorkerReply {
  id: number;
  ok: boolean;
  response?: unknown;
  error?: string;
  output: string;
}

/** Starts the runtime (the bundle is imported at once, so a broken bundle fails here). */
export function createHandlerInvoker(options: HandlerInvokerOptions): HandlerInvoker {
  const bundle = options.bundle === undefined ? resolveDefaultBundle() : resolve(options.bundle);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let log: WriteStream | undefined;
  if (options.logFile !== undefined) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile, { flags: 'a' });
  }
  let worker: Worker | undefined;
  let nextId = 1;
  let pending: { id: number; settle: (reply: WorkerReply) => void } | undefined;

  const spawn = (): Worker => {
    const created = new Worker(HANDLER_WORKER_SOURCE, {
      eval: true,
      env: { ...options.environment },
      workerData: {
        bundleUrl: pathToFileURL(isAbsolute(bundle) ? bundle : resolve(bundle)).href,
        handlerExport: options.handlerExport ?? 'handler',
      },
      stdout: true,
      stderr: true,
    });
    // Anything written outside an invocation (cold start) goes to the log too.
    created.stdout.on('data', (chunk: Buffer) => log?.write(chunk));
    created.stderr.on('data', (chunk: Buffer) => log?.write(chunk));
    created.on('message', (reply: WorkerReply) => {
      if (pending?.id === reply.id) pending.settle(reply);
    });
    const fail = (error: string): void => {
      if (worker === created) worker = undefined;
      pending?.settle({ id: pending.id, ok: false, error, output: '' });
    };
    created.on('error', (error) => fail(`Runtime exited with error: ${error.stack ?? String(error)}`));
    created.on('exit', (code) => fail(`Runtime exited (code ${code})`));
    created.unref();
    return created;
  };

  return {
    bundle,
    async invoke(event) {
      if (pending !== undefined) throw new Error('The runtime runs one invocation at a time.');
      worker ??= spawn();
      const current = worker;
      current.ref();
      const id = nextId++;
      const started = Date.now();
      const reply = await new Promise<WorkerReply>((settle) => {
        const timer = setTimeout(() => {
          // Lambda stops the runtime at the timeout; the next invocation is a cold start.
          if (worker === current) worker = undefined;
          settle({
            id,
            ok: false,
            error: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
            output: '',
          });
          void current.terminate();
        }, timeoutMs);
        pending = {
          id,
          settle: (value) => {
            clearTimeout(timer);
            pending = undefined;
            settle(value);
          },
        };
        current.postMessage({
          id,
          event,
          timeoutMs,
          functionArn: options.functionArn,
          memoryLimitInMB: options.memoryLimitInMB ?? 1024,
        });
      });
      current.unref();
      const metrics = createHandlerMetrics();
      const logs = readEmfOutput(reply.output, metrics);
      if (log !== undefined && logs.length > 0) log.write(`${logs.join('\n')}\n`);
      const durationMs = Date.now() - started;
      return reply.ok
        ? { ok: true, response: reply.response, metrics, durationMs }
        : { ok: false, error: reply.error ?? 'Unknown error', metrics, durationMs };
    },
    async close() {
      const current = worker;
      worker = undefined;
      if (current !== undefined) await current.terminate();
      if (log !== undefined) await new Promise<void>((done) => log?.end(done));
    },
  };
}
