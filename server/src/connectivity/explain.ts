// "Why": for one ordered pair of peers, what the engine allows and which policies and rules decide it, as plain values and
// as text. Also the per-CNI note on ipBlocks that may match pod addresses, which netpol-analyzer never gives.
import { cidrFirst, cidrLast, parseCidr, parseIp, type Cidr } from '../net/ip';
import type { IpBlockFact, Location } from '../workspace/facts';
import { connsText } from './conns';
import type { Connectivity, PairVerdict, Peer, SideVerdict } from './engine';
import { policyName } from './report';

export interface Explanation {
  readonly src: Peer;
  readonly dst: Peer;
  readonly verdict: PairVerdict;
  /** Plain-English lines, for every format that shows reasons. */
  readonly lines: readonly string[];
}

export interface ExplainOptions {
  /** Turns a location into `file:line:col` for the text; the uri when left out. */
  readonly locate?: (location: Location) => string;
  /** The CNI, for the note on ipBlocks that may match pod addresses. */
  readonly cni?: string;
}

/**
 * The peer a user names: `ns/name[Kind]`, `ns/name` (when one workload has that name), an external range as listed, or an
 * IP address (the range holding it, among sources or destinations as `role` says).
 */
export function findPeer(result: Connectivity, name: string, role: 'src' | 'dst'): number | undefined {
  const exact = result.peers.findIndex((p) => p.id === name || (p.type === 'external' && p.text === name && isRole(result, p, role)));
  if (exact !== -1) return exact;
  const byName = result.peers.flatMap((p, i) => (p.type === 'workload' && `${p.namespace}/${p.name}` === name ? [i] : []));
  if (byName.length === 1) return byName[0];
  const ip = parseIp(name.replace(/\[External\]$/, ''));
  if (!ip) return undefined;
  const ranges = role === 'src' ? result.sourceRanges : result.destinationRanges;
  return ranges.find((i) => {
    const p = result.peers[i]!;
    return p.type === 'external' && p.range.family === ip.family && p.range.first <= ip.value && ip.value <= p.range.last;
  });
}

function isRole(result: Connectivity, p: Peer, role: 'src' | 'dst'): boolean {
  const i = result.peers.indexOf(p);
  return (role === 'src' ? result.sourceRanges : result.destinationRanges).includes(i);
}

export function explainPair(result: Connectivity, src: number, dst: number, options: ExplainOptions = {}): Explanation {
  const s = result.peers[src]!;
  const d = result.peers[dst]!;
  const verdict = src === dst ? { conns: { TCP: [], UDP: [], SCTP: [] } } : result.verdict(result.nodeOfPeer[src]!, result.nodeOfPeer[dst]!);
  const locate = options.locate ?? ((l: Location) => l.uri);
  const lines: string[] = [`${s.id} => ${d.id} : ${connsText(verdict.conns)}`];
  if (src === dst) lines.push('A workload and itself are not a pair.');
  const side = (label: string, who: Peer, other: Peer, v: SideVerdict | undefined, direction: 'egress' | 'ingress'): void => {
    if (!v) {
      lines.push(`${label} ${who.id}: an external address; no policy restricts it.`);
      return;
    }
    if (v.isolatedBy.length === 0) {
      lines.push(`${label} ${who.id}: not isolated (no policy selects it for ${direction}), so every connection is allowed.`);
      return;
    }
    const by = v.isolatedBy.map((p) => policyName(result.policies[p]!)).join(', ');
    if (v.allowedBy.length === 0) {
      lines.push(`${label} ${who.id}: isolated by ${by}; no ${direction} rule of ${v.isolatedBy.length === 1 ? 'it' : 'them'} allows ${other.id}, so it is denied.`);
      return;
    }
    lines.push(`${label} ${who.id}: isolated by ${by}; allowed: ${connsText(v.conns)}`);
    for (const r of v.allowedBy) {
      const policy = result.policies[r.ref.policy]!;
      const rule = (r.ref.direction === 'ingress' ? policy.ingress : policy.egress)[r.ref.rule]!;
      lines.push(`  by ${policyName(policy)} ${r.ref.direction} rule ${r.ref.rule + 1} (${locate(rule.location)}): ${connsText(r.conns)}`);
      if (rule.peers !== 'all' && (s.type === 'external' || d.type === 'external')) {
        for (const peer of rule.peers) if (peer.ipBlock) lines.push(...ipBlockNotes(peer.ipBlock, options.cni).map((n) => `    ${n}`));
      }
    }
  };
  side('Egress from', s, d, verdict.egress, 'egress');
  side('Ingress to', d, s, verdict.ingress, 'ingress');
  return { src: s, dst: d, verdict, lines };
}

/** The private, shared and unique-local ranges pod networks are drawn from (RFC 1918, RFC 6598, RFC 4193). */
const POD_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map((c) => parseCidr(c)!);

/**
 * What an ipBlock means for pods, by CNI: netpol, like netpol-analyzer, treats ipBlocks as external addresses; a block that
 * overlaps the ranges pod networks use may, depending on the CNI, also match pods.
 */
function ipBlockNotes(block: IpBlockFact, cni: string | undefined): string[] {
  const overlaps = POD_RANGES.some((r) => r.family === block.cidr.family && cidrFirst(r) <= cidrLast(block.cidr) && cidrFirst(block.cidr) <= cidrLast(r));
  if (!overlaps) return [];
  if (cni === 'cilium') return ['Note: this ipBlock overlaps private address ranges; Cilium never matches pod addresses with an ipBlock, so pods in that range are not reached through it.'];
  return [
    `Note: this ipBlock overlaps private address ranges, where pod addresses may lie; counted here as external addresses only. Whether it also matches pods depends on the CNI: most match by address (so pods holding those addresses today are matched), Cilium never does${cni && cni !== 'unknown' ? '' : ' (set --cni to say which)'}.`,
  ];
}
