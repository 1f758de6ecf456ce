import { isIPv4, isIPv6 } from 'node:net';
import type { Network } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS } from './asff-limits.js';
import { fitUtf16 } from './truncate-utf16.js';

/** Vendor network fields, as loose as parsers find them. */
export interface AsffNetworkInput {
  /** `in`/`out` in any case; anything else is left out. */
  readonly direction?: string | undefined;
  readonly protocol?: string | undefined;
  readonly sourceIp?: string | undefined;
  readonly sourcePort?: number | string | undefined;
  readonly sourceMac?: string | undefined;
  readonly sourceDomain?: string | undefined;
  readonly destinationIp?: string | undefined;
  readonly destinationPort?: number | string | undefined;
  readonly destinationDomain?: string | undefined;
}

/**
 * Builds the ASFF `Network` object: IPs go to `*IpV4` or `*IpV6` by their form (invalid ones are left
 * out), ports must be integers 0-65535, protocol and domains are truncated to their limits, blanks are
 * dropped. Returns `undefined` when nothing is left. (`Network` is "retired" in the user guide but still
 * accepted; assets belong in `Resources` too, see `toOtAssetResource`.)
 */
export function toAsffNetwork(input: AsffNetworkInput): Network | undefined {
  const network: Network = {};
  const direction = input.direction?.trim().toUpperCase();
  if (direction === 'IN' || direction === 'OUT') network.Direction = direction;
  const protocol = toText(input.protocol, ASFF_LIMITS.NETWORK_PROTOCOL);
  if (protocol !== undefined) network.Protocol = protocol;
  const sourceIp = input.sourceIp?.trim();
  if (sourceIp !== undefined && isIPv4(sourceIp)) network.SourceIpV4 = sourceIp;
  else if (sourceIp !== undefined && isIPv6(sourceIp)) network.SourceIpV6 = sourceIp;
  const sourcePort = toPort(input.sourcePort);
  if (sourcePort !== undefined) network.SourcePort = sourcePort;
  const sourceMac = toText(input.sourceMac, Number.POSITIVE_INFINITY);
  if (sourceMac !== undefined) network.SourceMac = sourceMac;
  const sourceDomain = toText(input.sourceDomain, ASFF_LIMITS.NETWORK_DOMAIN);
  if (sourceDomain !== undefined) network.SourceDomain = sourceDomain;
  const destinationIp = input.destinationIp?.trim();
  if (destinationIp !== undefined && isIPv4(destinationIp)) network.DestinationIpV4 = destinationIp;
  else if (destinationIp !== undefined && isIPv6(destinationIp)) network.DestinationIpV6 = destinationIp;
  const destinationPort = toPort(input.destinationPort);
  if (destinationPort !== undefined) network.DestinationPort = destinationPort;
  const destinationDomain = toText(input.destinationDomain, ASFF_LIMITS.NETWORK_DOMAIN);
  if (destinationDomain !== undefined) network.DestinationDomain = destinationDomain;
  return Object.keys(network).length === 0 ? undefined : network;
}

function toText(value: string | undefined, limit: number): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : fitUtf16(text, limit);
}

function toPort(value: number | string | undefined): number | undefined {
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}
