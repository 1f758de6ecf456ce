import type { OtAsset } from '@otbridge/core';

/** Source and destination endpoints of an N2OS event, as core `OtAsset`s (absent when the event has none). */
export interface NozomiAssets {
  readonly source?: OtAsset;
  readonly destination?: OtAsset;
}

/**
 * Builds the endpoint assets from `src`/`smac`/`shost`/`spt` and `dst`/`dmac`/`dhost`/`dpt`, at the sensor's
 * site with their role (`actor`, `target`). The asset id is the one N2OS itself uses for a node: its IP,
 * else its MAC. Broadcast and all-zero MACs are not assets.
 */
export function mapNozomiAssets(
  extensions: ReadonlyMap<string, string>,
  protocol: string | undefined,
  site: string,
): NozomiAssets {
  const source = toAsset(extensions, SOURCE_KEYS, protocol, site);
  const destination = toAsset(extensions, DESTINATION_KEYS, protocol, site);
  // Built by assignment: conditional spreads allocate a temporary object each and take V8's slow path.
  const assets: { source?: OtAsset; destination?: OtAsset } = {};
  if (source !== undefined) assets.source = source;
  if (destination !== undefined) assets.destination = destination;
  return assets;
}

const NOT_A_NODE_MACS: ReadonlySet<string> = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

/** The extension keys of one endpoint and its role: constants, so no key string is built per record. */
interface Side {
  readonly ip: string;
  readonly mac: string;
  readonly host: string;
  readonly port: string;
  readonly role: 'actor' | 'target';
}
const SOURCE_KEYS: Side = { ip: 'src', mac: 'smac', host: 'shost', port: 'spt', role: 'actor' };
const DESTINATION_KEYS: Side = { ip: 'dst', mac: 'dmac', host: 'dhost', port: 'dpt', role: 'target' };

function toAsset(
  extensions: ReadonlyMap<string, string>,
  side: Side,
  protocol: string | undefined,
  site: string,
): OtAsset | undefined {
  const ip = clean(extensions.get(side.ip));
  const rawMac = clean(extensions.get(side.mac))?.toLowerCase();
  const mac = rawMac !== undefined && !NOT_A_NODE_MACS.has(rawMac) ? rawMac : undefined;
  const host = clean(extensions.get(side.host));
  const port = clean(extensions.get(side.port));
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
  // Every member set, undefined when unknown (toOtAssetResource treats that as absent): one object shape
  // for every endpoint, so its reads stay monomorphic. `vendor` is the IDS namespace of the resource Id
  // (`ot-asset/nozomi/<sensor>/<ip>`), as for every otbridge vendor.
  return {
    id,
    name: host,
    ips: ip !== undefined ? [ip] : undefined,
    macs: mac !== undefined ? [mac] : undefined,
    zone: undefined,
    type: undefined,
    vendor: 'nozomi',
    details: hasDetails ? details : undefined,
    site,
    role: side.role,
  };
}

function clean(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' || text === 'None' ? undefined : text;
}
