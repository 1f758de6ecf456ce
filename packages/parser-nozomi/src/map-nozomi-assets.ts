import type { OtAsset } from '@otbridge/core';

/** Source and destination endpoints of an N2OS event, as core `OtAsset`s (absent when the event has none). */
export interface NozomiAssets {
  readonly source?: OtAsset;
  readonly destination?: OtAsset;
}

/**
 * Builds the endpoint assets from `src`/`smac`/`shost`/`spt` and `dst`/`dmac`/`dhost`/`dpt`. The asset id is
 * the one N2OS itself uses for a node: its IP, else its MAC. Broadcast and all-zero MACs are not assets.
 */
export function mapNozomiAssets(
  extensions: ReadonlyMap<string, string>,
  protocol: string | undefined,
): NozomiAssets {
  const source = toAsset(extensions, SOURCE_KEYS, protocol);
  const destination = toAsset(extensions, DESTINATION_KEYS, protocol);
  // Built by assignment: conditional spreads allocate a temporary object each and take V8's slow path.
  const assets: { source?: OtAsset; destination?: OtAsset } = {};
  if (source !== undefined) assets.source = source;
  if (destination !== undefined) assets.destination = destination;
  return assets;
}

const NOT_A_NODE_MACS: ReadonlySet<string> = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

/** The extension keys of one endpoint: constants, so no key string is built (and hashed) per record. */
interface SideKeys {
  readonly ip: string;
  readonly mac: string;
  readonly host: string;
  readonly port: string;
}
const SOURCE_KEYS: SideKeys = { ip: 'src', mac: 'smac', host: 'shost', port: 'spt' };
const DESTINATION_KEYS: SideKeys = { ip: 'dst', mac: 'dmac', host: 'dhost', port: 'dpt' };

function toAsset(
  extensions: ReadonlyMap<string, string>,
  keys: SideKeys,
  protocol: string | undefined,
): OtAsset | undefined {
  const ip = clean(extensions.get(keys.ip));
  const rawMac = clean(extensions.get(keys.mac))?.toLowerCase();
  const mac = rawMac !== undefined && !NOT_A_NODE_MACS.has(rawMac) ? rawMac : undefined;
  const host = clean(extensions.get(keys.host));
  const port = clean(extensions.get(keys.port));
  const id = ip ?? mac ?? host;
  if (id === undefined) return undefined;
  const details: Record<string, string> = {};
  let hasDetails = false;
  if (rawMac !== undefined && mac === undefined) {
    details.mac = rawMac;
    hasDetails = true;
  }
  if (port !== undefined) {
    details.port = port;
    hasDetails = true;
  }
  if (protocol !== undefined) {
    details.protocol = protocol;
    hasDetails = true;
  }
  // Same keys in the same order as before, by assignment (no conditional spreads).
  const asset: { -readonly [Key in keyof OtAsset]: OtAsset[Key] } = { id };
  if (host !== undefined) asset.name = host;
  if (ip !== undefined) asset.ips = [ip];
  if (mac !== undefined) asset.macs = [mac];
  // The IDS namespace of the resource Id (`ot-asset/nozomi/<sensor>/<ip>`), as for every otbridge vendor.
  asset.vendor = 'nozomi';
  if (hasDetails) asset.details = details;
  return asset;
}

function clean(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' || text === 'None' ? undefined : text;
}
