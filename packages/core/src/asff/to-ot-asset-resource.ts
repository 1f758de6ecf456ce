import { createHash } from 'node:crypto';
import type { Resource } from '@aws-sdk/client-securityhub';
import { isBlank } from '../text/is-blank.js';
import { ASFF_LIMITS } from './asff-limits.js';
import { encodeIdSegment } from './create-finding-id.js';
import { fitUtf16 } from './truncate-utf16.js';

/** An OT/ICS asset as a vendor reports it; every field optional, since vendors send what they have. */
export interface OtAsset {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly ips?: readonly string[] | undefined;
  readonly macs?: readonly string[] | undefined;
  /** Network zone / Purdue level. */
  readonly zone?: string | undefined;
  /** Asset type (PLC, HMI, engineering workstation ...). */
  readonly type?: string | undefined;
  readonly vendor?: string | undefined;
  /** Site or sensor, so the same asset id at two sites stays two resources. */
  readonly site?: string | undefined;
  /** `ResourceRole`: `actor` (source) or `target` (destination). */
  readonly role?: 'actor' | 'target' | undefined;
  /** Further vendor facts; they go to `Details.Other` after the standard keys, while room is left. */
  readonly details?: Readonly<Record<string, string>> | undefined;
}

/**
 * Maps an OT asset to a `Resources` entry of type `Other`: `Id` is
 * `ot-asset/<vendor>/[<site>/]<id | first ip | first mac | name>` (a content hash when the asset has no
 * identifier), facts go to `Details.Other` (keys < 128, values < 1024, at most 50 pairs, blanks dropped).
 * OT metadata never goes into `Tags`, which are for real AWS tags.
 */
export function toOtAssetResource(asset: OtAsset): Resource {
  const ips = cleanList(asset.ips);
  const macs = cleanList(asset.macs);
  // A plain object, not Object.create(null): V8 keeps null-prototype objects in dictionary mode, which made
  // every later walk (validator, size bound, JSON) several times slower. `__proto__` is still just a key
  // (putDetail defines it as an own property).
  const other: Record<string, string> = {};
  // The standard keys are distinct, short and far below the pair limit: only their values need checks.
  // Written out key by key on purpose: stores by name; a helper taking the key made keyed stores and gave
  // back most of the gain (225 -> 310 ns an asset).
  let count = 0;
  if (isPresent(asset.id)) {
    other.id = fitDetailValue(asset.id);
    count++;
  }
  if (isPresent(asset.name)) {
    other.name = fitDetailValue(asset.name);
    count++;
  }
  const ip = ips.length === 1 ? ips[0] : ips.join(', ');
  if (isPresent(ip)) {
    other.ip = fitDetailValue(ip);
    count++;
  }
  const mac = macs.length === 1 ? macs[0] : macs.join(', ');
  if (isPresent(mac)) {
    other.mac = fitDetailValue(mac);
    count++;
  }
  if (isPresent(asset.zone)) {
    other.zone = fitDetailValue(asset.zone);
    count++;
  }
  if (isPresent(asset.type)) {
    other.type = fitDetailValue(asset.type);
    count++;
  }
  if (isPresent(asset.vendor)) {
    other.vendor = fitDetailValue(asset.vendor);
    count++;
  }
  if (isPresent(asset.site)) {
    other.site = fitDetailValue(asset.site);
    count++;
  }
  const details = asset.details;
  if (details !== undefined) {
    // Own enumerable keys in insertion order, as Object.entries would give them, without the pair arrays.
    for (const key in details) {
      if (Object.hasOwn(details, key) && !Object.hasOwn(other, key))
        count = putDetail(other, count, key, details[key]);
    }
  }
  const resource: Resource = { Type: 'Other', Id: toAssetResourceId(asset, ips, macs) };
  if (asset.role !== undefined) resource.ResourceRole = asset.role;
  if (count > 0) resource.Details = { Other: other };
  return resource;
}

/** Adds one `Details.Other` pair unless blank or over the pair limit; returns the new pair count. */
function putDetail(
  other: Record<string, string>,
  count: number,
  key: string,
  value: string | undefined,
): number {
  if (!isPresent(value) || !isPresent(key) || count >= ASFF_LIMITS.DETAILS_OTHER) return count;
  const safeKey = fitUtf16(key, ASFF_LIMITS.DETAILS_OTHER_KEY);
  // The caller passes only keys `other` does not hold yet; a shortened one may still meet a kept key.
  const next = safeKey !== key && Object.hasOwn(other, safeKey) ? count : count + 1;
  const text = fitUtf16(value, ASFF_LIMITS.DETAILS_OTHER_VALUE);
  if (safeKey === '__proto__')
    Object.defineProperty(other, safeKey, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else other[safeKey] = text;
  return next;
}

/** Not undefined and not blank. */
function isPresent(value: string | undefined): value is string {
  return value !== undefined && !isBlank(value);
}

function fitDetailValue(value: string): string {
  return fitUtf16(value, ASFF_LIMITS.DETAILS_OTHER_VALUE);
}

function toAssetResourceId(asset: OtAsset, ips: readonly string[], macs: readonly string[]): string {
  const key = firstPresent(asset.id, ips[0], macs[0], asset.name);
  const vendor = encodeIdSegment(asset.vendor?.trim() ?? '');
  const site = asset.site !== undefined && asset.site.trim() !== '' ? `${encodeIdSegment(asset.site)}/` : '';
  const identity =
    key !== undefined
      ? encodeIdSegment(key.trim())
      : `sha256-${createHash('sha256')
          .update(JSON.stringify([asset.zone, asset.type, asset.details]))
          .digest('hex')}`;
  const id = `ot-asset/${vendor}/${site}${identity}`;
  return id.length <= ASFF_LIMITS.ID
    ? id
    : `ot-asset/long/sha256/${createHash('sha256').update(id).digest('hex')}`;
}

/** The first present value (fixed parameters: a rest parameter would allocate an array per call). */
function firstPresent(
  a: string | undefined,
  b: string | undefined,
  c: string | undefined,
  d: string | undefined,
): string | undefined {
  if (isPresent(a)) return a;
  if (isPresent(b)) return b;
  if (isPresent(c)) return c;
  return isPresent(d) ? d : undefined;
}

const NO_ITEMS: readonly string[] = Object.freeze([]);

/** The trimmed, non-blank items; the list itself when every item already is (the usual list). */
function cleanList(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return NO_ITEMS;
  let index = 0;
  while (index < values.length && isTrimmedNonBlank(values[index] as string)) index++;
  if (index === values.length) return values;
  const clean = values.slice(0, index);
  for (; index < values.length; index++) {
    const trimmed = (values[index] as string).trim();
    if (trimmed !== '') clean.push(trimmed);
  }
  return clean;
}

/** Starts and ends with printable ASCII other than the space: `trim` would return it unchanged, non-empty. */
function isTrimmedNonBlank(value: string): boolean {
  const head = value.charCodeAt(0);
  const tail = value.charCodeAt(value.length - 1);
  return head > 32 && head < 127 && tail > 32 && tail < 127;
}
