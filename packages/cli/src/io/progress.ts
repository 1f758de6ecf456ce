import cliProgress from 'cli-progress';

/** A progress bar that only draws on a TTY; elsewhere every method is a no-op. */
export interface Progress {
  setTotal(total: number): void;
  increment(by?: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { setTotal() {}, increment() {}, stop() {} };

/** Starts a progress bar on `stream` (stderr by default) when it is a TTY. */
export function createProgress(
  label: string,
  options: { total?: number; unit?: string; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY !== true) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} ${options.unit ?? ''} {percentage}% | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = options.total ?? 0;
  bar.start(total, 0);
  return {
    setTotal(value) {
      total = value;
      bar.setTotal(value);
    },
    increment(by = 1) {
      bar.increment(by);
    },
    stop() {
      bar.stop();
    },
  };
}
