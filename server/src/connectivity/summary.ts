// The connectivity of a workspace too large to draw pair by pair, summarised for the view: per namespace (each namespace
// one node, the connections between two namespaces one edge counting the workload pairs it stands for, with the union of
// their ports and the rules behind them), or around one namespace (its workloads and the peers they talk to, grouped into
// workloads that connect alike). Both are computed from the engine's class graph, never from the pairs of workloads.
import { connsText, intersect, isEmpty, sameConns, union, type Conns } from './conns';
import { runSteps } from '../steps';
import type { Connectivity, NodeConnection, RuleRef } from './engine';
import { reportRule, type ReportRule } from './report';

export interface SummaryNode {
  readonly id: string;
  readonly type: 'namespace' | 'group' | 'external';
  readonly label: string;
  /** The namespace of a namespace node or of a group of workloads. */
  readonly namespace?: string;
  /** The peers it stands for, by id: workloads, or address ranges (`A-B[External]`). */
  readonly members: readonly string[];
  /** How many of its workloads some policy isolates, per direction. */
  readonly ingressIsolated: number;
  readonly egressIsolated: number;
  /** The pod labels every member carries (`k=v`), for a group of workloads. */
  readonly labels?: readonly string[];
}

export interface SummaryEdge {
  readonly src: string;
  readonly dst: string;
  /** The union of the connections of the pairs it stands for, in the text form. */
  readonly conns: string;
  /** How many ordered pairs of peers it stands for (pairs of a workload with itself not counted). */
  readonly pairs: number;
  /** Whether every pair of the two ends' members (no self pairs) has exactly `conns`. */
  readonly uniform: boolean;
  /** The rules that allow some of it, each with what it allows there (at most `MAX_RULES`, the first in policy order). */
  readonly rules: readonly ReportRule[];
  /** How many more rules allow some of it. */
  readonly moreRules: number;
}

export interface Summary {
  readonly nodes: readonly SummaryNode[];
  readonly edges: readonly SummaryEdge[];
}

/** An edge's rule list stays readable and the payload small; the count of the others is kept. */
const MAX_RULES = 50;

const namespaceNodeId = (ns: string): string => `ns:${ns}`;

/** The peers (indexes into `result.peers`) a node of the class graph stands for. */
function nodePeers(result: Connectivity, n: number): readonly number[] {
  const node = result.nodes[n]!;
  return node.type === 'class' ? result.classes[node.cls]!.workloads : [node.peer];
}

/** Ordered pairs of distinct peers between two nodes of the class graph. */
export function nodePairs(result: Connectivity, c: NodeConnection): number {
  const s = nodePeers(result, c.src).length;
  return c.src === c.dst ? s * (s - 1) : s * nodePeers(result, c.dst).length;
}

interface Aggregate {
  readonly src: string;
  readonly dst: string;
  conns: Conns;
  same: boolean;
  pairs: number;
  /** By the engine's rule reference, which is one object per rule. */
  readonly rules: Map<RuleRef, Conns>;
}

/**
 * Folds the connections onto the groups `groupOf` puts the class graph's nodes in (undefined: leave the connection out);
 * `size` is a group's number of members, to tell whether an edge covers every pair of its ends.
 */
function* aggregate(
  result: Connectivity,
  connections: readonly NodeConnection[],
  groupOf: (n: number) => string | undefined,
  size: (group: string) => number,
): Generator<void, SummaryEdge[]> {
  // Groups by number, so that the loop over (possibly hundreds of thousands of) connections builds no strings.
  const groupIds = new Map<string, number>();
  const groupNames: string[] = [];
  const nodeGroup = new Int32Array(result.nodes.length).fill(-2);
  const groupOfNode = (n: number): number => {
    let g = nodeGroup[n]!;
    if (g !== -2) return g;
    const name = groupOf(n);
    if (name === undefined) g = -1;
    else {
      g = groupIds.get(name) ?? -1;
      if (g === -1) {
        g = groupNames.length;
        groupIds.set(name, g);
        groupNames.push(name);
      }
    }
    nodeGroup[n] = g;
    return g;
  };
  const edges = new Map<number, Aggregate>();
  // Most connections repeat what an edge already has: compare before building anything (the loop would spend its time
  // collecting garbage otherwise).
  const addRule = (e: Aggregate, ref: RuleRef, ruleConns: Conns, conns: Conns): void => {
    const known = e.rules.get(ref);
    const allowed = sameConns(ruleConns, conns) ? conns : intersect(ruleConns, conns);
    if (known !== undefined && sameConns(known, allowed)) return;
    if (isEmpty(allowed)) return;
    e.rules.set(ref, known === undefined ? allowed : union(known, allowed));
  };
  let done = 0;
  for (const c of connections) {
    // A step every thousand connections (a large workspace has hundreds of thousands).
    if ((++done & 1023) === 0) yield;
    const src = groupOfNode(c.src);
    const dst = groupOfNode(c.dst);
    if (src < 0 || dst < 0) continue;
    const pairs = nodePairs(result, c);
    if (pairs === 0) continue;
    const key = src * result.nodes.length + dst;
    const v = c.verdict;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { src: groupNames[src]!, dst: groupNames[dst]!, conns: v.conns, same: true, pairs: 0, rules: new Map() }));
    else if (!sameConns(v.conns, e.conns)) {
      e.same = false;
      e.conns = union(e.conns, v.conns);
    }
    e.pairs += pairs;
    for (const r of v.egress?.allowedBy ?? []) addRule(e, r.ref, r.conns, v.conns);
    for (const r of v.ingress?.allowedBy ?? []) addRule(e, r.ref, r.conns, v.conns);
  }
  return [...edges.values()]
    .map((e): SummaryEdge => {
      const full = e.src === e.dst ? size(e.src) * (size(e.src) - 1) : size(e.src) * size(e.dst);
      const rules = [...e.rules].sort(([a], [b]) => a.policy - b.policy || (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0) || a.rule - b.rule);
      return {
        src: e.src,
        dst: e.dst,
        conns: connsText(e.conns),
        pairs: e.pairs,
        uniform: e.same && e.pairs === full,
        rules: rules.slice(0, MAX_RULES).map(([ref, conns]) => reportRule(result, ref, conns)),
        moreRules: Math.max(0, rules.length - MAX_RULES),
      };
    })
    .sort((a, b) => (a.src < b.src ? -1 : a.src > b.src ? 1 : a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0));
}

/** Isolation counts over a set of peers. */
function isolation(result: Connectivity, peers: readonly number[]): { ingressIsolated: number; egressIsolated: number } {
  let ingressIsolated = 0;
  let egressIsolated = 0;
  for (const i of peers) {
    const p = result.peers[i]!;
    if (p.type !== 'workload') continue;
    const cls = result.classes[p.cls]!;
    if (cls.ingressIsolated) ingressIsolated++;
    if (cls.egressIsolated) egressIsolated++;
  }
  return { ingressIsolated, egressIsolated };
}

/** The external ranges some connection names, as peer indexes, each once (a range may be a source and a destination peer). */
function usedRanges(result: Connectivity, connections: readonly NodeConnection[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of connections) {
    for (const n of [c.src, c.dst]) {
      const node = result.nodes[n]!;
      if (node.type === 'external' && !out.has(result.peers[node.peer]!.id)) out.set(result.peers[node.peer]!.id, node.peer);
    }
  }
  return out;
}

/** Every namespace one node (all of its workloads), every external range one node; edges between them. */
export function namespaceSummary(result: Connectivity): Summary {
  return runSteps(namespaceSummaryInSteps(result));
}

/** `namespaceSummary` in steps (see `connectivityInSteps`). */
export function* namespaceSummaryInSteps(result: Connectivity): Generator<void, Summary> {
  const byNamespace = new Map<string, number[]>();
  result.peers.forEach((p, i) => {
    if (p.type !== 'workload') return;
    const list = byNamespace.get(p.namespace) ?? [];
    list.push(i);
    byNamespace.set(p.namespace, list);
  });
  const nodes: SummaryNode[] = [...byNamespace.keys()].sort().map((ns) => {
    const peers = byNamespace.get(ns)!;
    return { id: namespaceNodeId(ns), type: 'namespace', label: ns, namespace: ns, members: peers.map((i) => result.peers[i]!.id).sort(), ...isolation(result, peers) };
  });
  const ranges = usedRanges(result, result.connections);
  for (const [id, i] of ranges) nodes.push(externalNode(result, id, [i]));
  const groupOf = (n: number): string => {
    const node = result.nodes[n]!;
    return node.type === 'class' ? namespaceNodeId(result.classes[node.cls]!.namespace) : result.peers[node.peer]!.id;
  };
  const size = (g: string): number => (g.startsWith('ns:') ? byNamespace.get(g.slice(3))!.length : 1);
  return { nodes, edges: yield* aggregate(result, result.connections, groupOf, size) };
}

function externalNode(result: Connectivity, id: string, peers: readonly number[]): SummaryNode {
  const texts = peers.map((i) => result.peers[i]!);
  const label = texts.length === 1 ? (texts[0]!.type === 'external' ? texts[0]!.text : texts[0]!.id) : `${texts.length} address ranges`;
  return { id, type: 'external', label, members: texts.map((p) => p.id).sort(), ingressIsolated: 0, egressIsolated: 0 };
}

/**
 * The namespace `ns` and the peers it talks to. Its workloads, and the peers connected to them, are grouped so that the
 * members of a group connect alike: the coarsest partition, refined from namespace and isolation, in which members have
 * the same number of connections with the same ports to each other group (each external range's group is only ranges).
 * Connections between two peers outside `ns` are left out. Undefined when no workload is in `ns`.
 */
export function namespaceFocus(result: Connectivity, ns: string): Summary | undefined {
  const inFocus = (n: number): boolean => {
    const node = result.nodes[n]!;
    return node.type === 'class' && result.classes[node.cls]!.namespace === ns;
  };
  const members = new Set<number>();
  result.classes.forEach((c, i) => {
    if (c.namespace === ns) members.add(i);
  });
  if (members.size === 0) return undefined;
  const incident = result.connections.filter((c) => inFocus(c.src) || inFocus(c.dst));
  for (const c of incident) members.add(c.src).add(c.dst);
  const nodes = [...members].sort((a, b) => a - b);

  // Each node's connections within the focus, by the node at the other end, with their ports as text.
  const texts = new Map<Conns, string>();
  const text = (c: Conns): string => {
    let t = texts.get(c);
    if (t === undefined) texts.set(c, (t = connsText(c)));
    return t;
  };
  const adjacent = new Map<number, { dir: 'in' | 'out'; other: number; conns: string }[]>();
  for (const n of nodes) adjacent.set(n, []);
  for (const c of incident) {
    if (nodePairs(result, c) === 0) continue;
    adjacent.get(c.src)!.push({ dir: 'out', other: c.dst, conns: text(c.verdict.conns) });
    if (c.src !== c.dst) adjacent.get(c.dst)!.push({ dir: 'in', other: c.src, conns: text(c.verdict.conns) });
  }
  const initial = (n: number): string => {
    const node = result.nodes[n]!;
    if (node.type === 'external') return 'external';
    const cls = result.classes[node.cls]!;
    return `${cls.namespace === ns ? 'in' : 'out'}\0${cls.namespace}\0${cls.ingressIsolated}\0${cls.egressIsolated}`;
  };
  let block = new Map<number, number>();
  const renumber = (keys: Map<number, string>): Map<number, number> => {
    const ids = new Map<string, number>();
    const out = new Map<number, number>();
    for (const n of nodes) {
      const k = keys.get(n)!;
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      out.set(n, id);
    }
    return out;
  };
  block = renumber(new Map(nodes.map((n) => [n, initial(n)])));
  let count = new Set(block.values()).size;
  // Each round splits some block or ends; at most one round per node.
  for (let round = 0; round < nodes.length; round++) {
    const keys = new Map<number, string>();
    for (const n of nodes) {
      const tally = new Map<string, number>();
      for (const a of adjacent.get(n)!) {
        // A class's connection with itself is one of its members with the others: the same for every member.
        const k = `${a.dir}\0${a.other === n ? 'self' : block.get(a.other)}\0${a.conns}`;
        tally.set(k, (tally.get(k) ?? 0) + nodePeers(result, a.other).length);
      }
      keys.set(n, `${block.get(n)}\0${[...tally].map(([k, v]) => `${k}\0${v}`).sort().join('\0')}`);
    }
    const next = renumber(keys);
    const nextCount = new Set(next.values()).size;
    block = next;
    if (nextCount === count) break;
    count = nextCount;
  }

  const groups = new Map<number, number[]>();
  for (const n of nodes) {
    const b = block.get(n)!;
    const list = groups.get(b) ?? [];
    list.push(n);
    groups.set(b, list);
  }
  const groupId = new Map<number, string>();
  const sizes = new Map<string, number>();
  const out: SummaryNode[] = [];
  for (const list of groups.values()) {
    const peers = list.flatMap((n) => nodePeers(result, n)).sort((a, b) => (result.peers[a]!.id < result.peers[b]!.id ? -1 : 1));
    const first = result.peers[peers[0]!]!;
    const id = `group:${first.id}`;
    for (const n of list) groupId.set(n, id);
    sizes.set(id, peers.length);
    if (first.type === 'external') {
      out.push({ ...externalNode(result, id, peers), id });
      continue;
    }
    const labels = commonLabels(list.map((n) => result.classes[(result.nodes[n] as { cls: number }).cls]!.labels));
    const label = peers.length === 1 ? `${first.name}[${first.kind}]` : `${labels.length > 0 ? labels.join(', ') : 'workloads'} ×${peers.length}`;
    out.push({ id, type: 'group', label, namespace: first.namespace, members: peers.map((i) => result.peers[i]!.id), labels, ...isolation(result, peers) });
  }
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edges = runSteps(
    aggregate(
      result,
      incident,
      (n) => groupId.get(n),
      (g) => sizes.get(g)!,
    ),
  );
  return { nodes: out, edges };
}

/** The `k=v` labels every one of the label sets has. */
function commonLabels(sets: readonly Readonly<Record<string, string>>[]): string[] {
  const [first, ...rest] = sets;
  if (!first) return [];
  return Object.keys(first)
    .filter((k) => rest.every((s) => s[k] === first[k]))
    .sort()
    .map((k) => `${k}=${first[k]}`);
}
