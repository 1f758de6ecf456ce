/** A finding as the store keeps it: the JSON object the service would return. */
export type FindingRecord = Record<string, unknown>;

/** One stored finding plus the service-side bookkeeping that never leaves the server. */
export interface StoredFinding {
  finding: FindingRecord;
  /** Top-level fields a customer changed through BatchUpdateFindings; BatchImportFindings leaves them. */
  customerFields: string[];
}

/** Storage key: identity is (ProductArn, Id). */
export function toFindingKey(productArn: string, id: string): string {
  return `${productArn}\n${id}`;
}

/** In-memory findings keyed by (ProductArn, Id), in creation order; tells a listener about every change. */
export class FindingStore {
  readonly #records = new Map<string, StoredFinding>();
  #onChange: () => void = () => {};

  /** Sets the listener called after every change (persistence uses it). */
  setChangeListener(listener: () => void): void {
    this.#onChange = listener;
  }

  /** The stored finding of that identity, if any. */
  get(productArn: string, id: string): StoredFinding | undefined {
    return this.#records.get(toFindingKey(productArn, id));
  }

  /** Creates or replaces a finding. */
  put(record: StoredFinding): void {
    const finding = record.finding;
    this.#records.set(toFindingKey(finding.ProductArn as string, finding.Id as string), record);
    this.#onChange();
  }

  /** Marks a change made in place on a stored record. */
  touch(): void {
    this.#onChange();
  }

  /** All stored findings in creation order. */
  records(): IterableIterator<StoredFinding> {
    return this.#records.values();
  }

  /** Number of stored findings. */
  get size(): number {
    return this.#records.size;
  }

  /** Removes every finding. */
  clear(): void {
    this.#records.clear();
    this.#onChange();
  }

  /** Loads records without notifying the listener (used at start-up). */
  load(records: Iterable<StoredFinding>): void {
    for (const record of records) {
      const finding = record.finding;
      this.#records.set(toFindingKey(finding.ProductArn as string, finding.Id as string), record);
    }
  }
}
