import { type CefRecord, createInputPairMemo, flattenCefExtensions } from '@otbridge/core';

/** The four Claroty CEF dialects (vendors.md §2). */
export const CLAROTY_DIALECTS = {
  /** CTD ≤ 4.x: standard keys plus `cs1`…`cs22` with labels. */
  ctdLegacy: 'ctd-legacy',
  /** CTD 4.10+ "CEF (Latest)": vendor keys `Ctd*` only. */
  ctdLatest: 'ctd-cef-latest',
  /** Secure Remote Access. */
  sra: 'sra',
  /** xDome / Medigate: snake_case keys, Python-literal lists. */
  xdome: 'xdome',
} as const;

/** One of the Claroty dialects. */
export type ClarotyDialect = (typeof CLAROTY_DIALECTS)[keyof typeof CLAROTY_DIALECTS];

/** Every Device Vendor / Device Product pair the reference attributes to Claroty (vendors.md §0.1). */
export const CLAROTY_PRODUCTS = [
  { deviceVendor: 'Claroty', deviceProduct: 'CTD', family: 'ctd' },
  // OEM variant of CTD (Exabeam regex; how common it is, is unknown).
  { deviceVendor: 'Schneider', deviceProduct: 'CTD', family: 'ctd' },
  { deviceVendor: 'Claroty', deviceProduct: 'SRA', family: 'sra' },
  { deviceVendor: 'Claroty', deviceProduct: 'Claroty', family: 'xdome' },
  { deviceVendor: 'Claroty', deviceProduct: 'Industrial Device Security Platform', family: 'xdome' },
  { deviceVendor: 'Medigate', deviceProduct: 'Medical Device Security Platform', family: 'xdome' },
] as const;

type ProductFamily = (typeof CLAROTY_PRODUCTS)[number]['family'];

const FAMILY_BY_PAIR: ReadonlyMap<string, ProductFamily> = new Map(
  CLAROTY_PRODUCTS.map((product) => [pairKey(product.deviceVendor, product.deviceProduct), product.family]),
);

function pairKey(vendor: string, product: string): string {
  return `${vendor.toLowerCase()}\u0000${product.toLowerCase()}`;
}

// Families by the header's exact spelling, vendor then product (`null`: not Claroty's), so a record costs
// two lookups instead of two lower-casings (and no concatenated key).
const familyOfSpelling = createInputPairMemo(
  (vendor, product): ProductFamily | null => FAMILY_BY_PAIR.get(pairKey(vendor, product)) ?? null,
  { maxEntries: 256 },
);

function familyOf(record: CefRecord): ProductFamily | undefined {
  return familyOfSpelling(record.deviceVendor, record.deviceProduct) ?? undefined;
}

/** Whether the header names a Claroty product (case-insensitive, as the registry routes). */
export function isClarotyProduct(record: CefRecord): boolean {
  return familyOf(record) !== undefined;
}

// xDome keys that only occur in xDome messages; one is enough to recognise the layout.
const XDOME_MARKER_KEYS: ReadonlySet<string> = new Set([
  'msg_category',
  'device_uid',
  'device_asset_id',
  'alert_id',
  'event_id',
  'change_id',
  'incident_id',
  'vulnerability_name',
]);

const LEGACY_MARKER_KEY = /^(?:cs\d+|cn\d+|src|dst|smac|dmac|shost|dhost|msg|externalId|rt|cat)$/;

// Module-level predicates: an inline arrow would be a new closure on every record.
const isCtdLatestKey = (key: string): boolean => key.startsWith('Ctd');
const isLegacyKey = (key: string): boolean => LEGACY_MARKER_KEY.test(key);
const isXdomeKey = (key: string): boolean => XDOME_MARKER_KEYS.has(key);

// The keys are read from the flat key/value list the dialect's reader walks next (no Map, no pair arrays).
function hasKey(strings: readonly string[], test: (key: string) => boolean): boolean {
  for (let index = 0; index < strings.length; index += 2) if (test(strings[index] as string)) return true;
  return false;
}

/**
 * The dialect of a Claroty record, told apart by Device Product and the keys present (never by Device
 * Version); `undefined` when the product is not Claroty's or the keys fit no known layout.
 */
export function detectClarotyDialect(record: CefRecord): ClarotyDialect | undefined {
  const family = familyOf(record);
  if (family === undefined) return undefined;
  const fields = flattenCefExtensions(record);
  if (family === 'ctd') {
    // CEF(Latest) sends no standard key at all; legacy sends no Ctd* key.
    if (hasKey(fields, isCtdLatestKey)) return CLAROTY_DIALECTS.ctdLatest;
    if (hasKey(fields, isLegacyKey)) return CLAROTY_DIALECTS.ctdLegacy;
    return undefined;
  }
  if (family === 'sra') {
    return hasKey(fields, isLegacyKey) ? CLAROTY_DIALECTS.sra : undefined;
  }
  return hasKey(fields, isXdomeKey) ? CLAROTY_DIALECTS.xdome : undefined;
}
