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
  return { ...(source !== undefined && { source }), ...(destination !== undefined && { destination }) };
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
  if (rawMac !== undefined && mac === undefined) details.mac = rawMac;
  if (port !== undefined) details.port = port;
  if (protocol !== undefined) details.protocol = protocol;
  return {
    id,
    ...(host !== undefined && { name: host }),
    ...(ip !== undefined && { ips: [ip] }),
    ...(mac !== undefined && { macs: [mac] }),
    // The IDS namespace of the resource Id (`ot-asset/nozomi/<sensor>/<ip>`), as for every otbridge vendor.
    vendor: 'nozomi',
    ...(Object.keys(details).length > 0 && { details }),
  };
}

function clean(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' || text === 'None' ? undefined : text;
}
