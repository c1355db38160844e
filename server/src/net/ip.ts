// IPv4/IPv6 addresses and CIDRs as bigints: parsing as Kubernetes does (sloppy: leading zeros allowed), the facts the strict
// checks of KEP-4858 need, canonical formatting (RFC 5952 for IPv6) and containment. Decisions about traffic are made with
// this arithmetic, never by comparing strings.

export type Family = 4 | 6;

export interface IpAddress {
  readonly family: Family;
  readonly value: bigint;
  /** Some IPv4 part (or the prefix length) was written with a leading zero, e.g. `010.0.0.1`. */
  readonly leadingZeros: boolean;
  /** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`). */
  readonly mapped: boolean;
}

export interface Cidr {
  readonly family: Family;
  /** The address as written (host bits kept). */
  readonly address: bigint;
  /** The network address (host bits cleared), as Kubernetes' sloppy parser yields. */
  readonly network: bigint;
  readonly prefix: number;
  readonly leadingZeros: boolean;
  readonly mapped: boolean;
  readonly hostBitsSet: boolean;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const v4 = parseIpv4(text);
  return v4 && { family: 4, value: v4.value, leadingZeros: v4.leadingZeros, mapped: false };
}

function parseIpv4(text: string): { value: bigint; leadingZeros: boolean } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  let leadingZeros = false;
  for (const part of parts) {
    // Any number of leading zeros, as k8s.io/utils/net's ParseIPSloppy strips them (`0010.0.0.0` is 10.0.0.0).
    if (!/^\d+$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    value = (value << 8n) | BigInt(n);
  }
  return { value, leadingZeros };
}

function parseIpv6(text: string): IpAddress | undefined {
  if (text.includes('%')) return undefined;
  let leadingZeros = false;
  let tail: bigint[] = [];
  let body = text;
  // An embedded IPv4 address in the last 32 bits (::ffff:1.2.3.4).
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return undefined;
    leadingZeros ||= v4.leadingZeros;
    tail = [v4.value >> 16n, v4.value & 0xffffn];
    body = body.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): bigint[] | undefined => {
    if (s === '') return [];
    const out: bigint[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const written = head.length + rest.length + tail.length;
  let all: bigint[];
  if (halves.length === 2) {
    if (written > 7) return undefined;
    all = [...head, ...Array<bigint>(8 - written).fill(0n), ...rest, ...tail];
  } else {
    if (written !== 8) return undefined;
    all = [...head, ...tail];
  }
  const value = all.reduce((acc, g) => (acc << 16n) | g, 0n);
  const mapped = value >> 32n === 0xffffn;
  return { family: 6, value, leadingZeros, mapped };
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1 || text.indexOf('/', slash + 1) !== -1) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d+$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > BITS[ip.family]) return undefined;
  const network = maskOf(ip.family, prefix) & ip.value;
  return {
    family: ip.family,
    address: ip.value,
    network,
    prefix,
    leadingZeros: ip.leadingZeros || (prefixText.length > 1 && prefixText.startsWith('0')),
    mapped: ip.mapped,
    hostBitsSet: network !== ip.value,
  };
}

function maskOf(family: Family, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return prefix === 0 ? 0n : (all >> (bits - BigInt(prefix))) << (bits - BigInt(prefix));
}

export function cidrFirst(c: Cidr): bigint {
  return c.network;
}

export function cidrLast(c: Cidr): bigint {
  return c.network | (((1n << BigInt(BITS[c.family])) - 1n) ^ maskOf(c.family, c.prefix));
}

export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(BITS[c.family] - c.prefix);
}

/** An IPv4-mapped IPv6 value seen as IPv4, as Go's net.IPNet.Contains does; undefined when it is neither. */
function asFamily(family: Family, value: bigint, valueFamily: Family): bigint | undefined {
  if (family === valueFamily) return value;
  if (family === 4 && valueFamily === 6 && value >> 32n === 0xffffn) return value & 0xffffffffn;
  return undefined;
}

export function cidrContainsIp(c: Cidr, ip: { family: Family; value: bigint }): boolean {
  const v = asFamily(c.family, ip.value, ip.family);
  return v !== undefined && (v & maskOf(c.family, c.prefix)) === c.network;
}

/** True when every address of `inner` is in `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && (inner.network & maskOf(outer.family, outer.prefix)) === outer.network;
}

export function formatIp(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  if (value >> 32n === 0xffffn) return `::ffff:${formatIp(4, value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
  // RFC 5952: compress the longest run of two or more zero groups (the first one on a tie); lowercase; no leading zeros.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The canonical form Kubernetes suggests: network address, no leading zeros, RFC 5952, IPv4-mapped written as IPv4. */
export function formatCidr(c: Cidr, options: { keepHostBits?: boolean } = {}): string {
  const value = options.keepHostBits ? c.address : c.network;
  if (c.mapped && c.prefix >= 96) return `${formatIp(4, value & 0xffffffffn)}/${c.prefix - 96}`;
  return `${formatIp(c.family, value)}/${c.prefix}`;
}
