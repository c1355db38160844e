// The workspace index: the facts of every file of the workspace (open or not), by namespace, with the pods grouped into
// equivalence classes (same namespace, same labels). A file's change replaces only that file's contributions, and only the
// namespaces it touches are recomputed, lazily, when next read; no parse tree is kept. The workspace rules, hovers, lenses
// and the connectivity engine read it through the methods below, which return plain values (never to be mutated).
import { selectorMatches, type LabelSelector, type Labels } from '../model/selector';
import type { ContainerPortFact, FileFacts, NamespaceFact, PeerFact, PolicyFact, ServiceFact, WorkloadFact } from './facts';
import { DEFAULT_NAMESPACE, extractFacts, isKustomization, NAMESPACE_NAME_LABEL } from './extract';

/** Pods that no policy can tell apart: one namespace, one label set. Connectivity scales with these, not with replicas or files. */
export interface PodClass {
  /** `namespace` + the sorted labels; equal for equal classes, stable across edits. */
  readonly key: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** The workloads whose pods carry exactly these labels, in file order. */
  readonly workloads: readonly WorkloadFact[];
  /** Every container port the class's workloads declare (distinct by name, number and protocol). */
  readonly ports: readonly ContainerPortFact[];
  /** Sum of the workloads' replicas (a DaemonSet counts 0: unknown). */
  readonly replicas: number;
}

export interface NamespaceInfo {
  readonly name: string;
  /** The labels of its Namespace object(s) (with the implied `kubernetes.io/metadata.name`), or only the implied label. */
  readonly labels: Labels;
  /** The Namespace objects that declare it; empty when it is only implied by the manifests in it. */
  readonly declarations: readonly NamespaceFact[];
}

/** What a change did: the namespaces whose content changed other than by position, and whether namespace labels changed. */
export interface IndexChange {
  readonly namespaces: ReadonlySet<string>;
  /** True when a namespace appeared, disappeared or changed labels: every namespaceSelector may now select differently. */
  readonly namespaceSet: boolean;
}

const NO_CHANGE: IndexChange = { namespaces: new Set(), namespaceSet: false };

interface FileEntry {
  /** As extracted, with `default` for manifests that name no namespace. */
  readonly raw: FileFacts;
  /** With the kustomization namespace of the file's folder applied; recomputed when that changes. */
  resolved: FileFacts;
  readonly folder: string;
  /** Position-free fingerprint of each namespace's share of `resolved`, to tell real changes from moved text. */
  signatures: Map<string, string> | undefined;
  /** The caller's fingerprints of `raw`, by namespace as written (`UNWRITTEN` for none). */
  given?: ReadonlyMap<string, string>;
}

/** The key of `shareSignatures` for manifests that name no namespace. */
const UNWRITTEN = '\u0000unwritten';

interface NamespaceState {
  /** Files with facts in this namespace, with those facts. */
  readonly contributions: Map<string, FileFacts>;
  /** Computed on first read after a change. */
  view?: NamespaceView;
  /** Bumped whenever the namespace's content changes other than by position. */
  version: number;
}

interface NamespaceView {
  readonly workloads: readonly WorkloadFact[];
  readonly services: readonly ServiceFact[];
  readonly policies: readonly PolicyFact[];
  readonly declarations: readonly NamespaceFact[];
  readonly classes: readonly PodClass[];
  readonly info: NamespaceInfo;
}

const EMPTY: FileFacts = { uri: '', namespaces: [], workloads: [], services: [], policies: [] };

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  /** The kustomization namespace of each folder (by the kustomization file's uri, as two files could claim one folder). */
  private readonly kustomizations = new Map<string, Map<string, string>>();
  private readonly byNamespace = new Map<string, NamespaceState>();
  private namespaceList?: readonly NamespaceInfo[];
  private labelsSignature = '';
  /** Set when a namespace appeared or disappeared since the last change report. */
  private namesChanged = false;
  /** Bumped on every change that is not only a move of text; lets callers cache what they derived from the whole index. */
  version = 0;

  /** Indexes a file's text (extracting its facts) in place of what the file contributed before. */
  setFile(uri: string, text: string): IndexChange {
    return this.setFacts(extractFacts(uri, text));
  }

  /**
   * Stores a file's facts (as `extractFacts` returns them, namespaces defaulted to `default`) in place of its previous ones.
   * `signatures` (by namespace as written, `UNWRITTEN` for manifests that name none) saves fingerprinting the facts again
   * when the caller has them per document already (`shareSignatures`).
   */
  setFacts(raw: FileFacts, signatures?: ReadonlyMap<string, string>): IndexChange {
    const uri = raw.uri;
    const folder = folderOf(uri);
    const old = this.files.get(uri);
    const touched = new Set<string>();
    let namespaceSet = false;
    if (isKustomization(uri) || old?.raw.kustomizeNamespace !== undefined) {
      const before = this.kustomizeNamespace(folder);
      let byFile = this.kustomizations.get(folder);
      if (raw.kustomizeNamespace !== undefined) {
        if (!byFile) this.kustomizations.set(folder, (byFile = new Map()));
        byFile.set(uri, raw.kustomizeNamespace);
      } else if (byFile) {
        byFile.delete(uri);
        if (byFile.size === 0) this.kustomizations.delete(folder);
      }
      if (this.kustomizeNamespace(folder) !== before) {
        // Every manifest of the folder that names no namespace moves to the new one.
        for (const entry of this.files.values()) if (entry.folder === folder && entry.raw !== old?.raw) this.resolve(entry, touched);
      }
    }
    const entry: FileEntry = old ?? { raw, resolved: EMPTY, folder, signatures: undefined };
    if (old) (entry as { raw: FileFacts }).raw = raw;
    else this.files.set(uri, entry);
    if (signatures) entry.given = signatures;
    else delete entry.given;
    this.resolve(entry, touched);
    if (touched.size > 0) {
      this.version++;
      // Namespace labels change only with Namespace objects or with the set of namespaces: only then are they compared
      // (comparing them on every change would cost a view of every namespace per file indexed).
      const declares = raw.namespaces.length > 0 || (old?.raw.namespaces.length ?? 0) > 0;
      if (declares || this.namesChanged) namespaceSet = this.refreshNamespaceList();
      else delete this.namespaceList;
      this.namesChanged = false;
    }
    return touched.size === 0 && !namespaceSet ? NO_CHANGE : { namespaces: touched, namespaceSet };
  }

  /** Forgets a file (deleted, excluded, or closed and gone from disk). */
  removeFile(uri: string): IndexChange {
    const old = this.files.get(uri);
    if (!old) return NO_CHANGE;
    const change = this.setFacts({ ...EMPTY, uri });
    this.files.delete(uri);
    return change;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The number of indexed files. */
  get size(): number {
    return this.files.size;
  }

  /** A file's facts with its namespaces resolved (kustomization, else `default`). */
  file(uri: string): FileFacts | undefined {
    return this.files.get(uri)?.resolved;
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Every namespace that is declared or holds a manifest, sorted by name. */
  namespaces(): readonly NamespaceInfo[] {
    if (!this.namespaceList) {
      const list: NamespaceInfo[] = [];
      for (const name of [...this.byNamespace.keys()].sort()) list.push(this.view(name)!.info);
      this.namespaceList = list;
    }
    return this.namespaceList;
  }

  namespace(name: string): NamespaceInfo | undefined {
    return this.view(name)?.info;
  }

  /** The version of a namespace's content: changes whenever its facts change other than by position. */
  namespaceVersion(name: string): number {
    return this.byNamespace.get(name)?.version ?? 0;
  }

  /** The pod equivalence classes of one namespace, or of every namespace. */
  podClasses(namespace?: string): readonly PodClass[] {
    if (namespace !== undefined) return this.view(namespace)?.classes ?? [];
    return this.namespaces().flatMap((n) => this.view(n.name)!.classes);
  }

  workloads(namespace?: string): readonly WorkloadFact[] {
    if (namespace !== undefined) return this.view(namespace)?.workloads ?? [];
    return this.namespaces().flatMap((n) => this.view(n.name)!.workloads);
  }

  services(namespace?: string): readonly ServiceFact[] {
    if (namespace !== undefined) return this.view(namespace)?.services ?? [];
    return this.namespaces().flatMap((n) => this.view(n.name)!.services);
  }

  policies(namespace?: string): readonly PolicyFact[] {
    if (namespace !== undefined) return this.view(namespace)?.policies ?? [];
    return this.namespaces().flatMap((n) => this.view(n.name)!.policies);
  }

  /** True when the workspace holds workloads of the namespace: only then do the workspace rules judge its policies. */
  hasWorkloads(namespace: string): boolean {
    return (this.view(namespace)?.workloads.length ?? 0) > 0;
  }

  /** The files with facts in a namespace. */
  filesOf(namespace: string): readonly string[] {
    return [...(this.byNamespace.get(namespace)?.contributions.keys() ?? [])].sort();
  }

  /** The pod classes of `namespace` that a label selector selects. */
  selectPods(namespace: string, selector: LabelSelector): PodClass[] {
    return this.podClasses(namespace).filter((c) => selectorMatches(selector, c.labels));
  }

  /** The namespaces whose labels a namespaceSelector matches. */
  selectNamespaces(selector: LabelSelector): NamespaceInfo[] {
    return this.namespaces().filter((n) => selectorMatches(selector, n.labels));
  }

  /**
   * The pod classes a `from`/`to` peer of a policy in `policyNamespace` selects (an ipBlock selects no pods). A peer without
   * namespaceSelector selects in the policy's namespace; with one, in every matching namespace.
   */
  selectPeer(policyNamespace: string, peer: PeerFact): PodClass[] {
    if (!peer.podSelector && !peer.namespaceSelector) return [];
    const podSelector = peer.podSelector ?? EVERYTHING;
    if (!peer.namespaceSelector) return this.selectPods(policyNamespace, podSelector);
    return this.selectNamespaces(peer.namespaceSelector).flatMap((n) => this.selectPods(n.name, podSelector));
  }

  /** The policies of the class's namespace whose podSelector selects it. */
  policiesSelecting(podClass: PodClass): PolicyFact[] {
    return this.policies(podClass.namespace).filter((p) => selectorMatches(p.podSelector, podClass.labels));
  }

  /** The pod class of a workload. */
  classOf(workload: WorkloadFact): PodClass | undefined {
    const key = classKey(workload.namespace, workload.labels);
    return this.podClasses(workload.namespace).find((c) => c.key === key);
  }

  private kustomizeNamespace(folder: string): string | undefined {
    const byFile = this.kustomizations.get(folder);
    if (!byFile) return undefined;
    // Two kustomizations in one folder is an error for kustomize; the first by name wins here, deterministically.
    return byFile.get([...byFile.keys()].sort()[0]!);
  }

  /** Recomputes a file's resolved facts and moves its contributions; records the namespaces that really changed. */
  private resolve(entry: FileEntry, touched: Set<string>): void {
    const ns = this.kustomizeNamespace(entry.folder);
    const resolved = ns === undefined || ns === DEFAULT_NAMESPACE ? entry.raw : withNamespace(entry.raw, ns);
    const byNamespace = splitByNamespace(resolved);
    // Fingerprints are made only to compare with a previous version of the file: a file indexed once (most of a
    // workspace) is never fingerprinted. Those of the caller (per document, for open files) are kept as they come.
    let signatures: Map<string, string> | undefined;
    if (entry.given) {
      signatures = new Map();
      const unwrittenIn = ns ?? DEFAULT_NAMESPACE;
      for (const name of byNamespace.keys()) signatures.set(name, `${entry.given.get(name) ?? ''}\u0000${name === unwrittenIn ? (entry.given.get(UNWRITTEN) ?? '') : ''}`);
    }
    const previous = entry.signatures;
    const before = entry.resolved === EMPTY ? undefined : splitByNamespace(entry.resolved);
    const oldSignature = (name: string): string | undefined => {
      if (previous) return previous.get(name);
      const share = before?.get(name);
      return share && signature(share);
    };
    const newSignature = (name: string): string => signatures?.get(name) ?? signature(byNamespace.get(name)!);
    const oldNames = previous ? [...previous.keys()] : [...(before?.keys() ?? [])];
    for (const name of oldNames) {
      if (byNamespace.has(name)) continue;
      const state = this.byNamespace.get(name);
      if (state) {
        state.contributions.delete(resolved.uri);
        this.changed(name, state, touched);
        if (state.contributions.size === 0) {
          this.byNamespace.delete(name);
          this.namesChanged = true;
        }
      }
    }
    for (const [name, share] of byNamespace) {
      let state = this.byNamespace.get(name);
      if (!state) {
        this.byNamespace.set(name, (state = { contributions: new Map(), version: 0 }));
        this.namesChanged = true;
      }
      state.contributions.set(resolved.uri, share);
      // Moved text (new spans, same content) refreshes the views but is no change for anyone who compares content.
      const old = oldNames.includes(name) ? oldSignature(name) : undefined;
      if (old === undefined || old !== newSignature(name)) this.changed(name, state, touched);
      else delete state.view;
    }
    entry.resolved = resolved;
    entry.signatures = signatures;
  }

  private changed(name: string, state: NamespaceState, touched: Set<string>): void {
    delete state.view;
    state.version++;
    touched.add(name);
  }

  /** Drops the namespace list; reports whether the set of namespaces or their labels changed. */
  private refreshNamespaceList(): boolean {
    delete this.namespaceList;
    const sig = JSON.stringify(this.namespaces().map((n) => [n.name, n.labels]));
    const changed = sig !== this.labelsSignature;
    this.labelsSignature = sig;
    return changed;
  }

  private view(name: string): NamespaceView | undefined {
    const state = this.byNamespace.get(name);
    if (!state) return undefined;
    if (state.view) return state.view;
    const workloads: WorkloadFact[] = [];
    const services: ServiceFact[] = [];
    const policies: PolicyFact[] = [];
    const declarations: NamespaceFact[] = [];
    // In uri order, so that every view is deterministic whatever the order files were indexed in.
    for (const uri of [...state.contributions.keys()].sort()) {
      const f = state.contributions.get(uri)!;
      workloads.push(...f.workloads);
      services.push(...f.services);
      policies.push(...f.policies);
      declarations.push(...f.namespaces);
    }
    const labels: Record<string, string> = {};
    for (const d of declarations) Object.assign(labels, d.labels);
    labels[NAMESPACE_NAME_LABEL] = name;
    state.view = { workloads, services, policies, declarations, classes: classesOf(name, workloads), info: { name, labels, declarations } };
    return state.view;
  }
}

const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

function classKey(namespace: string, labels: Labels): string {
  return `${namespace}\u0000${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000')}`;
}

function classesOf(namespace: string, workloads: readonly WorkloadFact[]): PodClass[] {
  const byKey = new Map<string, { labels: Labels; workloads: WorkloadFact[] }>();
  const names = new Set(workloads.map((w) => `${w.kind}/${w.name}`));
  for (const w of workloads) {
    // A Pod owned by a controller that the workspace also holds is that controller's pod, not a workload of its own.
    if (w.owner && names.has(`${w.owner.kind}/${w.owner.name}`)) continue;
    const key = classKey(namespace, w.labels);
    const group = byKey.get(key);
    if (group) group.workloads.push(w);
    else byKey.set(key, { labels: w.labels, workloads: [w] });
  }
  return [...byKey].map(([key, g]) => {
    const ports = new Map<string, ContainerPortFact>();
    for (const w of g.workloads) for (const p of w.ports) ports.set(`${p.name ?? ''}/${p.port}/${p.protocol}`, p);
    return { key, namespace, labels: g.labels, workloads: g.workloads, ports: [...ports.values()], replicas: g.workloads.reduce((n, w) => n + w.replicas, 0) };
  });
}

function folderOf(uri: string): string {
  const slash = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return slash === -1 ? '' : uri.slice(0, slash);
}

/** The facts with `ns` for every manifest that named no namespace. */
function withNamespace(f: FileFacts, ns: string): FileFacts {
  return {
    ...f,
    workloads: f.workloads.map((w) => (w.namespaceWritten === false ? { ...w, namespace: ns } : w)),
    services: f.services.map((s) => (s.namespaceWritten === false ? { ...s, namespace: ns } : s)),
    policies: f.policies.map((p) => (p.namespaceWritten ? p : { ...p, namespace: ns })),
  };
}

function splitByNamespace(f: FileFacts): Map<string, FileFacts> {
  const out = new Map<string, { uri: string; namespaces: NamespaceFact[]; workloads: WorkloadFact[]; services: ServiceFact[]; policies: PolicyFact[] }>();
  const share = (name: string) => {
    let s = out.get(name);
    if (!s) out.set(name, (s = { uri: f.uri, namespaces: [], workloads: [], services: [], policies: [] }));
    return s;
  };
  for (const n of f.namespaces) share(n.name).namespaces.push(n);
  for (const w of f.workloads) share(w.namespace).workloads.push(w);
  for (const s of f.services) share(s.namespace).services.push(s);
  for (const p of f.policies) share(p.namespace).policies.push(p);
  return out;
}

/**
 * Fingerprints of one document's facts by namespace as written (`UNWRITTEN` for manifests naming none), for `setFacts`:
 * a caller that keeps them per document fingerprints only the documents that changed.
 */
export function shareSignatures(f: FileFacts): Map<string, string> {
  const shares = new Map<string, { namespaces: NamespaceFact[]; workloads: WorkloadFact[]; services: ServiceFact[]; policies: PolicyFact[] }>();
  const share = (key: string) => {
    let s = shares.get(key);
    if (!s) shares.set(key, (s = { namespaces: [], workloads: [], services: [], policies: [] }));
    return s;
  };
  for (const n of f.namespaces) share(n.name).namespaces.push(n);
  for (const w of f.workloads) share(w.namespaceWritten === false ? UNWRITTEN : w.namespace).workloads.push(w);
  for (const x of f.services) share(x.namespaceWritten === false ? UNWRITTEN : x.namespace).services.push(x);
  for (const p of f.policies) share(p.namespaceWritten ? p.namespace : UNWRITTEN).policies.push(p);
  const out = new Map<string, string>();
  for (const [key, value] of shares) out.set(key, signature({ uri: '', ...value }));
  return out;
}

/** The facts without their positions, as text: equal when only the text around them moved. */
function signature(f: FileFacts): string {
  return JSON.stringify(f, (key, value: unknown) => (key === 'location' || key === 'podSelectorLocation' || key === 'objectLocation' || key === 'uri' ? undefined : typeof value === 'bigint' ? value.toString() : value));
}
