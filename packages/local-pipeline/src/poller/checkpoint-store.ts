import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Version of the checkpoint file layout. */
export const CHECKPOINT_FILE_VERSION = 1;

interface CheckpointFile {
  version: typeof CHECKPOINT_FILE_VERSION;
  streamName: string;
  /** Last fully processed sequence number per shard. */
  shards: Record<string, string>;
}

/** The poller's per-shard checkpoints, persisted atomically (temp file + rename) after each batch. */
export class CheckpointStore {
  readonly #file: string | undefined;
  readonly #streamName: string;
  readonly #shards = new Map<string, string>();

  /** Loads `file` when it exists and belongs to `streamName`; without `file` checkpoints stay in memory. */
  constructor(file: string | undefined, streamName: string) {
    this.#file = file;
    this.#streamName = streamName;
    if (file === undefined) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    const parsed = JSON.parse(text) as Partial<CheckpointFile>;
    if (parsed.version !== CHECKPOINT_FILE_VERSION) {
      throw new Error(`Checkpoint file ${file} has an unknown version; move it away to start from scratch.`);
    }
    if (parsed.streamName !== streamName) return;
    for (const [shardId, sequenceNumber] of Object.entries(parsed.shards ?? {})) {
      if (/^\d+$/.test(sequenceNumber)) this.#shards.set(shardId, sequenceNumber);
    }
  }

  /** The last processed sequence number of a shard. */
  get(shardId: string): string | undefined {
    return this.#shards.get(shardId);
  }

  /** Every shard's checkpoint. */
  entries(): ReadonlyMap<string, string> {
    return this.#shards;
  }

  /** Records progress and writes the file before returning (the next batch starts after it). */
  set(shardId: string, sequenceNumber: string): void {
    this.#shards.set(shardId, sequenceNumber);
    if (this.#file === undefined) return;
    const body: CheckpointFile = {
      version: CHECKPOINT_FILE_VERSION,
      streamName: this.#streamName,
      shards: Object.fromEntries(this.#shards),
    };
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`);
    renameSync(temporary, this.#file);
  }
}
