// CIDRs in words for hover: the range (first and last address, size, family), whether it holds a cloud metadata endpoint,
// whether it lies in the cluster's Service or pod range, and for an `except` entry how much of its parent it removes.
import type { ClusterSettings } from '../../lint/settings';
import { clusterRanges, rangeHolding } from '../../net/cluster-ranges';
import { cidrContainsCidr, cidrContainsIp, cidrFirst, cidrLast, cidrSize, formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '../../net/ip';
import { metadataEndpoints } from '../../net/metadata-endpoints';

export interface CidrHoverOptions {
  /** Which metadata endpoints to look for (netpol.cloud). */
  readonly cloud: string;
  /** The cluster's ranges (netpol.cluster); kubeadm's Service range is assumed without them. */
  readonly cluster?: ClusterSettings;
}

/** "16,777,216 addresses"; IPv6 sizes beyond 2^32 read better as powers of two. */
function sizeText(c: Cidr): string {
  const hostBits = (c.family === 4 ? 32 : 128) - c.prefix;
  if (hostBits === 0) return '1 address';
  if (hostBits > 32) return `2^${hostBits} addresses`;
  return `${cidrSize(c).toLocaleString('en-US')} addresses`;
}

export function rangeText(c: Cidr): string {
  return `${formatIp(c.family, cidrFirst(c))} – ${formatIp(c.family, cidrLast(c))}`;
}

/** The metadata endpoints of the cloud inside `c`, in words: "the cloud metadata endpoint at 169.254.169.254". */
function endpointsIn(c: Cidr, cloud: string): { readonly text: string; readonly exposes: string }[] {
  return metadataEndpoints(cloud).flatMap((e) => {
    const ip = parseIp(e.address);
    return ip && cidrContainsIp(c, ip) ? [{ text: `${e.service} at ${e.address}`, exposes: e.exposes }] : [];
  });
}

/** Markdown lines describing a `cidr` value. */
export function cidrHoverLines(text: string, options: CidrHoverOptions): string[] {
  const c = parseCidr(text.trim());
  if (!c) return [`\`${text}\` is not a CIDR (expected an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32).`];
  const lines = [`**IPv${c.family} range** ${formatCidr(c)}: ${rangeText(c)}, ${sizeText(c)}.`];
  if (c.hostBitsSet) lines.push(`Host bits are set after /${c.prefix}: Kubernetes reads this as ${formatCidr(c)}.`);
  const endpoints = endpointsIn(c, options.cloud);
  lines.push(
    endpoints.length
      ? `Contains ${endpoints.map((e) => `${e.text}, where ${e.exposes}`).join('; and ')}.`
      : 'Does not contain a cloud metadata endpoint.',
  );
  lines.push(...clusterRangeLines(c, options.cluster));
  return lines;
}

/** Which of the cluster's ranges the block lies in, and what that means for matching. */
function clusterRangeLines(c: Cidr, cluster: ClusterSettings | undefined): string[] {
  const ranges = clusterRanges(cluster ?? { serviceCIDR: [], podCIDR: [] });
  const service = rangeHolding(ranges.service, c);
  if (service) {
    const which = ranges.serviceAssumed ? `kubeadm's default Service range ${formatCidr(service)} (assumed; set \`netpol.cluster.serviceCIDR\`)` : `the cluster's Service range ${formatCidr(service)}`;
    return [`Inside ${which}: policies see the pod address a Service address is translated to, so this block never matches.`];
  }
  const pod = rangeHolding(ranges.pod, c);
  if (pod) return [`Inside the cluster's pod range ${formatCidr(pod)}: pod addresses change when pods are rescheduled; select the pods by label instead.`];
  return [];
}

/** Markdown lines describing an `except` entry relative to its ipBlock's `cidr`. */
export function exceptHoverLines(text: string, parentText: string | undefined, options: CidrHoverOptions): string[] {
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
  if (endpoints.length) lines.push(`It excludes ${endpoints.map((e) => e.text).join(' and ')}.`);
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
