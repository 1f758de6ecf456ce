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
  const source = toAsset(extensions, 's', protocol);
  const destination = toAsset(extensions, 'd', protocol);
  // Built by assignment: conditional spreads allocate a temporary object each and take V8's slow path.
  const assets: { source?: OtAsset; destination?: OtAsset } = {};
  if (source !== undefined) assets.source = source;
  if (destination !== undefined) assets.destination = destination;
  return assets;
}

const NOT_A_NODE_MACS: ReadonlySet<string> = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

function toAsset(
  extensions: ReadonlyMap<string, string>,
  side: 's' | 'd',
  protocol: string | undefined,
): OtAsset | undefined {
  const ip = clean(extensions.get(side === 's' ? 'src' : 'dst'));
  const rawMac = clean(extensions.get(`${side}mac`))?.toLowerCase();
  const mac = rawMac !== undefined && !NOT_A_NODE_MACS.has(rawMac) ? rawMac : undefined;
  const host = clean(extensions.get(`${side}host`));
  const port = clean(extensions.get(`${side}pt`));
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
