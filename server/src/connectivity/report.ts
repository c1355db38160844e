// The engine's result as plain, JSON-ready values at the level of workloads: the peers, and one edge per allowed ordered pair
// with its connections and the rules that allow them. Every renderer (the CLI formats, the webview) reads this.
import type { Location, PolicyFact } from '../workspace/facts';
import { connsJson, connsText, intersect, isEmpty, type Conns } from './conns';
import { workloadPairs, type Connectivity, type PairVerdict, type RuleRef } from './engine';

export interface ReportPeer {
  readonly id: string;
  readonly type: 'workload' | 'external';
  readonly namespace?: string;
  readonly name?: string;
  readonly kind?: string;
  /** For an external peer: `first-last`. */
  readonly range?: string;
  readonly family?: 4 | 6;
  /** For a workload: whether some policy isolates it in that direction. */
  readonly ingressIsolated?: boolean;
  readonly egressIsolated?: boolean;
  readonly location?: Location;
}

export interface ReportRule {
  /** `ns/name` of the policy. */
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  /** 0-based index of the rule in the policy's `ingress`/`egress` list. */
  readonly index: number;
  /** What this rule lets through of the connection, in the text form. */
  readonly conns: string;
  readonly location: Location;
}

export interface ReportEdge {
  readonly src: string;
  readonly dst: string;
  /** netpol-analyzer's text: `All Connections`, `TCP 80,UDP 53`. */
  readonly conns: string;
  readonly ports: ReturnType<typeof connsJson>;
  /** The rules that allow it at the source (egress) and at the destination (ingress); none where that side is not isolated. */
  readonly rules: readonly ReportRule[];
}

export interface Report {
  readonly peers: readonly ReportPeer[];
  readonly edges: readonly ReportEdge[];
}

export interface ReportOptions {
  /** Keep only the connections with an end in this namespace (and the peers they name). */
  readonly namespace?: string;
}

export function policyName(p: PolicyFact): string {
  return `${p.namespace}/${p.name}`;
}

/** One rule as the report names it, with what it lets through of a connection. */
export function reportRule(result: Connectivity, ref: RuleRef, conns: Conns): ReportRule {
  const policy = result.policies[ref.policy]!;
  const list = ref.direction === 'ingress' ? policy.ingress : policy.egress;
  return { policy: policyName(policy), direction: ref.direction, index: ref.rule, conns: connsText(conns), location: list[ref.rule]!.location };
}

/** The rules behind a verdict, each with the part of the pair's connections it lets through (rules that add nothing left out). */
function reportRules(result: Connectivity, v: PairVerdict): ReportRule[] {
  const out: ReportRule[] = [];
  for (const r of [...(v.egress?.allowedBy ?? []), ...(v.ingress?.allowedBy ?? [])]) {
    const conns = intersect(r.conns, v.conns);
    if (!isEmpty(conns)) out.push(reportRule(result, r.ref, conns));
  }
  return out;
}

export function connectivityReport(result: Connectivity, options: ReportOptions = {}): Report {
  const inNamespace = (i: number): boolean => {
    const p = result.peers[i]!;
    return p.type === 'workload' && p.namespace === options.namespace;
  };
  const edges: (ReportEdge & { line: string })[] = [];
  const used = new Set<number>();
  for (const c of result.connections) {
    const conns = connsText(c.verdict.conns);
    const ports = connsJson(c.verdict.conns);
    let rules: ReportRule[] | undefined;
    for (const [s, d] of workloadPairs(result, c)) {
      if (options.namespace !== undefined && !inNamespace(s) && !inNamespace(d)) continue;
      rules ??= reportRules(result, c.verdict);
      const src = result.peers[s]!.id;
      const dst = result.peers[d]!.id;
      used.add(s).add(d);
      edges.push({ src, dst, conns, ports, rules, line: `${src} => ${dst} : ${conns}` });
    }
  }
  edges.sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  const peers: ReportPeer[] = [];
  const listed = new Set<string>();
  result.peers.forEach((p, i) => {
    // A range may be both a source and a destination peer (cut alike by ingress and egress blocks): one peer in the report.
    if (listed.has(p.id)) return;
    if (p.type === 'workload') {
      if (options.namespace !== undefined && p.namespace !== options.namespace && !used.has(i)) return;
      const cls = result.classes[p.cls]!;
      listed.add(p.id);
      peers.push({ id: p.id, type: 'workload', namespace: p.namespace, name: p.name, kind: p.kind, ingressIsolated: cls.ingressIsolated, egressIsolated: cls.egressIsolated, location: p.location });
    } else if (used.has(i)) {
      listed.add(p.id);
      peers.push({ id: p.id, type: 'external', range: p.text, family: p.range.family });
    }
  });
  return { peers, edges: edges.map(({ line: _line, ...e }) => e) };
}

export function peersById(report: Report): Map<string, ReportPeer> {
  return new Map(report.peers.map((p) => [p.id, p]));
}

/** An edge as netpol-analyzer's `list` prints it. */
export function edgeLine(e: ReportEdge): string {
  return `${e.src} => ${e.dst} : ${e.conns}`;
}

/** A one-line reason for an edge: which rules allow it at each end, or that an end is not isolated. */
export function edgeWhy(peers: ReadonlyMap<string, ReportPeer>, e: ReportEdge): string {
  const peer = (id: string): ReportPeer | undefined => peers.get(id);
  const side = (direction: 'egress' | 'ingress', id: string): string | undefined => {
    const p = peer(id);
    if (!p || p.type === 'external') return undefined;
    const rules = e.rules.filter((r) => r.direction === direction);
    if (rules.length === 0) return `${direction}: ${p.id} not isolated`;
    return `${direction}: ${rules.map((r) => `${r.policy} rule ${r.index + 1} (${r.conns})`).join(', ')}`;
  };
  return [side('egress', e.src), side('ingress', e.dst)].filter((x) => x !== undefined).join('; ');
}
