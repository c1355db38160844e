// The connectivity engine: a pure function of the workspace facts that says, for every ordered pair of peers (workloads, and
// external address ranges), which connections Kubernetes allows and why. Pods are grouped into equivalence classes
// (namespace, labels, named container ports), so the work grows with the classes and the policies' rules, not with the pairs
// of workloads; the renderers expand classes to workloads.
//
// Semantics (k8s.io/api networking/v1, "NetworkPolicy" in the Kubernetes docs): a pod is isolated for ingress (egress) when
// some policy selecting it has that policy type; an isolated pod receives (sends) the union of what the rules of those
// policies allow; a connection needs egress allowed at the source and ingress allowed at the destination. Named ports
// resolve on the destination pod's containers. ipBlocks are treated as external addresses, as netpol-analyzer does (whether
// an ipBlock also matches pod addresses depends on the CNI; `ipBlockNotes` says which blocks may).
import type { Family } from '../net/ip';
import { selectorMatches, type Labels } from '../model/selector';
import { runSteps } from '../steps';
import type { FileFacts, IpBlockFact, Location, PeerFact, PolicyFact, PortFact, RuleFact, WorkloadFact } from '../workspace/facts';
import { blockContainsRange, disjointRanges, rangeText, type AddressRange } from './addresses';
import { ALL_CONNS, NO_CONNS, connsOf, intersect, isEmpty, union, type Conns } from './conns';

/** The label the API server sets on every Namespace. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ConnectivityOptions {
  /**
   * The address families external ranges are drawn from. `auto` (the default): IPv4, and IPv6 too when some ipBlock is IPv6
   * (a workspace that writes no IPv6 block says nothing about IPv6, and netpol-analyzer's output stays comparable).
   */
  readonly families?: 'auto' | readonly Family[];
  /** More ipBlocks to cut the ranges at (a diff cuts both sides at the blocks of both, so that their ranges line up). */
  readonly extraBlocks?: { readonly ingress: readonly IpBlockFact[]; readonly egress: readonly IpBlockFact[] };
}

export interface WorkloadPeer {
  readonly type: 'workload';
  /** `ns/name[Kind]`, netpol-analyzer's name; a Pod owned by a controller is named as its owner. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly cls: number;
  readonly location: Location;
}

export interface ExternalPeer {
  readonly type: 'external';
  /** `first-last[External]`. */
  readonly id: string;
  readonly range: AddressRange;
  /** The range as text, `first-last`. */
  readonly text: string;
}

export type Peer = WorkloadPeer | ExternalPeer;

/** A group of pods no policy can tell apart. */
export interface PodClass {
  readonly namespace: string;
  readonly labels: Labels;
  readonly workloads: readonly number[];
  /** Indexes into `policies` of the policies selecting these pods (in any direction). */
  readonly selectedBy: readonly number[];
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

export interface RuleRef {
  readonly policy: number;
  readonly direction: 'ingress' | 'egress';
  readonly rule: number;
}

/** Why one side of a connection allows what it allows. */
export interface SideVerdict {
  /** The policies that isolate that pod in this direction; empty when it is not isolated (everything is allowed). */
  readonly isolatedBy: readonly number[];
  /** The rules that let (part of) the connection through, with what each lets through; empty when not isolated. */
  readonly allowedBy: readonly { readonly ref: RuleRef; readonly conns: Conns }[];
  readonly conns: Conns;
}

export interface PairVerdict {
  readonly conns: Conns;
  /** Undefined when the source is an external range (nothing restricts what it sends). */
  readonly egress?: SideVerdict;
  /** Undefined when the destination is an external range. */
  readonly ingress?: SideVerdict;
}

/** Connections between two nodes (a pod class or an external range): `src` and `dst` index `nodes`. */
export interface NodeConnection {
  readonly src: number;
  readonly dst: number;
  readonly verdict: PairVerdict;
}

/** A node of the class graph: a pod class, or an external range. */
export type GraphNode = { readonly type: 'class'; readonly cls: number } | { readonly type: 'external'; readonly peer: number };

export interface Connectivity {
  readonly peers: readonly Peer[];
  readonly classes: readonly PodClass[];
  readonly policies: readonly PolicyFact[];
  readonly nodes: readonly GraphNode[];
  /** Every pair of nodes with some connection allowed (class-to-itself included: two workloads of one class). */
  readonly connections: readonly NodeConnection[];
  /** The node of each peer. */
  readonly nodeOfPeer: readonly number[];
  /** External ranges that are sources (cut by ingress ipBlocks) and destinations (cut by egress ipBlocks), as peer indexes. */
  readonly sourceRanges: readonly number[];
  readonly destinationRanges: readonly number[];
  /** The verdict for any ordered pair of nodes, allowed or not. */
  verdict(srcNode: number, dstNode: number): PairVerdict;
}

/** One side of the pairs of a class with one other node, while the rules are read; afterwards it is their `SideVerdict`. */
interface Side {
  conns: Conns;
  readonly allowedBy: { ref: RuleRef; conns: Conns }[];
  readonly isolatedBy: readonly number[];
}

/** The side of a pair whose class no policy isolates in that direction: everything allowed (shared, never changed). */
const NOT_ISOLATED: SideVerdict = Object.freeze({ isolatedBy: Object.freeze([]), allowedBy: Object.freeze([]), conns: ALL_CONNS });
const NONE_ALLOWED: SideVerdict['allowedBy'] = Object.freeze([]);

/** A pair no traffic can take (an external range to an external range, or a node of the wrong side). */
const NO_PAIR: PairVerdict = Object.freeze({ conns: NO_CONNS });

/**
 * An allowed pair is one object, its connection and its verdict at once (hundreds of thousands of them in a large
 * workspace): `verdict` is the object itself.
 */
class PairConnection implements NodeConnection, PairVerdict {
  constructor(
    readonly src: number,
    readonly dst: number,
    readonly conns: Conns,
    readonly egress: SideVerdict | undefined,
    readonly ingress: SideVerdict | undefined,
  ) {}

  get verdict(): PairVerdict {
    return this;
  }
}

/** Computes who may reach whom. Cost: classes × matched peers per rule, plus one verdict per allowed pair of nodes. */
export function computeConnectivity(files: readonly FileFacts[], options: ConnectivityOptions = {}): Connectivity {
  return runSteps(connectivityInSteps(files, options));
}

/**
 * `computeConnectivity` in steps: it yields after each file, each thousand workloads, each policy's rules and each class's
 * connections (a few thousand times in a large workspace), so that a caller can let other work run between slices of a
 * computation that takes seconds. The facts are read as given (the workspace index replaces a changed file's facts, it
 * never changes them in place), so the result is of the files as they were when it started.
 */
export function* connectivityInSteps(files: readonly FileFacts[], options: ConnectivityOptions = {}): Generator<void, Connectivity> {
  const policies: PolicyFact[] = [];
  const namespaceLabels = new Map<string, Labels>();
  const peers: Peer[] = [];
  const workloads: WorkloadFact[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    for (const n of f.namespaces) if (!namespaceLabels.has(n.name)) namespaceLabels.set(n.name, { ...n.labels, [NAMESPACE_NAME_LABEL]: n.name });
    policies.push(...f.policies);
  }
  for (const f of files) {
    yield;
    for (const w of f.workloads) {
      // A mirror pod's controller is its Node, which is no workload: such a pod is named as itself, as netpol-analyzer does.
      const owner = w.kind === 'Pod' && w.owner?.kind !== 'Node' ? w.owner : undefined;
      const name = owner ? owner.name : w.name;
      const kind = owner ? owner.kind : w.kind;
      const id = `${w.namespace}/${name}[${kind}]`;
      // Pods of one owner are one peer, as netpol-analyzer lists them.
      if (seen.has(id)) continue;
      seen.add(id);
      workloads.push(w);
      peers.push({ type: 'workload', id, namespace: w.namespace, name, kind, cls: -1, location: w.location });
      if (!namespaceLabels.has(w.namespace)) namespaceLabels.set(w.namespace, { [NAMESPACE_NAME_LABEL]: w.namespace });
    }
  }

  // Equivalence classes: what a policy can see of a pod is its namespace, its labels and its named ports.
  const classIndex = new Map<string, number>();
  const classWorkloads: number[][] = [];
  const classFacts: WorkloadFact[] = [];
  for (let i = 0; i < workloads.length; i++) {
    if ((i & 1023) === 1023) yield;
    const w = workloads[i]!;
    const labels = Object.keys(w.labels)
      .sort()
      .map((k) => `${k}=${w.labels[k]}`);
    const named = w.ports
      .filter((p) => p.name)
      .map((p) => `${p.name}/${p.protocol}/${p.port}`)
      .sort();
    const key = `${w.namespace}\0${labels.join('\0')}\0\0${named.join('\0')}`;
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classWorkloads.length;
      classIndex.set(key, c);
      classWorkloads.push([]);
      classFacts.push(w);
    }
    classWorkloads[c]!.push(i);
    (peers[i] as { cls: number }).cls = c;
  }

  const policiesByNamespace = new Map<string, number[]>();
  policies.forEach((p, i) => {
    const list = policiesByNamespace.get(p.namespace) ?? [];
    list.push(i);
    policiesByNamespace.set(p.namespace, list);
  });
  const classes: PodClass[] = [];
  for (let c = 0; c < classFacts.length; c++) {
    if ((c & 1023) === 1023) yield;
    const w = classFacts[c]!;
    const selectedBy = (policiesByNamespace.get(w.namespace) ?? []).filter((p) => selectorMatches(policies[p]!.podSelector, w.labels));
    classes.push({
      namespace: w.namespace,
      labels: w.labels,
      workloads: classWorkloads[c]!,
      selectedBy,
      ingressIsolated: selectedBy.some((p) => policies[p]!.ingressIsolating),
      egressIsolated: selectedBy.some((p) => policies[p]!.egressIsolating),
    });
  }

  // External ranges, cut per direction as netpol-analyzer does: sources by the ingress rules' ipBlocks, destinations by the
  // egress rules'.
  const { ingress: ingressBlocks, egress: egressBlocks } = referencedBlocks(files);
  ingressBlocks.push(...(options.extraBlocks?.ingress ?? []));
  egressBlocks.push(...(options.extraBlocks?.egress ?? []));
  const families: Family[] =
    options.families && options.families !== 'auto' ? [...options.families] : [...ingressBlocks, ...egressBlocks].some((b) => b.cidr.family === 6) ? [4, 6] : [4];
  const addRanges = (ranges: AddressRange[]): number[] =>
    ranges.map((range) => {
      const text = rangeText(range);
      peers.push({ type: 'external', id: `${text}[External]`, range, text });
      return peers.length - 1;
    });
  const sourceRanges = addRanges(disjointRanges(ingressBlocks, families));
  const destinationRanges = addRanges(disjointRanges(egressBlocks, families));

  // Nodes: classes first, then the source ranges, then the destination ranges.
  const nodes: GraphNode[] = classes.map((_, cls) => ({ type: 'class', cls }));
  const nodeOfPeer: number[] = peers.map((p) => (p.type === 'workload' ? p.cls : -1));
  for (const r of [...sourceRanges, ...destinationRanges]) {
    nodeOfPeer[r] = nodes.length;
    nodes.push({ type: 'external', peer: r });
  }
  const sourceNodes = sourceRanges.map((r) => nodeOfPeer[r]!);
  const destinationNodes = destinationRanges.map((r) => nodeOfPeer[r]!);

  // The classes of each namespace, and the classes each policy selects (in class order), so that no loop over the
  // policies or their rules runs over every class of the workspace when it need not.
  const classesByNamespace = new Map<string, number[]>();
  const selectedClasses: number[][] = policies.map(() => []);
  classes.forEach((cls, c) => {
    const list = classesByNamespace.get(cls.namespace) ?? [];
    list.push(c);
    classesByNamespace.set(cls.namespace, list);
    for (const p of cls.selectedBy) selectedClasses[p]!.push(c);
  });
  const peerMatchesClass = (policy: PolicyFact, peer: PeerFact, c: number): boolean => {
    if (peer.ipBlock) return false;
    const cls = classes[c]!;
    if (peer.namespaceSelector) {
      if (!selectorMatches(peer.namespaceSelector, namespaceLabels.get(cls.namespace) ?? {})) return false;
    } else if (cls.namespace !== policy.namespace) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, cls.labels) : true;
  };
  /** The nodes a rule's peers match, among the classes and the given range nodes. */
  const ruleNodes = (policy: PolicyFact, rule: RuleFact, rangeNodes: readonly number[]): number[] => {
    if (rule.peers === 'all') return [...classes.keys(), ...rangeNodes];
    const out = new Set<number>();
    for (const peer of rule.peers) {
      if (peer.ipBlock) {
        for (const n of rangeNodes) {
          const node = nodes[n]!;
          if (node.type === 'external' && blockContainsRange(peer.ipBlock, (peers[node.peer] as ExternalPeer).range)) out.add(n);
        }
      } else {
        // A peer without a namespaceSelector is in the policy's namespace: only that namespace's classes can match.
        const candidates = peer.namespaceSelector ? classes.keys() : (classesByNamespace.get(policy.namespace) ?? []);
        for (const c of candidates) if (peerMatchesClass(policy, peer, c)) out.add(c);
      }
    }
    return [...out];
  };
  /** What the rule's ports allow towards a destination node; named ports resolve on a class's containers. */
  const rulePorts = (rule: RuleFact, dstNode: number): Conns => {
    if (rule.ports === 'all') return ALL_CONNS;
    let out = NO_CONNS;
    for (const p of rule.ports) out = union(out, portConns(p, dstNode < classes.length ? classFacts[dstNode]! : undefined));
    return out;
  };

  // Per class and direction, computed once: a verdict is asked for every allowed pair (hundreds of thousands of them in a
  // large workspace), and the pairs of one class share these.
  const isolatingPolicies = (direction: 'ingress' | 'egress'): readonly (readonly number[])[] =>
    classes.map((cls) => cls.selectedBy.filter((p) => (direction === 'ingress' ? policies[p]!.ingressIsolating : policies[p]!.egressIsolating)));
  const isolatedBy = { ingress: isolatingPolicies('ingress'), egress: isolatingPolicies('egress') };

  // What each isolated class lets in (by source node) and out (by destination node).
  const ingressOf: Map<number, Side>[] = classes.map(() => new Map());
  const egressOf: Map<number, Side>[] = classes.map(() => new Map());
  const add = (direction: 'ingress' | 'egress', c: number, node: number, ref: RuleRef, conns: Conns): void => {
    if (isEmpty(conns)) return;
    const map = (direction === 'ingress' ? ingressOf : egressOf)[c]!;
    const side = map.get(node);
    if (side) {
      side.conns = union(side.conns, conns);
      side.allowedBy.push({ ref, conns });
    } else map.set(node, { conns, allowedBy: [{ ref, conns }], isolatedBy: isolatedBy[direction][c]! });
  };
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p]!;
    const selected = selectedClasses[p]!;
    if (selected.length === 0) continue;
    if (policy.ingressIsolating) {
      policy.ingress.forEach((rule, r) => {
        const from = ruleNodes(policy, rule, sourceNodes);
        const ref: RuleRef = { policy: p, direction: 'ingress', rule: r };
        for (const d of selected) {
          const conns = rulePorts(rule, d);
          for (const s of from) add('ingress', d, s, ref, conns);
        }
      });
    }
    if (policy.egressIsolating) {
      policy.egress.forEach((rule, r) => {
        const to = ruleNodes(policy, rule, destinationNodes);
        const ref: RuleRef = { policy: p, direction: 'egress', rule: r };
        const byDst = to.map((d) => rulePorts(rule, d));
        for (const s of selected) to.forEach((d, i) => add('egress', s, d, ref, byDst[i]!));
      });
    }
    yield;
  }

  // The rules are read: each side in the maps is the verdict of its pairs (no object per pair); an isolated class's side
  // towards a node no rule names is its `denied` verdict, one per class and direction.
  const denied = { ingress: new Map<number, SideVerdict>(), egress: new Map<number, SideVerdict>() };
  const sideVerdict = (c: number, direction: 'ingress' | 'egress', other: number): SideVerdict => {
    const cls = classes[c]!;
    if (!(direction === 'ingress' ? cls.ingressIsolated : cls.egressIsolated)) return NOT_ISOLATED;
    const side = (direction === 'ingress' ? ingressOf : egressOf)[c]!.get(other);
    if (side) return side;
    let none = denied[direction].get(c);
    if (!none) denied[direction].set(c, (none = { isolatedBy: isolatedBy[direction][c]!, allowedBy: NONE_ALLOWED, conns: NO_CONNS }));
    return none;
  };
  const isClass = (n: number): boolean => n < classes.length;
  const isSourceRange = (n: number): boolean => n >= classes.length && n < classes.length + sourceNodes.length;
  const isDestinationRange = (n: number): boolean => n >= classes.length + sourceNodes.length;
  /** The pair's verdict, as the connection it is when it allows something; undefined for a pair no traffic can take. */
  const pair = (src: number, dst: number): PairConnection | undefined => {
    if (!(isClass(src) || isSourceRange(src)) || !(isClass(dst) || isDestinationRange(dst)) || (!isClass(src) && !isClass(dst))) return undefined;
    const egress = isClass(src) ? sideVerdict(src, 'egress', dst) : undefined;
    const ingress = isClass(dst) ? sideVerdict(dst, 'ingress', src) : undefined;
    return new PairConnection(src, dst, intersect(egress?.conns ?? ALL_CONNS, ingress?.conns ?? ALL_CONNS), egress, ingress);
  };
  const verdict = (src: number, dst: number): PairVerdict => pair(src, dst) ?? NO_PAIR;

  const connections: NodeConnection[] = [];
  const push = (src: number, dst: number): void => {
    const p = pair(src, dst);
    if (p && !isEmpty(p.conns)) connections.push(p);
  };
  const everyTarget = [...classes.keys(), ...destinationNodes];
  for (let s = 0; s < classes.length; s++) {
    // An egress-isolated class reaches only what its egress map names; a free one may reach every node.
    const targets = classes[s]!.egressIsolated ? [...egressOf[s]!.keys()].sort((a, b) => a - b) : everyTarget;
    for (const d of targets) push(s, d);
    yield;
  }
  for (const s of sourceNodes) {
    for (let d = 0; d < classes.length; d++) push(s, d);
    yield;
  }

  return { peers, classes, policies, nodes, connections, nodeOfPeer, sourceRanges, destinationRanges, verdict };
}

/** The ipBlocks of the policies' ingress and egress rules, which cut the address space into ranges. */
export function referencedBlocks(files: readonly FileFacts[]): { ingress: IpBlockFact[]; egress: IpBlockFact[] } {
  const out = { ingress: [] as IpBlockFact[], egress: [] as IpBlockFact[] };
  for (const f of files) {
    for (const p of f.policies) {
      for (const r of p.ingress) if (r.peers !== 'all') for (const peer of r.peers) if (peer.ipBlock) out.ingress.push(peer.ipBlock);
      for (const r of p.egress) if (r.peers !== 'all') for (const peer of r.peers) if (peer.ipBlock) out.egress.push(peer.ipBlock);
    }
  }
  return out;
}

/** What one port entry allows towards a destination pod (named ports resolve on its containers; nothing for an address). */
function portConns(p: PortFact, dst: WorkloadFact | undefined): Conns {
  if (p.port === undefined) return connsOf(p.protocol);
  if (typeof p.port === 'number') return connsOf(p.protocol, p.port, p.endPort !== undefined && p.endPort >= p.port ? p.endPort : p.port);
  let out = NO_CONNS;
  for (const c of dst?.ports ?? []) if (c.name === p.port && c.protocol === p.protocol) out = union(out, connsOf(c.protocol, c.port, c.port));
  return out;
}

/** The workload pairs of a node connection (no self pairs), as peer indexes. */
export function* workloadPairs(result: Connectivity, c: NodeConnection): Generator<[number, number]> {
  const peersOf = (n: number): readonly number[] => {
    const node = result.nodes[n]!;
    return node.type === 'class' ? result.classes[node.cls]!.workloads : [node.peer];
  };
  for (const s of peersOf(c.src)) for (const d of peersOf(c.dst)) if (s !== d) yield [s, d];
}
