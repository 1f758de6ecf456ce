import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FindingStore, StoredFinding } from './finding-store.js';

/** Version tag of the data file; a file with another version is refused rather than misread. */
export const DATA_FILE_VERSION = 1;

/** Default debounce between a change and the write that persists it. */
export const DEFAULT_PERSIST_DEBOUNCE_MS = 200;

interface DataFile {
  version: number;
  findings: StoredFinding[];
}

/** Reads a data file; a missing file is an empty store, a corrupt one is a configuration error. */
export async function loadDataFile(file: string): Promise<StoredFinding[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: DataFile;
  try {
    parsed = JSON.parse(text) as DataFile;
  } catch (error) {
    throw new Error(`securityhub-local: data file ${file} is not valid JSON`, { cause: error });
  }
  if (parsed?.version !== DATA_FILE_VERSION || !Array.isArray(parsed.findings)) {
    throw new Error(`securityhub-local: data file ${file} is not a version ${DATA_FILE_VERSION} data file`);
  }
  return parsed.findings.filter(
    (record) =>
      typeof record?.finding?.Id === 'string' &&
      typeof record.finding.ProductArn === 'string' &&
      Array.isArray(record.customerFields),
  );
}

/** Writes the store to a file atomically (temp file + rename), debounced, with an explicit flush. */
export class FilePersistence {
  readonly #file: string;
  readonly #store: FindingStore;
  readonly #debounceMs: number;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();
  #sequence = 0;

  constructor(file: string, store: FindingStore, debounceMs = DEFAULT_PERSIST_DEBOUNCE_MS) {
    this.#file = file;
    this.#store = store;
    this.#debounceMs = debounceMs;
  }

  /** Notes a change; the write happens after the debounce. */
  schedule(): void {
    this.#dirty = true;
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch((error: unknown) => {
        process.emitWarning(`securityhub-local: could not persist findings: ${String(error)}`);
      });
    }, this.#debounceMs);
    this.#timer.unref();
  }

  /** Writes pending changes now; resolves once they are on disk. */
  flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#writing = this.#writing.then(() => this.#write());
    return this.#writing;
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const data: DataFile = { version: DATA_FILE_VERSION, findings: [...this.#store.records()] };
    const temporary = `${this.#file}.${process.pid}.${++this.#sequence}.tmp`;
    try {
      await mkdir(dirname(this.#file), { recursive: true });
      await writeFile(temporary, JSON.stringify(data));
      await rename(temporary, this.#file);
    } catch (error) {
      this.#dirty = true;
      throw error;
    }
  }
}
