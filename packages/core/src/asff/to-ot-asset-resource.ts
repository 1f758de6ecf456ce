import { createHash } from 'node:crypto';
import type { Resource } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS } from './asff-limits.js';
import { encodeIdSegment } from './create-finding-id.js';
import { truncateUtf16 } from './truncate-utf16.js';

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
  const other: Record<string, string> = Object.create(null);
  let count = 0;
  const put = (key: string, value: string | undefined) => {
    if (value === undefined || value.trim() === '' || key.trim() === '' || count >= ASFF_LIMITS.DETAILS_OTHER)
      return;
    const safeKey = truncateUtf16(key, ASFF_LIMITS.DETAILS_OTHER_KEY).value;
    if (!Object.hasOwn(other, safeKey)) count += 1;
    other[safeKey] = truncateUtf16(value, ASFF_LIMITS.DETAILS_OTHER_VALUE).value;
  };
  put('id', asset.id);
  put('name', asset.name);
  put('ip', ips.join(', ') || undefined);
  put('mac', macs.join(', ') || undefined);
  put('zone', asset.zone);
  put('type', asset.type);
  put('vendor', asset.vendor);
  put('site', asset.site);
  for (const [key, value] of Object.entries(asset.details ?? {})) {
    if (!Object.hasOwn(other, key)) put(key, value);
  }
  const resource: Resource = { Type: 'Other', Id: toAssetResourceId(asset, ips, macs) };
  if (asset.role !== undefined) resource.ResourceRole = asset.role;
  if (count > 0) resource.Details = { Other: other };
  return resource;
}

function toAssetResourceId(asset: OtAsset, ips: readonly string[], macs: readonly string[]): string {
  const key = [asset.id, ips[0], macs[0], asset.name].find(
    (value) => value !== undefined && value.trim() !== '',
  );
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

function cleanList(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((value) => value.trim()).filter((value) => value !== '');
}
