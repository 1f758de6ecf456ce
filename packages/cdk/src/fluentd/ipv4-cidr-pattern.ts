/** One parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  readonly cidr: string;
  /** The network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
}

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

/** Parses `a.b.c.d/n` strictly (host bits must be zero); undefined when it is not an IPv4 CIDR. */
export function parseIpv4Cidr(cidr: string): Ipv4Cidr | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const octets = cidr.slice(0, slash).split('.');
  const prefixText = cidr.slice(slash + 1);
  if (octets.length !== 4 || !/^(?:\d|[12]\d|3[0-2])$/.test(prefixText)) return undefined;
  let network = 0;
  for (const octet of octets) {
    if (!OCTET.test(octet) || Number(octet) > 255) return undefined;
    network = network * 256 + Number(octet);
  }
  const prefixLength = Number(prefixText);
  const hostBits = 2 ** (32 - prefixLength);
  if (network % hostBits !== 0) return undefined;
  return { cidr, network, prefixLength };
}

/** Alternation of the decimal numbers from..to (0-255); the whole pattern is anchored, so order is free. */
function toNumberAlternation(from: number, to: number): string {
  const numbers: string[] = [];
  for (let value = to; value >= from; value -= 1) numbers.push(String(value));
  return numbers.length === 1 ? numbers[0]! : `(?:${numbers.join('|')})`;
}

/**
 * A regular expression body (no anchors) matching exactly the dotted-quad addresses inside the block.
 *
 *   10.16.0.0/12 -> 10\.(?:31|30|...|16)\.\d{1,3}\.\d{1,3}
 *                    ^ fixed octets, then the partial octet's range, then free octets
 */
export function toIpv4CidrPattern(cidr: Ipv4Cidr): string {
  const parts: string[] = [];
  for (let index = 0; index < 4; index += 1) {
    const octet = Math.floor(cidr.network / 256 ** (3 - index)) % 256;
    const fixedBits = Math.min(8, Math.max(0, cidr.prefixLength - index * 8));
    if (fixedBits === 8) parts.push(String(octet));
    else if (fixedBits === 0) parts.push('\\d{1,3}');
    else parts.push(toNumberAlternation(octet, octet + 2 ** (8 - fixedBits) - 1));
  }
  return parts.join('\\.');
}
