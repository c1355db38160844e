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

/** The kinds of facts a namespace holds; each has its own view, rebuilt only when facts of its kind came or went. */
export type FactKind = 'namespaces' | 'workloads' | 'services' | 'policies';
type Kind = FactKind;
const KINDS: readonly Kind[] = ['namespaces', 'workloads', 'services', 'policies'];

/**
 * One contribution of a file: a closed file's facts, or one document's of an open file (so that an edit replaces only the
 * documents it touched). Its facts, resolved, are split by namespace.
 */
interface Part {
  readonly raw: FileFacts;
  readonly resolved: FileFacts;
  readonly shares: ReadonlyMap<string, FileFacts>;
  /** Position-free fingerprints of a share's facts of one kind (`${namespace}\0${kind}`), made only to compare. */
  signatures?: Map<string, string>;
}

interface FileEntry {
  readonly uri: string;
  readonly folder: string;
  /** In file order; null for a document that contributes nothing. */
  readonly parts: (Part | null)[];
  /** How many parts have facts in each namespace: the file's namespaces, without reading its facts. */
  readonly namespaces: Map<string, number>;
  /** `file(uri)`: every part's resolved facts in order, built when first read after a change. */
  resolved?: FileFacts;
}

interface NamespaceState {
  /** Each part's facts in this namespace. */
  readonly shares: Map<Part, FileFacts>;
  workloadCount: number;
  /** Bumped whenever the namespace's content changes other than by position. */
  version: number;
  /** The same, per kind of facts. */
  readonly kindVersions: Record<Kind, number>;
  /** The shares in uri order, then file order; each kind's view, built on first read after facts of that kind changed. */
  ordered?: FileFacts[];
  workloads?: { readonly list: readonly WorkloadFact[]; readonly classes: readonly PodClass[] };
  services?: readonly ServiceFact[];
  policies?: readonly PolicyFact[];
  info?: NamespaceInfo;
  /** `policiesSelecting` per pod class key, for the policies view it was computed from. */
  selecting?: { readonly policies: readonly PolicyFact[]; readonly byClass: Map<string, readonly PolicyFact[]> };
}

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
  /** Bumped on every change, moves of text included: for what keeps positions (the connectivity view's links to rules). */
  revision = 0;
  /** How many workloads the whole workspace holds. */
  workloadCount = 0;
  /** Per kind, the latest version any namespace's facts of that kind got; 'namespaces' also when the namespace list changed. */
  private readonly globalKindVersions: Record<Kind, number> = { namespaces: 0, workloads: 0, services: 0, policies: 0 };
  private kindCounter = 0;
  /** The version of every namespace not in the index (new when one leaves); every version comes from `kindCounter`. */
  private retired = 0;

  /** Indexes a file's text (extracting its facts) in place of what the file contributed before. */
  setFile(uri: string, text: string): IndexChange {
    return this.setFacts(extractFacts(uri, text));
  }

  /** Stores a file's facts (as `extractFacts` returns them, namespaces defaulted to `default`) in place of its previous ones. */
  setFacts(raw: FileFacts): IndexChange {
    const old = this.files.get(raw.uri);
    return this.spliceParts(raw.uri, 0, old?.parts.length ?? 0, [raw]);
  }

  /**
   * Replaces `deleteCount` of a file's parts from `from` on by `inserted` (null for a document without facts), as
   * `Array.prototype.splice` does: an open file keeps one part per document, so an edit replaces only the documents it
   * touched and costs nothing for the others (documents that only moved keep their facts, whose locations follow them).
   */
  spliceParts(uri: string, from: number, deleteCount: number, inserted: readonly (FileFacts | null)[]): IndexChange {
    let entry = this.files.get(uri);
    if (!entry) this.files.set(uri, (entry = { uri, folder: folderOf(uri), parts: [], namespaces: new Map() }));
    const touched = new Set<string>();
    const kinds = new Set<Kind>();
    const folder = entry.folder;
    const kustomizes = isKustomization(uri) || this.kustomizations.get(folder)?.has(uri) === true;
    // The kustomization namespace is settled first: the inserted parts are resolved with the folder's new one.
    const removed = entry.parts.splice(from, deleteCount, ...inserted.map(() => null));
    if (kustomizes) {
      const before = this.kustomizeNamespace(folder);
      let ns: string | undefined;
      for (const part of entry.parts) if (part?.raw.kustomizeNamespace !== undefined) ns ??= part.raw.kustomizeNamespace;
      for (const raw of inserted) if (raw?.kustomizeNamespace !== undefined) ns ??= raw.kustomizeNamespace;
      let byFile = this.kustomizations.get(folder);
      if (ns !== undefined) {
        if (!byFile) this.kustomizations.set(folder, (byFile = new Map()));
        byFile.set(uri, ns);
      } else if (byFile) {
        byFile.delete(uri);
        if (byFile.size === 0) this.kustomizations.delete(folder);
      }
      if (this.kustomizeNamespace(folder) !== before) {
        // Every manifest of the folder that names no namespace moves to the new one.
        for (const other of this.files.values()) if (other.folder === folder && other !== entry) this.resolveAgain(other, touched, kinds);
      }
    }
    const ns = this.kustomizeNamespace(folder);
    const added: Part[] = [];
    for (let i = 0; i < inserted.length; i++) {
      const raw = inserted[i];
      if (!raw) continue;
      const part = makePart(raw, ns);
      entry.parts[from + i] = part;
      added.push(part);
    }
    this.apply(entry, removed, added, touched, kinds);
    if (entry.parts.length === 0) this.files.delete(uri);
    return this.report(touched, kinds);
  }

  /** Forgets a file (deleted, excluded, or closed and gone from disk). */
  removeFile(uri: string): IndexChange {
    const old = this.files.get(uri);
    if (!old) return NO_CHANGE;
    return this.spliceParts(uri, 0, old.parts.length, []);
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
    const entry = this.files.get(uri);
    if (!entry) return undefined;
    if (!entry.resolved) {
      const parts = entry.parts.filter((p): p is Part => p !== null);
      if (parts.length === 1) entry.resolved = parts[0]!.resolved;
      else {
        const out = { uri, namespaces: [] as NamespaceFact[], workloads: [] as WorkloadFact[], services: [] as ServiceFact[], policies: [] as PolicyFact[] };
        for (const p of parts) {
          out.namespaces.push(...p.resolved.namespaces);
          out.workloads.push(...p.resolved.workloads);
          out.services.push(...p.resolved.services);
          out.policies.push(...p.resolved.policies);
        }
        entry.resolved = out;
      }
    }
    return entry.resolved;
  }

  /** The namespaces a file has facts in (resolved), without reading its facts. */
  fileNamespaces(uri: string): IterableIterator<string> {
    return (this.files.get(uri)?.namespaces ?? new Map<string, number>()).keys();
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Every namespace that is declared or holds a manifest, sorted by name. */
  namespaces(): readonly NamespaceInfo[] {
    if (!this.namespaceList) {
      const list: NamespaceInfo[] = [];
      for (const name of [...this.byNamespace.keys()].sort()) list.push(this.info(name)!);
      this.namespaceList = list;
    }
    return this.namespaceList;
  }

  namespace(name: string): NamespaceInfo | undefined {
    return this.info(name);
  }

  /** The version of a namespace's content: changes whenever its facts change other than by position. */
  namespaceVersion(name: string): number {
    return this.byNamespace.get(name)?.version ?? this.retired;
  }

  /**
   * The version of a namespace's facts of one kind (of every namespace's, without `namespace`; for 'namespaces' that
   * includes the list of namespaces and their labels): equal while nothing of that kind changed other than by position.
   */
  kindVersion(kind: FactKind, namespace?: string): number {
    if (namespace === undefined) return this.globalKindVersions[kind];
    return this.byNamespace.get(namespace)?.kindVersions[kind] ?? this.retired;
  }

  /** A file's parts in order, each its facts with namespaces resolved (null: none); an open file's are its documents'. */
  resolvedParts(uri: string): readonly ({ readonly resolved: FileFacts } | null)[] {
    return this.files.get(uri)?.parts ?? [];
  }

  /** Changes whenever some kind of facts of some namespace changes (or the list of namespaces): unchanged, every `kindVersion` is. */
  get factsVersion(): number {
    return this.kindCounter;
  }

  /** The pod equivalence classes of one namespace, or of every namespace. */
  podClasses(namespace?: string): readonly PodClass[] {
    if (namespace !== undefined) return this.workloadView(namespace)?.classes ?? [];
    return this.namespaces().flatMap((n) => this.workloadView(n.name)!.classes);
  }

  workloads(namespace?: string): readonly WorkloadFact[] {
    if (namespace !== undefined) return this.workloadView(namespace)?.list ?? [];
    return this.namespaces().flatMap((n) => this.workloadView(n.name)!.list);
  }

  services(namespace?: string): readonly ServiceFact[] {
    if (namespace !== undefined) return this.kindView(namespace, 'services') ?? [];
    return this.namespaces().flatMap((n) => this.kindView(n.name, 'services')!);
  }

  policies(namespace?: string): readonly PolicyFact[] {
    if (namespace !== undefined) return this.kindView(namespace, 'policies') ?? [];
    return this.namespaces().flatMap((n) => this.kindView(n.name, 'policies')!);
  }

  /** True when the workspace holds workloads of the namespace: only then do the workspace rules judge its policies. */
  hasWorkloads(namespace: string): boolean {
    return (this.byNamespace.get(namespace)?.workloadCount ?? 0) > 0;
  }

  /** The files with facts in a namespace. */
  filesOf(namespace: string): readonly string[] {
    const state = this.byNamespace.get(namespace);
    return state ? [...new Set(this.ordered(state).map((s) => s.uri))] : [];
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

  /** The policies of the class's namespace whose podSelector selects it (kept until that namespace's policies change). */
  policiesSelecting(podClass: PodClass): readonly PolicyFact[] {
    const state = this.byNamespace.get(podClass.namespace);
    if (!state) return [];
    const policies = this.policies(podClass.namespace);
    if (state.selecting?.policies !== policies) state.selecting = { policies, byClass: new Map() };
    let out = state.selecting.byClass.get(podClass.key);
    if (!out) state.selecting.byClass.set(podClass.key, (out = policies.filter((p) => selectorMatches(p.podSelector, podClass.labels))));
    return out;
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

  /** Resolves a file's parts again (its folder's kustomization namespace changed). */
  private resolveAgain(entry: FileEntry, touched: Set<string>, kinds: Set<Kind>): void {
    const ns = this.kustomizeNamespace(entry.folder);
    const removed: Part[] = [];
    const added: Part[] = [];
    for (let i = 0; i < entry.parts.length; i++) {
      const old = entry.parts[i];
      if (!old) continue;
      const part = makePart(old.raw, ns);
      entry.parts[i] = part;
      removed.push(old);
      added.push(part);
    }
    this.apply(entry, removed, added, touched, kinds);
  }

  /**
   * Moves the shares of `removed` out of their namespaces and those of `added` in. A namespace's version changes only when
   * the facts of some kind differ other than by position (compared in order, by fingerprint); a kind's view is dropped
   * whenever facts of that kind came or went.
   */
  private apply(entry: FileEntry, removed: readonly (Part | null)[], added: readonly Part[], touched: Set<string>, kinds: Set<Kind>): void {
    const affected = new Set<string>();
    for (const part of removed) {
      if (!part) continue;
      for (const [name, share] of part.shares) {
        affected.add(name);
        const state = this.byNamespace.get(name)!;
        state.shares.delete(part);
        state.workloadCount -= share.workloads.length;
        this.workloadCount -= share.workloads.length;
        count(entry.namespaces, name, -1);
      }
    }
    for (const part of added) {
      for (const [name, share] of part.shares) {
        affected.add(name);
        let state = this.byNamespace.get(name);
        if (!state) {
          this.byNamespace.set(name, (state = { shares: new Map(), workloadCount: 0, version: 0, kindVersions: { namespaces: this.retired, workloads: this.retired, services: this.retired, policies: this.retired } }));
          state.version = this.retired;
          this.namesChanged = true;
        }
        state.shares.set(part, share);
        state.workloadCount += share.workloads.length;
        this.workloadCount += share.workloads.length;
        count(entry.namespaces, name, +1);
      }
    }
    if (removed.length > 0 || added.length > 0) {
      delete entry.resolved;
      this.revision++;
    }
    for (const name of affected) {
      const state = this.byNamespace.get(name)!;
      delete state.ordered;
      let changed = false;
      for (const kind of KINDS) {
        const before = sharesOf(removed, name, kind);
        const after = sharesOf(added, name, kind);
        if (before.length === 0 && after.length === 0) continue;
        if (kind === 'workloads') delete state.workloads;
        else if (kind === 'namespaces') {
          // The namespace list holds the infos: both go, even when the declarations only moved.
          delete state.info;
          delete this.namespaceList;
        }
        else delete state[kind];
        // Moved text (new spans, same content) refreshes the views but is no change for anyone who compares content.
        if (!sameContent(before, after, name, kind)) {
          changed = true;
          kinds.add(kind);
          state.kindVersions[kind] = ++this.kindCounter;
          this.globalKindVersions[kind] = this.kindCounter;
        }
      }
      if (changed) {
        state.version = ++this.kindCounter;
        touched.add(name);
      }
      if (state.shares.size === 0) {
        this.byNamespace.delete(name);
        this.namesChanged = true;
        touched.add(name);
        // Its versions go with it: whoever read them finds a new one, now and when it comes back.
        this.retired = ++this.kindCounter;
      }
    }
  }

  private report(touched: Set<string>, kinds: Set<Kind>): IndexChange {
    let namespaceSet = false;
    if (touched.size > 0) {
      this.version++;
      // Namespace labels change only with Namespace objects or with the set of namespaces: only then are they compared
      // (comparing them on every change would cost a view of every namespace per file indexed).
      if (kinds.has('namespaces') || this.namesChanged) namespaceSet = this.refreshNamespaceList();
      else delete this.namespaceList;
      if (namespaceSet) this.globalKindVersions.namespaces = ++this.kindCounter;
      this.namesChanged = false;
    }
    return touched.size === 0 && !namespaceSet ? NO_CHANGE : { namespaces: touched, namespaceSet };
  }

  /** Drops the namespace list; reports whether the set of namespaces or their labels changed. */
  private refreshNamespaceList(): boolean {
    delete this.namespaceList;
    const sig = JSON.stringify(this.namespaces().map((n) => [n.name, n.labels]));
    const changed = sig !== this.labelsSignature;
    this.labelsSignature = sig;
    return changed;
  }

  /** A namespace's shares in uri order (so that every view is deterministic whatever the order files were indexed in), then file order. */
  private ordered(state: NamespaceState): FileFacts[] {
    if (!state.ordered) {
      const shares = [...state.shares.values()];
      const start = shares.length > 1 ? new Map(shares.map((s) => [s, firstStart(s)])) : undefined;
      state.ordered = start ? shares.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : start.get(a)! - start.get(b)!)) : shares;
    }
    return state.ordered;
  }

  private kindView<K extends 'services' | 'policies'>(name: string, kind: K): FileFacts[K] | undefined {
    const state = this.byNamespace.get(name);
    if (!state) return undefined;
    let view = state[kind] as FileFacts[K] | undefined;
    if (!view) {
      const list: FileFacts[K][number][] = [];
      for (const share of this.ordered(state)) for (const f of share[kind]) list.push(f);
      (state as { [k in K]?: FileFacts[K] })[kind] = view = list as FileFacts[K];
    }
    return view;
  }

  private workloadView(name: string): NonNullable<NamespaceState['workloads']> | undefined {
    const state = this.byNamespace.get(name);
    if (!state) return undefined;
    if (!state.workloads) {
      const list: WorkloadFact[] = [];
      for (const share of this.ordered(state)) for (const w of share.workloads) list.push(w);
      state.workloads = { list, classes: classesOf(name, list) };
    }
    return state.workloads;
  }

  private info(name: string): NamespaceInfo | undefined {
    const state = this.byNamespace.get(name);
    if (!state) return undefined;
    if (!state.info) {
      const declarations: NamespaceFact[] = [];
      for (const share of this.ordered(state)) for (const d of share.namespaces) declarations.push(d);
      const labels: Record<string, string> = {};
      for (const d of declarations) Object.assign(labels, d.labels);
      labels[NAMESPACE_NAME_LABEL] = name;
      state.info = { name, labels, declarations };
    }
    return state.info;
  }
}

function makePart(raw: FileFacts, kustomizeNamespace: string | undefined): Part {
  const resolved = kustomizeNamespace === undefined || kustomizeNamespace === DEFAULT_NAMESPACE ? raw : withNamespace(raw, kustomizeNamespace);
  return { raw, resolved, shares: splitByNamespace(resolved) };
}

function count(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

function sharesOf(parts: readonly (Part | null)[], name: string, kind: Kind): Part[] {
  const out: Part[] = [];
  for (const part of parts) if (part && (part.shares.get(name)?.[kind].length ?? 0) > 0) out.push(part);
  return out;
}

/** Whether two runs of parts hold the same facts of a kind in a namespace, in order, positions aside. */
function sameContent(before: readonly Part[], after: readonly Part[], name: string, kind: Kind): boolean {
  if (before.length === 0 || after.length === 0) return before.length === after.length;
  let a = '';
  let b = '';
  for (const part of before) a += `${partSignature(part, name, kind)}\u0000`;
  for (const part of after) b += `${partSignature(part, name, kind)}\u0000`;
  return a === b;
}

function partSignature(part: Part, name: string, kind: Kind): string {
  const key = `${name}\u0000${kind}`;
  part.signatures ??= new Map();
  let sig = part.signatures.get(key);
  if (sig === undefined) part.signatures.set(key, (sig = signature(part.shares.get(name)![kind])));
  return sig;
}

function firstStart(share: FileFacts): number {
  const first = share.namespaces[0] ?? share.workloads[0] ?? share.services[0] ?? share.policies[0];
  return first ? first.location.span.start : 0;
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

/** Facts without their positions, as text: equal when only the text around them moved. */
function signature(facts: readonly unknown[]): string {
  return JSON.stringify(facts, (key, value: unknown) => (key === 'location' || key === 'podSelectorLocation' || key === 'objectLocation' || key === 'uri' ? undefined : typeof value === 'bigint' ? value.toString() : value));
}
