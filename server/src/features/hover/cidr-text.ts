// CIDRs in words for hover: the range (first and last address, size, family), whether it holds a cloud metadata endpoint,
// and for an `except` entry how much of its parent it removes.
import { cidrContainsCidr, cidrContainsIp, cidrFirst, cidrLast, cidrSize, formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '../../net/ip';
import { metadataEndpoints } from '../../net/metadata-endpoints';

/** "16,777,216 addresses"; IPv6 sizes beyond 2^32 read better as powers of two. */
export function sizeText(c: Cidr): string {
  const hostBits = (c.family === 4 ? 32 : 128) - c.prefix;
  if (hostBits === 0) return '1 address';
  if (hostBits > 32) return `2^${hostBits} addresses`;
  return `${cidrSize(c).toLocaleString('en-US')} addresses`;
}

export function rangeText(c: Cidr): string {
  return `${formatIp(c.family, cidrFirst(c))} – ${formatIp(c.family, cidrLast(c))}`;
}

function endpointsIn(c: Cidr, cloud: string): string[] {
  return metadataEndpoints(cloud).flatMap((e) => {
    const ip = parseIp(e.address);
    return ip && cidrContainsIp(c, ip) ? [`${e.address} (${e.provider}: ${e.note})`] : [];
  });
}

/** Markdown lines describing a `cidr` value. */
export function cidrHoverLines(text: string, options: { cloud: string }): string[] {
  const c = parseCidr(text.trim());
  if (!c) return [`\`${text}\` is not a CIDR (expected an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32).`];
  const lines = [`**IPv${c.family} range** ${formatCidr(c)}: ${rangeText(c)}, ${sizeText(c)}.`];
  if (c.hostBitsSet) lines.push(`Host bits are set after /${c.prefix}: Kubernetes reads this as ${formatCidr(c)}.`);
  const endpoints = endpointsIn(c, options.cloud);
  lines.push(
    endpoints.length
      ? `Contains the cloud metadata endpoint ${endpoints.join(' and ')}: a pod that can reach it can read the node's cloud credentials.`
      : 'Does not contain a cloud metadata endpoint.',
  );
  return lines;
}

/** Markdown lines describing an `except` entry relative to its ipBlock's `cidr`. */
export function exceptHoverLines(text: string, parentText: string | undefined, options: { cloud: string }): string[] {
  const c = parseCidr(text.trim());
  if (!c) return [`\`${text}\` is not a CIDR.`];
  const parent = parentText === undefined ? undefined : parseCidr(parentText.trim());
  const lines = [`**Excluded IPv${c.family} range** ${formatCidr(c)}: ${rangeText(c)}, ${sizeText(c)}.`];
  if (!parent) {
    lines.push('The ipBlock has no valid `cidr` to remove it from.');
  } else if (!cidrContainsCidr(parent, c)) {
    lines.push(`It is not inside ${formatCidr(parent)}, so it removes nothing (and the API server rejects an except outside its cidr).`);
  } else if (c.prefix === parent.prefix) {
    lines.push(`It removes all of ${formatCidr(parent)}: nothing of the ipBlock is left.`);
  } else {
    lines.push(`It removes ${shareText(c, parent)} of ${formatCidr(parent)}.`);
  }
  const endpoints = endpointsIn(c, options.cloud);
  if (endpoints.length) lines.push(`It excludes the cloud metadata endpoint ${endpoints.join(' and ')}.`);
  return lines;
}

/** "1/256 (0.39%)": the share of `outer` that `inner` covers; both are powers of two. */
function shareText(inner: Cidr, outer: Cidr): string {
  const bits = inner.prefix - outer.prefix;
  const fraction = bits <= 32 ? `1/${(2 ** bits).toLocaleString('en-US')}` : `1/2^${bits}`;
  const percent = 100 / 2 ** bits;
  const percentText = percent >= 0.01 ? `${Number(percent.toFixed(2))}%` : 'less than 0.01%';
  return `${fraction} (${percentText})`;
}
