import { isIPv4, isIPv6 } from 'node:net';
import { splitCefList } from './split-cef-list.js';

/** Valid IPv4 and IPv6 addresses from a comma/space separated list, as sent; `None` or empty gives `[]`. */
export function parseIpList(value: string): string[] {
  return splitCefList(value).filter((item) => isIPv4(item) || isIPv6(item));
}
