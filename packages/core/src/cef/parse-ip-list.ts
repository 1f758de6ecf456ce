import { isIPv4, isIPv6 } from 'node:net';
import { splitCefList } from './split-cef-list.js';

/** Valid IPv4 and IPv6 addresses from a comma/space separated list, as sent; `None` or empty gives `[]`. */
export function parseIpList(value: string): string[] {
  // The usual value, one IPv4 address, is its own list (no separator, wrapper or placeholder can be in it).
  if (typeof value === 'string' && isIPv4(value)) return [value];
  return splitCefList(value).filter(isIpAddress);
}

function isIpAddress(item: string): boolean {
  return isIPv4(item) || isIPv6(item);
}
