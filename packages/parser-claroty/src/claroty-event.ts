import {
  type AsffNetworkInput,
  createInputMemo,
  createKeyPrefixer,
  type Diagnostic,
  detachString,
  type OtAsset,
} from '@otbridge/core';
import type { ClarotyDialect } from './detect-claroty-dialect.js';
import type { ClarotySeverity } from './map-claroty-severity.js';

/** What a record is: a finding, or a health / audit event (skipped unless `includeHealthAndAudit`). */
export type ClarotyEventKind = 'finding' | 'health' | 'audit';

/**
 * A Claroty record read by its dialect mapper, before it becomes ASFF: the one shape every dialect
 * produces, so the finding builder has no per-dialect branches.
 */
export interface ClarotyEvent {
  readonly dialect: ClarotyDialect;
  /** kebab-case class (`alert`, `event`, `insight`, `baseline`, `activity-log`, `comm-event`, ...). */
  readonly eventClass: string;
  readonly kind: ClarotyEventKind;
  /** Site the event belongs to (the Id's sensor segment); `undefined` falls back to the syslog host. */
  readonly site: string | undefined;
  /** The vendor's own id, prefixed with its id space (`alert/31`); `undefined` uses the content hash. */
  readonly eventId: string | undefined;
  /** GeneratorId without the `claroty/` prefix. */
  readonly generator: string;
  readonly title: string;
  readonly description: string | undefined;
  readonly severity: ClarotySeverity;
  readonly types: readonly string[];
  readonly assetDiscovery: boolean;
  /** The vendor reports the alert resolved or closed: the finding is archived. */
  readonly resolved: boolean;
  /** The vendor's event time as sent (parsed by the builder). */
  readonly eventTime: string | undefined;
  readonly assets: readonly OtAsset[];
  readonly network: AsffNetworkInput | undefined;
  readonly sourceUrl: string | undefined;
  readonly vulnerabilityIds: readonly string[];
  /**
   * `claroty/<field>` keys and their values as flat lists `[key0, value0, key1, value1, ...]`, read one after
   * the other in priority order (parts, not one copied list), values from `present` (never blank); the
   * builder applies the budget.
   */
  readonly productFields: readonly (readonly string[])[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * An asset with every `OtAsset` member present (`undefined` when unknown) in one order: every dialect's
 * assets then share one object shape, so `toOtAssetResource` reads them without megamorphic lookups
 * (it treats an `undefined` member as a missing one).
 */
export function toClarotyAsset(
  id: string | undefined,
  name: string | undefined,
  ips: readonly string[] | undefined,
  macs: readonly string[] | undefined,
  zone: string | undefined,
  type: string | undefined,
  site: string | undefined,
  role: 'actor' | 'target' | undefined,
  details: Readonly<Record<string, string>> | undefined,
): OtAsset {
  return { id, name, ips, macs, zone, type, vendor: 'claroty', site, role, details };
}

/** A `toAsffNetwork` input with every member present, in one order (one object shape for all dialects). */
export function toClarotyNetwork(
  protocol: string | undefined,
  sourceIp: string | undefined,
  sourcePort: string | undefined,
  sourceMac: string | undefined,
  destinationIp: string | undefined,
  destinationPort: string | undefined,
  destinationDomain: string | undefined,
): AsffNetworkInput {
  return {
    direction: undefined,
    protocol,
    sourceIp,
    sourcePort,
    sourceMac,
    sourceDomain: undefined,
    destinationIp,
    destinationPort,
    destinationDomain,
  };
}

/** Placeholders Claroty sends for "no value" (`N/A` in CTD, `None`/`[]` in xDome). */
const ABSENT_VALUES: ReadonlySet<string> = new Set(['', 'N/A', 'None', 'none', '[]', '[None]', 'null']);
const MAX_ABSENT_LENGTH = Math.max(...[...ABSENT_VALUES].map((value) => value.length));
// First characters of the non-empty placeholders (`N`, `n`, `[`): any other value skips the set lookup.
const ABSENT_FIRST_CHARS = new Uint8Array(128);
for (const value of ABSENT_VALUES) if (value !== '') ABSENT_FIRST_CHARS[value.charCodeAt(0)] = 1;

/** The value, or `undefined` when it is missing, blank or a "no value" placeholder. */
export function present(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const length = value.length;
  if (length === 0) return undefined;
  // A value that starts and ends with printable ASCII other than the space has nothing to trim (the usual
  // value: its first unit, read once, also says whether it could be a placeholder). The placeholder test is
  // written out here and again for a trimmed value on purpose: one helper for both measured 4-6 % slower
  // on the Claroty bench (4 interleaved pairs).
  const head = value.charCodeAt(0);
  const tail = value.charCodeAt(length - 1);
  if (head > 32 && head < 127 && tail > 32 && tail < 127)
    return length > MAX_ABSENT_LENGTH || ABSENT_FIRST_CHARS[head] === 0 || !ABSENT_VALUES.has(value)
      ? value
      : undefined;
  const text = value.trim();
  // Longer than every placeholder, or starting like none of them: skip hashing the value for the set lookup.
  if (text.length > MAX_ABSENT_LENGTH) return text;
  if (text.length === 0) return undefined;
  const first = text.charCodeAt(0);
  if (first >= 128 || ABSENT_FIRST_CHARS[first] === 0) return text;
  return ABSENT_VALUES.has(text) ? undefined : text;
}

/** The present value of a custom label (a module function: no lookup closure per record). */
export function labelValue(
  labels: ReadonlyMap<string, { readonly value: string }>,
  name: string,
): string | undefined {
  return present(labels.get(name)?.value);
}

// `claroty/<key>` strings, reused across records (a key repeats on every record of its layout).
const MAX_CACHED_KEYS = 1024;

export const toProductFieldKey = createKeyPrefixer('claroty/', MAX_CACHED_KEYS);

const NO_KEYS: ReadonlySet<string> = new Set();

/** The first present value (fixed parameters: a rest parameter would allocate an array per call). */
export function firstPresent(
  a: string | undefined,
  b: string | undefined,
  c?: string | undefined,
  d?: string | undefined,
  e?: string | undefined,
): string | undefined {
  return present(a) ?? present(b) ?? present(c) ?? present(d) ?? present(e);
}

/** A Signature ID split into its class and type: `Alert/New Asset`, `Alert-New Asset` or `Baseline`. */
export function splitEventClassId(value: string): { top: string; type: string | undefined } {
  const slash = value.indexOf('/');
  const at = slash >= 0 ? slash : value.indexOf('-');
  if (at < 0) return { top: value.trim(), type: undefined };
  const type = value.slice(at + 1).trim();
  return { top: value.slice(0, at).trim(), type: type === '' ? undefined : type };
}

/**
 * kebab-case of a class name: `ActivityLog` → `activity-log`, `Known Threat` → `known-threat`. Remembered
 * per name (a handful of class names repeat on every record).
 */
export const toKebabCase = createInputMemo(
  (value) =>
    detachString(
      value
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    ),
  { maxEntries: MAX_CACHED_KEYS },
);

/** `claroty/<key>` and value (a flat list) for every present value, skipping keys in `exclude`, in the order given. */
export function collectProductFields(
  entries: Iterable<readonly [string, string | undefined]>,
  exclude: ReadonlySet<string> = NO_KEYS,
): string[] {
  const result: string[] = [];
  for (const [key, value] of entries)
    if (!exclude.has(key)) pushPresent(result, toProductFieldKey(key), value);
  return result;
}

/** `[key, claroty/<key>]` for each key not in `exclude`, in order: for a mapper's constant priority keys. */
export function toPriorityKeys(
  keys: readonly string[],
  exclude: ReadonlySet<string>,
): readonly (readonly [string, string])[] {
  return keys.filter((key) => !exclude.has(key)).map((key) => [key, toProductFieldKey(key)] as const);
}

/**
 * A classifier of record keys for one mapper: `claroty/<key>`, or `null` for a key that `skip` leaves
 * out. Results are remembered per distinct key (bounded), so each record key costs one Map lookup.
 */
export function createProductFieldKeyLookup(skip: (key: string) => boolean): (key: string) => string | null {
  return createInputMemo((key) => (skip(key) ? null : toProductFieldKey(key)), {
    maxEntries: MAX_CACHED_KEYS,
  });
}

/** Appends `productKey, value` to a flat list when the value is present (for keys already classified). */
export function pushPresent(result: string[], productKey: string, value: string | undefined): void {
  const text = present(value);
  if (text !== undefined) result.push(productKey, text);
}
