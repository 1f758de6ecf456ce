import { unescapeExtensionValue } from './cef-escape.js';
import type { CefExtension, CefRecord, SyslogPrefix } from './cef-record.js';

/** Header fields of a record, already unescaped: every `CefRecord` member but the extensions and prefix. */
export type CefHeaderFields = Omit<CefRecord, 'extensions' | 'prefix'>;

// `extensions` is an own, enumerable accessor (so `toEqual`, `JSON.stringify` and deep-freeze see it like
// a plain property) whose cache lives in a private field (so a frozen record still caches).
const EXTENSIONS_DESCRIPTOR: PropertyDescriptor = {
  enumerable: true,
  configurable: false,
  get(this: TokenizedCefRecord): readonly CefExtension[] {
    return this.materializeExtensions();
  },
};

/**
 * The record `tokenizeCef` returns: header fields are plain properties; extension values are kept as
 * offsets into the line and unescaped on first access of `extensions`.
 */
export class TokenizedCefRecord implements CefRecord {
  readonly version: number;
  readonly deviceVendor: string;
  readonly deviceProduct: string;
  readonly deviceVersion: string;
  readonly deviceEventClassId: string;
  readonly name: string;
  readonly severity: string;
  declare readonly extensions: readonly CefExtension[];
  declare readonly prefix?: SyslogPrefix;

  readonly #source: string;
  /** Four numbers per pair: keyStart, keyEnd, valueStart (stored as `~valueStart` when escaped), valueEnd. */
  readonly #spans: readonly number[];
  #extensions: readonly CefExtension[] | undefined;
  #map: ReadonlyMap<string, string> | undefined;
  /** Keys and values sliced (and unescaped) once, shared by the pairs and the Map: [key0, value0, key1, ...]. */
  #strings: readonly string[] | undefined;
  #labels: ReadonlyMap<string, { key: string; value: string }> | undefined;

  constructor(
    header: CefHeaderFields,
    source: string,
    spans: readonly number[],
    prefix: SyslogPrefix | undefined,
  ) {
    this.version = header.version;
    this.deviceVendor = header.deviceVendor;
    this.deviceProduct = header.deviceProduct;
    this.deviceVersion = header.deviceVersion;
    this.deviceEventClassId = header.deviceEventClassId;
    this.name = header.name;
    this.severity = header.severity;
    Object.defineProperty(this, 'extensions', EXTENSIONS_DESCRIPTOR);
    // Only set when present: `'prefix' in record` is false for bare CEF.
    if (prefix !== undefined) (this as { prefix?: SyslogPrefix }).prefix = prefix;
    this.#source = source;
    this.#spans = spans;
  }

  /** Number of extension pairs, without materialising them. */
  get extensionCount(): number {
    return this.#spans.length >> 2;
  }

  /** Builds (once) and returns the extension pairs. */
  materializeExtensions(): readonly CefExtension[] {
    if (this.#extensions !== undefined) return this.#extensions;
    const strings = this.#sliceStrings();
    const pairs: CefExtension[] = new Array(strings.length >> 1);
    for (let i = 0, j = 0; i < strings.length; i += 2, j++) pairs[j] = [strings[i]!, strings[i + 1]!];
    this.#extensions = pairs;
    return pairs;
  }

  /**
   * The extensions as one flat list `[key0, value0, key1, value1, ...]` in input order (repeats included),
   * sliced once and shared with `extensions` and `extensionMap`: a walk over every pair without the pair
   * arrays `extensions` makes. Read-only.
   */
  extensionStrings(): readonly string[] {
    return this.#sliceStrings();
  }

  /**
   * The extensions as a Map, built once per record straight from the spans and shared by every caller
   * (input order; for a repeated key the last value wins, at the position of its last occurrence).
   */
  extensionMap(): ReadonlyMap<string, string> {
    if (this.#map !== undefined) return this.#map;
    const strings = this.#sliceStrings();
    const map = new Map<string, string>();
    for (let i = 0; i < strings.length; i += 2) {
      const key = strings[i]!;
      const value = strings[i + 1]!;
      const size = map.size;
      map.set(key, value);
      // A repeated key: move it to the position of the winning (last) occurrence. One hash lookup for the
      // usual new key instead of has + set.
      if (map.size === size) {
        map.delete(key);
        map.set(key, value);
      }
    }
    this.#map = map;
    return map;
  }

  #sliceStrings(): readonly string[] {
    if (this.#strings !== undefined) return this.#strings;
    const spans = this.#spans;
    const source = this.#source;
    const strings: string[] = new Array(spans.length >> 1);
    for (let i = 0, j = 0; i < spans.length; i += 4, j += 2) {
      strings[j] = source.slice(spans[i]!, spans[i + 1]!);
      strings[j + 1] = this.#value(i);
    }
    this.#strings = strings;
    return strings;
  }

  /** The custom-label index `resolveCustomLabels` built for this record, cached here (frozen records too). */
  cachedCustomLabels(
    build: (record: TokenizedCefRecord) => ReadonlyMap<string, { key: string; value: string }>,
  ): ReadonlyMap<string, { key: string; value: string }> {
    if (this.#labels === undefined) this.#labels = build(this);
    return this.#labels;
  }

  /** The value of the last pair named `key`, unescaping only that value. */
  lookupExtension(key: string): string | undefined {
    const map = this.#map;
    if (map !== undefined) return map.get(key);
    const spans = this.#spans;
    const source = this.#source;
    const length = key.length;
    for (let i = spans.length - 4; i >= 0; i -= 4) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      // endsWith rather than startsWith: the same test, and V8 runs it in about a third of the time.
      if (end - start === length && source.endsWith(key, end)) return this.#value(i);
    }
    return undefined;
  }

  #value(index: number): string {
    const start = this.#spans[index + 2]!;
    const end = this.#spans[index + 3]!;
    return start >= 0 ? this.#source.slice(start, end) : unescapeExtensionValue(this.#source, ~start, end);
  }
}
