// Extracts a file's workspace facts (Namespaces, workloads, Services, NetworkPolicies, a kustomization's namespace) from every
// YAML document of its text, as plain values: the parse trees are dropped when this returns. Never throws; what is not a
// Kubernetes manifest (Helm templates, other YAML, broken YAML) contributes nothing and says nothing.
import { findPolicies } from '../model/build';
import { effectivePolicyTypes, type NetworkPolicy, type PolicyRule } from '../model/policy';
import { labelsOf, toLabelSelector, type LabelSelector } from '../model/selector';
import { allowsAllPeers, allowsAllPorts, parseIpBlock, portProtocol, type Protocol } from '../model/traffic';
import { parseChunk, type ParsedChunk } from '../syntax/parse';
import type { Span } from '../syntax/span';
import { splitDocuments } from '../syntax/split';
import { get, type YMap, type YNode } from '../syntax/tree';
import type {
  ContainerPortFact,
  FileFacts,
  Location,
  NamespaceFact,
  PeerFact,
  PolicyFact,
  PortFact,
  RuleFact,
  ServiceFact,
  ServicePortFact,
  WorkloadFact,
  WorkloadKind,
} from './facts';

/** The namespace of a manifest that names none and has no kustomization beside it, as kubectl applies it. */
export const DEFAULT_NAMESPACE = 'default';

/** The label the API server sets on every Namespace (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

const WORKLOAD_KINDS: ReadonlySet<string> = new Set<WorkloadKind>(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

export interface ExtractOptions {
  /** The namespace of manifests without `metadata.namespace` (a kustomization's, when the caller knows it); `default` when left out. */
  readonly defaultNamespace?: string;
  /**
   * For one document of an open file, parsed at offset 0: every location is anchored to where the document starts, so
   * that when text before it is edited only the anchor's start changes and the facts stay the same objects.
   */
  readonly anchor?: Anchor;
  /** The document's NetworkPolicies as `model/build.ts`'s `findPolicies` builds them from this tree, when the caller has them. */
  readonly policies?: readonly NetworkPolicy[];
}

/** Makes the location of a span: plain, or anchored to its document. */
type Place = (span: Span) => Location;

/** True for the file names kustomize reads as a kustomization. */
export function isKustomization(uri: string): boolean {
  return /(^|[/\\])(kustomization\.ya?ml|Kustomization)$/.test(uri);
}

/** The facts of one file's text. Cost: one parse of each document that could be a manifest. */
export function extractFacts(uri: string, text: string, options: ExtractOptions = {}): FileFacts {
  const facts = emptyFacts(uri);
  const kustomization = isKustomization(uri);
  for (const chunk of splitDocuments(text)) {
    if (!mayHoldFacts(chunk.text, kustomization)) continue;
    const parsed = parseChunk(chunk.text, chunk.start);
    addDocumentFacts(facts, parsed, options);
  }
  return facts;
}

/** A file's facts under construction, or one document's (`addDocumentFacts` appends to it). */
export type FactsBuilder = Mutable;

export function emptyFacts(uri: string): FactsBuilder {
  return { uri, namespaces: [], workloads: [], services: [], policies: [] };
}

/** A cheap test on a document's text: false when it cannot contribute facts (no `kind:`, or a Go template). */
export function mayHoldFacts(text: string, kustomization: boolean): boolean {
  // A Go template is not YAML until rendered; what it renders to is unknown, so it contributes nothing.
  if (text.includes('{{')) return false;
  return kustomization || /\bkind\s*["']?\s*:/.test(text);
}

/**
 * A cheap test on a document's text: false when it cannot hold a workload (its kinds are none of the workload kinds and
 * no list). Only an upper bound: true says nothing.
 */
export function mayHoldWorkloads(text: string): boolean {
  return /\bkind\s*["']?\s*:\s*["']?(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob|[A-Za-z]*List)\b/.test(text);
}

/**
 * Appends the facts of one parsed document (its spans are the facts' spans: absolute when parsed at the chunk's offset).
 * The language service calls it with the trees it already has for open files; `extractFacts` with fresh ones.
 */
export function addDocumentFacts(facts: FactsBuilder, parsed: ParsedChunk, options: ExtractOptions = {}): void {
  // A broken document's partial tree could say anything (and an alias bomb costs too much to read): it contributes nothing
  // until it parses, and its own file's lint reports why.
  if (parsed.syntaxErrors.length > 0 || parsed.aliasExpansionTooLarge || !parsed.root || parsed.root.kind !== 'map') return;
  const root = parsed.root;
  const uri = facts.uri;
  if (isKustomization(uri)) {
    const ns = get(root, 'namespace');
    if (ns?.kind === 'scalar' && typeof ns.value === 'string' && ns.value !== '') facts.kustomizeNamespace = ns.value;
    return;
  }
  const defaultNamespace = options.defaultNamespace ?? DEFAULT_NAMESPACE;
  const anchor = options.anchor;
  const place: Place = anchor ? (span) => new AnchoredLocation(uri, span, anchor) : (span) => ({ uri, span });
  for (const policy of options.policies ?? findPolicies(root)) facts.policies.push(policyFact(place, policy, defaultNamespace));
  visitObject(root, place, defaultNamespace, facts);
}

interface Mutable {
  uri: string;
  namespaces: NamespaceFact[];
  workloads: WorkloadFact[];
  services: ServiceFact[];
  policies: PolicyFact[];
  kustomizeNamespace?: string;
}

/** A document root or an item of a `List` (`kubectl get -o yaml|json` dumps are Lists; `*List` kinds too). */
function visitObject(node: YMap, place: Place, defaultNamespace: string, facts: Mutable): void {
  const kind = str(get(node, 'kind'));
  if (kind === undefined) return;
  if (kind === 'List' || kind.endsWith('List')) {
    const items = get(node, 'items');
    if (items?.kind !== 'seq') return;
    // Items of a typed list (`DeploymentList`) may leave out their kind.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (const item of items.items) {
      if (item.kind !== 'map') continue;
      if (itemKind !== undefined && get(item, 'kind') === undefined) visitKind(item, itemKind, place, defaultNamespace, facts);
      else visitObject(item, place, defaultNamespace, facts);
    }
    return;
  }
  visitKind(node, kind, place, defaultNamespace, facts);
}

function visitKind(node: YMap, kind: string, place: Place, defaultNamespace: string, facts: Mutable): void {
  const apiVersion = str(get(node, 'apiVersion'));
  const metadata = get(node, 'metadata');
  const nameNode = get(metadata, 'name');
  const name = str(nameNode) ?? '';
  const location = place((nameNode ?? node).span);
  const written = str(get(metadata, 'namespace'));
  const namespace = written ?? defaultNamespace;
  if (kind === 'Namespace' && (apiVersion === undefined || apiVersion === 'v1')) {
    if (name === '') return;
    facts.namespaces.push({ name, labels: { ...labelsOf(get(metadata, 'labels')), [NAMESPACE_NAME_LABEL]: name }, location });
    return;
  }
  if (kind === 'Service' && (apiVersion === undefined || apiVersion === 'v1')) {
    facts.services.push(serviceFact(place, node, name, namespace, written !== undefined, location));
    return;
  }
  if (WORKLOAD_KINDS.has(kind)) {
    const workload = workloadFact(node, kind as WorkloadKind, name, namespace, written !== undefined, location);
    if (workload) facts.workloads.push(workload);
  }
}

function workloadFact(node: YMap, kind: WorkloadKind, name: string, namespace: string, namespaceWritten: boolean, location: Location): WorkloadFact | undefined {
  const spec = get(node, 'spec');
  let template: YNode | undefined;
  if (kind === 'Pod') template = node;
  else if (kind === 'CronJob') template = get(get(get(spec, 'jobTemplate'), 'spec'), 'template');
  else template = get(spec, 'template');
  if (template?.kind !== 'map') return undefined;
  const podSpec = get(template, 'spec');
  const replicasNode = get(spec, 'replicas');
  const replicas =
    kind === 'DaemonSet' ? 0 : kind === 'Pod' || kind === 'Job' || kind === 'CronJob' ? 1 : replicasNode?.kind === 'scalar' && typeof replicasNode.value === 'number' ? replicasNode.value : 1;
  const owner = kind === 'Pod' ? controllerOf(get(node, 'metadata')) : undefined;
  return {
    kind,
    name,
    namespace,
    namespaceWritten,
    labels: labelsOf(get(get(template, 'metadata'), 'labels')),
    replicas,
    ports: containerPorts(podSpec),
    ...(owner ? { owner } : {}),
    location,
  };
}

/** Ports of the containers and of native sidecars (init containers that keep running: `restartPolicy: Always`). */
function containerPorts(podSpec: YNode | undefined): ContainerPortFact[] {
  const out: ContainerPortFact[] = [];
  const add = (containers: YNode | undefined, sidecarsOnly: boolean): void => {
    if (containers?.kind !== 'seq') return;
    for (const c of containers.items) {
      if (sidecarsOnly && str(get(c, 'restartPolicy')) !== 'Always') continue;
      const ports = get(c, 'ports');
      if (ports?.kind !== 'seq') continue;
      for (const p of ports.items) {
        const number = get(p, 'containerPort');
        if (number?.kind !== 'scalar' || typeof number.value !== 'number') continue;
        const protocol = protocolOf(get(p, 'protocol'));
        if (!protocol) continue;
        const portName = str(get(p, 'name'));
        out.push({ ...(portName ? { name: portName } : {}), port: number.value, protocol });
      }
    }
  };
  add(get(podSpec, 'containers'), false);
  add(get(podSpec, 'initContainers'), true);
  return out;
}

function controllerOf(metadata: YNode | undefined): { kind: string; name: string } | undefined {
  const refs = get(metadata, 'ownerReferences');
  if (refs?.kind !== 'seq') return undefined;
  for (const r of refs.items) {
    const controller = get(r, 'controller');
    if (controller?.kind !== 'scalar' || controller.value !== true) continue;
    const kind = str(get(r, 'kind'));
    const name = str(get(r, 'name'));
    if (kind && name) return { kind, name };
  }
  return undefined;
}

function serviceFact(place: Place, node: YMap, name: string, namespace: string, namespaceWritten: boolean, location: Location): ServiceFact {
  const spec = get(node, 'spec');
  const selectorNode = get(spec, 'selector');
  const ports: ServicePortFact[] = [];
  const portsNode = get(spec, 'ports');
  if (portsNode?.kind === 'seq') {
    for (const p of portsNode.items) {
      const number = get(p, 'port');
      if (number?.kind !== 'scalar' || typeof number.value !== 'number') continue;
      const protocol = protocolOf(get(p, 'protocol'));
      if (!protocol) continue;
      const target = get(p, 'targetPort');
      const targetPort = target?.kind === 'scalar' && (typeof target.value === 'number' || (typeof target.value === 'string' && target.value !== '')) ? target.value : number.value;
      const portName = str(get(p, 'name'));
      ports.push({ ...(portName ? { name: portName } : {}), port: number.value, protocol, targetPort, location: place(contentSpan(p)) });
    }
  }
  // A Service without a selector (or with an empty one) gets no endpoints from pods: they are managed elsewhere.
  const selector = selectorNode?.kind === 'map' && selectorNode.entries.length > 0 ? labelsOf(selectorNode) : undefined;
  return { name, namespace, ...(selector ? { selector } : {}), ports, namespaceWritten, location };
}

function policyFact(place: Place, p: NetworkPolicy, defaultNamespace: string): PolicyFact {
  const types = effectivePolicyTypes(p);
  const written = p.namespace?.value.kind === 'scalar' && typeof p.namespace.value.value === 'string' ? p.namespace.value.value : undefined;
  const name = p.name?.value.kind === 'scalar' && p.name.value.value !== null ? String(p.name.value.value) : '';
  const podSelectorNode = p.podSelector?.entry.value;
  const loc = place;
  return {
    name,
    namespace: written ?? defaultNamespace,
    namespaceWritten: written !== undefined,
    podSelector: toLabelSelector(p.podSelector) ?? EVERYTHING,
    ingressIsolating: types.ingress,
    egressIsolating: types.egress,
    ingress: (p.ingress?.rules ?? []).map((r) => ruleFact(place, r)),
    egress: (p.egress?.rules ?? []).map((r) => ruleFact(place, r)),
    location: loc((p.name?.value ?? p.node).span),
    objectLocation: loc(p.node.span),
    podSelectorLocation: loc(podSelectorNode && podSelectorNode.span.end > podSelectorNode.span.start ? contentSpan(podSelectorNode) : (p.podSelector?.entry ?? p.node).span),
  };
}

const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

function ruleFact(place: Place, r: PolicyRule): RuleFact {
  const peers: PeerFact[] | 'all' = allowsAllPeers(r)
    ? 'all'
    : (r.peers ?? []).flatMap((peer): PeerFact[] => {
        const podSelector = toLabelSelector(peer.podSelector);
        const namespaceSelector = toLabelSelector(peer.namespaceSelector);
        const block = parseIpBlock(peer.ipBlock);
        if (!podSelector && !namespaceSelector && !block) return [];
        return [
          {
            ...(podSelector ? { podSelector } : {}),
            ...(namespaceSelector ? { namespaceSelector } : {}),
            ...(block ? { ipBlock: { cidr: block.cidr, except: block.except.map((e) => e.cidr) } } : {}),
            location: place(contentSpan(peer.node)),
          },
        ];
      });
  const ports: PortFact[] | 'all' = allowsAllPorts(r)
    ? 'all'
    : (r.ports ?? []).flatMap((p): PortFact[] => {
        const protocol = portProtocol(p);
        if (!protocol) return [];
        const location = place(contentSpan(p.node));
        const v = p.port?.value;
        if (!v || (v.kind === 'scalar' && v.value === null)) return [{ protocol, location }];
        if (v.kind !== 'scalar') return [];
        if (typeof v.value === 'string' && v.value !== '') return [{ protocol, port: v.value, location }];
        if (typeof v.value !== 'number' || !Number.isInteger(v.value)) return [];
        const end = p.endPort?.value;
        const endPort = end?.kind === 'scalar' && typeof end.value === 'number' && Number.isInteger(end.value) ? end.value : undefined;
        return [{ protocol, port: v.value, ...(endPort !== undefined ? { endPort } : {}), location }];
      });
  return { peers, ports, location: place(contentSpan(r.node)) };
}

/** A node's span without the line breaks and comments a block collection's span runs on into. */
function contentSpan(node: YNode): Span {
  let end = node;
  while ((end.kind === 'map' || end.kind === 'seq') && !end.flow) {
    const last: YNode | undefined = end.kind === 'map' ? end.entries[end.entries.length - 1]?.value : end.items[end.items.length - 1];
    if (!last) break;
    end = last;
  }
  return { start: node.span.start, end: end === node ? node.span.end : end.span.end };
}

function protocolOf(n: YNode | undefined): Protocol | undefined {
  if (!n || (n.kind === 'scalar' && n.value === null)) return 'TCP';
  return n.kind === 'scalar' && (n.value === 'TCP' || n.value === 'UDP' || n.value === 'SCTP') ? n.value : undefined;
}

function str(n: YNode | undefined): string | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** Where a document of an open file starts, as its owner keeps it while the document moves; read by the locations anchored to it. */
export interface Anchor {
  readonly start: number;
}

/** A location in a document that moves with it: its span is the span in the document plus the document's start. */
class AnchoredLocation implements Location {
  private at = Number.NaN;
  private placed: Span;
  constructor(
    readonly uri: string,
    private readonly relative: Span,
    private readonly anchor: Anchor,
  ) {
    this.placed = relative;
  }

  get span(): Span {
    const start = this.anchor.start;
    if (start !== this.at) {
      this.at = start;
      this.placed = start === 0 ? this.relative : { start: this.relative.start + start, end: this.relative.end + start };
    }
    return this.placed;
  }

  /** As a plain location, for whoever serialises facts (the connectivity view, tests). */
  toJSON(): Location {
    return { uri: this.uri, span: this.span };
  }
}

