// The workspace pass over one file: runs the workspace rules against the index, lets file-wide rules that can judge better
// with every file review their findings (keep, reword or drop), and applies the file's suppression comments and the
// severity settings to what the workspace rules found. The judging functions are pure (the index and the file's own
// findings come in, findings go out); `WorkspaceLinter` owns the index and what it remembers of each open file.
import type { Rule, WorkspaceContext } from '../rules/types';
import type { FileFacts, RuleFact } from '../workspace/facts';
import { addDocumentFacts, emptyFacts, extractFacts, isKustomization, mayHoldFacts, mayHoldWorkloads, type Anchor } from '../workspace/extract';
import { WorkspaceIndex, type FactKind, type IndexChange } from '../workspace/index';
import { shiftSpan } from '../syntax/span';
import type { ActiveRules } from './active-rules';
import { levelOf } from './active-rules';
import { runWorkspaceCheck, runWorkspaceReview, type RuleFinding } from './checks';
import type { DocumentAnalysis, DocumentResult } from './document';
import type { UnchangedDocuments } from './file';

export interface WorkspaceLintInput {
  readonly uri: string;
  readonly rules: ActiveRules;
  /** The file's documents: where each starts, its analysis (for its suppression comments) and its own results. */
  readonly starts: ArrayLike<number>;
  readonly analyses: readonly (DocumentAnalysis | undefined)[];
  readonly results: readonly (readonly DocumentResult[])[];
}

/** Per document (by index), its results with the workspace pass applied (relative spans); documents it left alone are absent. */
export type WorkspaceLintResult = ReadonlyMap<number, readonly DocumentResult[]>;

export const NO_WORKSPACE_FINDINGS: WorkspaceLintResult = new Map();

const ALL_KINDS: readonly FactKind[] = ['namespaces', 'workloads', 'services', 'policies'];

/** A registry's workspace rules as the pass uses them: the checks, and the reviewers by the id of the findings they review. */
interface WorkspaceRules {
  readonly checks: readonly Rule[];
  readonly reviewers: ReadonlyMap<string, Rule>;
  /** What the reviewers read of the index (always the workloads). */
  readonly reviewReads: readonly FactKind[];
}

const workspaceRulesOf = new WeakMap<ActiveRules, WorkspaceRules>();

function workspaceRules(rules: ActiveRules): WorkspaceRules {
  let known = workspaceRulesOf.get(rules);
  if (!known) {
    const reviewers = new Map(rules.enabled.filter((r) => r.reviewInWorkspace).map((r) => [r.meta.id, r]));
    known = { checks: rules.enabled.filter((r) => r.checkWorkspace), reviewers, reviewReads: [...new Set([...reviewers.values()].flatMap(readsOfRule))] };
    workspaceRulesOf.set(rules, known);
  }
  return known;
}

function readsOfRule(rule: Rule): FactKind[] {
  return [...new Set<FactKind>(['workloads', ...(rule.workspaceReads ?? ALL_KINDS)])];
}

function judges(rule: Rule, facts: FileFacts): boolean {
  return (rule.workspaceJudges ?? ALL_KINDS).some((k) => facts[k].length > 0);
}

/** The reviews of a document's own results (each kept, reworded or dropped); `own` itself when they change nothing. */
function review(own: readonly DocumentResult[], start: number, ctx: WorkspaceContext, reviewers: ReadonlyMap<string, Rule>): readonly DocumentResult[] {
  let list: DocumentResult[] | undefined;
  for (const r of own) {
    const rule = reviewers.get(r.ruleId);
    if (!rule || !judges(rule, ctx.facts)) continue;
    const absolute = { ...r, span: shiftSpan(r.span, start) };
    const after = runWorkspaceReview(rule, absolute, ctx);
    if (after === absolute) continue;
    list ??= own.slice();
    const at = list.indexOf(r);
    if (after) list[at] = { ...r, message: after.message, span: shiftSpan(after.span, -start), ...(after.data ? { data: after.data } : {}) };
    else list.splice(at, 1);
  }
  return list ?? own;
}

/** A workspace rule's findings on one document's facts, with its suppression comments and the severity settings applied. */
function check(rule: Rule, start: number, analysis: DocumentAnalysis, ctx: WorkspaceContext, rules: ActiveRules): DocumentResult[] {
  const out: DocumentResult[] = [];
  for (const f of runWorkspaceCheck(rule, ctx)) {
    const placed = place({ ...f, ruleId: rule.meta.id }, rule, rules, start, analysis);
    if (placed) out.push(placed);
  }
  return out;
}

/** The finding in its document, with its severity, unless a suppression comment there hides it or the rule is off. */
function place(f: RuleFinding, rule: Rule, rules: ActiveRules, start: number, analysis: DocumentAnalysis): DocumentResult | undefined {
  const level = levelOf(rule, rules.settings, f.severity);
  if (level === 'off') return undefined;
  const span = shiftSpan(f.span, -start);
  for (const s of analysis.suppressions) {
    const applies = s.scope === 'document' || (s.target !== undefined && span.start >= s.target.start && span.start <= s.target.end);
    if (applies && (s.ruleIds.length === 0 || s.ruleIds.includes(f.ruleId))) return undefined;
  }
  return { ...f, span, severity: level };
}

/** Versions read of the index: triples of kind, namespace (undefined: every namespace) and the version, flattened. */
type Reads = readonly (FactKind | string | number | undefined)[];

function readNow(kinds: readonly FactKind[], namespaces: readonly (string | undefined)[], index: WorkspaceIndex): Reads {
  const out: (FactKind | string | number | undefined)[] = [];
  for (const kind of kinds) for (const ns of namespaces) out.push(kind, ns, index.kindVersion(kind, ns));
  return out;
}

function stillRead(reads: Reads, index: WorkspaceIndex): boolean {
  for (let k = 0; k < reads.length; k += 3) if (index.kindVersion(reads[k] as FactKind, reads[k + 1] as string | undefined) !== reads[k + 2]) return false;
  return true;
}

/**
 * A document's last workspace pass, in pieces that are reused separately: the reviews of its own results, and each check's
 * findings, each with the versions of what it read of the index.
 */
interface Judgment {
  readonly facts: FileFacts;
  readonly rules: ActiveRules;
  /** The namespaces its reads are of (just undefined, every namespace, for a document with a namespaceSelector peer). */
  readonly namespaces: readonly (string | undefined)[];
  reviewed?: { readonly own: readonly DocumentResult[]; readonly reads: Reads; readonly results: readonly DocumentResult[] };
  /** Per check (in `WorkspaceRules.checks` order); undefined for a check that does not judge this document. */
  readonly checks: ({ readonly reads: Reads; readonly found: readonly DocumentResult[] } | undefined)[];
  results?: readonly DocumentResult[];
}

/**
 * The workspace pass over one document: reuses each piece of the last one whose inputs are unchanged, redoes the others,
 * and merges them into the document's results (`own` itself when the pass changes nothing).
 */
function judgeDocument(
  previous: Judgment | undefined,
  doc: { readonly uri: string; readonly facts: FileFacts; readonly cross: boolean; readonly own: readonly DocumentResult[]; readonly start: number; readonly analysis: DocumentAnalysis },
  rules: ActiveRules,
  index: WorkspaceIndex,
  indexChanged: boolean,
): Judgment {
  const { facts, own, start } = doc;
  const { checks, reviewers, reviewReads } = workspaceRules(rules);
  const j: Judgment =
    previous && previous.facts === facts && previous.rules === rules
      ? previous
      : { facts, rules, namespaces: doc.cross ? [undefined] : namespacesOf(facts), checks: checks.map(() => undefined) };
  const ctx: WorkspaceContext = { uri: doc.uri, facts, index, settings: rules.settings };
  let dirty = j !== previous || j.results === undefined;
  if (!j.reviewed || j.reviewed.own !== own || (indexChanged && !stillRead(j.reviewed.reads, index))) {
    const reads = readNow(reviewReads, j.namespaces, index);
    const results = reviewers.size > 0 ? review(own, start, ctx, reviewers) : own;
    // Judged again to the same results (the usual case after a change elsewhere in the namespace): the old ones stay, so
    // that the diagnostics of the document are not placed again either.
    const same = j.reviewed !== undefined && j.reviewed.own === own && sameResults(j.reviewed.results, results);
    j.reviewed = { own, reads, results: same ? j.reviewed!.results : results };
    dirty ||= !same;
  }
  for (let k = 0; k < checks.length; k++) {
    const rule = checks[k]!;
    const known = j.checks[k];
    if (known ? !indexChanged || stillRead(known.reads, index) : !judges(rule, facts)) continue;
    const found = check(rule, start, doc.analysis, ctx, rules);
    const same = known !== undefined && sameResults(known.found, found);
    j.checks[k] = { reads: readNow(readsOfRule(rule), j.namespaces, index), found: same ? known.found : found };
    dirty ||= !same;
  }
  if (dirty) {
    const found = j.checks.flatMap((c) => c?.found ?? []);
    const reviewed = j.reviewed.results;
    j.results = found.length === 0 ? reviewed : [...reviewed, ...found].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }
  return j;
}

function selectsNamespaces(r: RuleFact): boolean {
  return r.peers !== 'all' && r.peers.some((peer) => peer.namespaceSelector !== undefined);
}

function sameResults(a: readonly DocumentResult[], b: readonly DocumentResult[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.ruleId !== y.ruleId || x.message !== y.message || x.severity !== y.severity || x.tag !== y.tag || x.failure !== y.failure || x.span.start !== y.span.start || x.span.end !== y.span.end) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}

function namespacesOf(f: FileFacts): string[] {
  const out = new Set<string>();
  for (const w of f.workloads) out.add(w.namespace);
  for (const s of f.services) out.add(s.namespace);
  for (const p of f.policies) out.add(p.namespace);
  for (const n of f.namespaces) out.add(n.name);
  return [...out];
}

/** Where a document of an open file starts: its file's current starts, at the document's index. */
class DocumentAnchor implements Anchor {
  constructor(
    private readonly positions: { readonly starts: ArrayLike<number> },
    public index: number,
  ) {}

  get start(): number {
    return this.positions.starts[this.index]!;
  }
}

/** One document of an open file as the index holds it: its analysis, where it starts, and its facts (null: none). */
interface DocumentPart {
  readonly analysis: DocumentAnalysis;
  readonly anchor: DocumentAnchor;
  readonly facts: FileFacts | null;
  /** Some peer of its policies has a namespaceSelector: its workspace findings may depend on every namespace. */
  readonly cross: boolean;
  /** Its last workspace pass, reused while its own results, its facts and what it read are unchanged. */
  judgment?: Judgment;
}

/** An open file as the workspace linter knows it. */
interface OpenFile {
  /** The facts of the disk copy, kept while the file is open (the open text wins) and indexed again when it closes. */
  disk?: FileFacts;
  /** The documents the index last took this file's facts from, in file order (empty until first indexed). */
  docs: DocumentPart[];
  analyses?: readonly DocumentAnalysis[];
  /** The starts every document's anchor reads (replaced, not copied, after each analysis). */
  readonly positions: { starts: ArrayLike<number> };
  indexed: boolean;
  /** Not indexed yet: the workspace held no workload when it was last analysed, and these analyses add none. */
  deferred?: readonly DocumentAnalysis[];
  /** Bumped whenever some document's facts were replaced. */
  factsVersion: number;
  /** The index's `factsVersion` when the documents were last judged. */
  judgedAt?: number;
  crossDocuments: number;
  /** What the last result of `lint` depended on: the file's facts and each namespace's version (all, when cross-namespace). */
  last?: { factsVersion: number; key: unknown; rules: ActiveRules; versions: Map<string, number>; indexVersion: number; cross: boolean; result: WorkspaceLintResult };
}

/**
 * The workspace index with what keeps it current and the workspace pass of each open file cached against it. An open file
 * feeds the index one document at a time from the analyses the service already has: after an edit only the documents
 * between the unchanged first and last ones are extracted and replaced (the others keep their facts, whose locations
 * follow their document's start); other files come through `setWorkspaceFile`. After a change, `staleOpenFiles` names the
 * open files whose workspace findings may have changed: those of the namespaces the change touched (every one, for files
 * with cross-namespace peers).
 */
export class WorkspaceLinter {
  readonly index = new WorkspaceIndex();
  private readonly open = new Map<string, OpenFile>();
  /** Files indexed from outside (disk, or a client that reads files), as opposed to open files only. */
  private readonly workspaceFiles = new Set<string>();
  /** Document analyses known to contribute no facts (a comment, a ConfigMap, a broken document). */
  private readonly barren = new WeakSet<DocumentAnalysis>();

  /** A workspace file's text from disk (or the client); ignored for the index while the file is open. */
  setWorkspaceFile(uri: string, text: string): IndexChange | undefined {
    this.workspaceFiles.add(uri);
    const facts = extractFacts(uri, text);
    const open = this.open.get(uri);
    if (open) {
      open.disk = facts;
      return undefined;
    }
    return this.index.setFacts(facts);
  }

  removeWorkspaceFile(uri: string): IndexChange | undefined {
    this.workspaceFiles.delete(uri);
    const open = this.open.get(uri);
    if (open) {
      delete open.disk;
      return undefined;
    }
    return this.index.removeFile(uri);
  }

  isWorkspaceFile(uri: string): boolean {
    return this.workspaceFiles.has(uri);
  }

  /**
   * Indexes an open file's current documents. Cost: a comparison per unchanged document (and a number written for each that
   * moved), plus the extraction of the changed ones.
   */
  updateOpenFile(uri: string, analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>, unchanged?: UnchangedDocuments): IndexChange | undefined {
    let entry = this.open.get(uri);
    if (!entry) this.open.set(uri, (entry = { docs: [], positions: { starts }, indexed: false, factsVersion: 0, crossDocuments: 0 }));
    if (entry.analyses === analyses && entry.positions.starts === starts) return undefined;
    // While the workspace holds no workload, no workspace rule, hover or lens has anything to say: a file that adds
    // none is not indexed yet (opening a large file of policies costs no extraction); it is named stale, and indexed,
    // once some file brings a workload. (The same analyses come again when diagnostics follow the analysis: not looked at twice.)
    if (!entry.indexed && this.index.workloadCount === 0 && (entry.deferred === analyses || !this.mayAddWorkloads(entry, analyses, unchanged))) {
      entry.deferred = analyses;
      return undefined;
    }
    entry.deferred = undefined;
    const docs = entry.docs;
    const oldCount = docs.length;
    const newCount = analyses.length;
    let prefix = 0;
    let suffix = 0;
    if (unchanged && unchanged.since === entry.analyses) {
      // The document table says which first and last documents the edits left alone: only the documents between are
      // compared (a re-split neighbour whose text came back the same keeps its analysis, and its facts).
      prefix = Math.min(unchanged.prefix, oldCount, newCount);
      suffix = Math.min(unchanged.suffix, oldCount - prefix, newCount - prefix);
    }
    while (prefix < oldCount - suffix && prefix < newCount - suffix && docs[prefix]!.analysis === analyses[prefix]) prefix++;
    while (suffix < oldCount - prefix && suffix < newCount - prefix && docs[oldCount - 1 - suffix]!.analysis === analyses[newCount - 1 - suffix]) suffix++;
    entry.analyses = analyses;
    // Every document's anchor reads its start from here: one write moves them all.
    entry.positions.starts = starts;
    if (entry.indexed && prefix + suffix === oldCount && oldCount === newCount) return undefined;
    const inserted: DocumentPart[] = [];
    for (let i = prefix; i < newCount - suffix; i++) inserted.push(this.part(uri, analyses[i]!, new DocumentAnchor(entry.positions, i)));
    const replaced = docs.splice(prefix, oldCount - prefix - suffix, ...inserted);
    // Documents were added or removed: the ones after them have other indexes now (only then is this a loop).
    if (newCount !== oldCount) for (let i = prefix + inserted.length; i < newCount; i++) docs[i]!.anchor.index = i;
    for (const d of replaced) if (d.cross) entry.crossDocuments--;
    for (const d of inserted) if (d.cross) entry.crossDocuments++;
    entry.factsVersion++;
    // The first time, the open text's documents take the place of whatever the index had for the file (its disk copy).
    if (!entry.indexed) {
      entry.indexed = true;
      return this.index.spliceParts(uri, 0, Number.MAX_SAFE_INTEGER, docs.map((d) => d.facts));
    }
    return this.index.spliceParts(uri, prefix, replaced.length, inserted.map((d) => d.facts));
  }

  /**
   * Whether some document of a file that is not indexed yet may hold a workload: after an edit, only the documents
   * between the unchanged first and last ones are looked at (the others were, when the file was deferred).
   */
  private mayAddWorkloads(entry: OpenFile, analyses: readonly DocumentAnalysis[], unchanged: UnchangedDocuments | undefined): boolean {
    let from = 0;
    let to = analyses.length;
    if (entry.deferred && unchanged && unchanged.since === entry.deferred) {
      from = Math.min(unchanged.prefix, to);
      to = Math.max(from, to - unchanged.suffix);
    }
    for (let i = from; i < to; i++) if (mayHoldWorkloads(analyses[i]!.text)) return true;
    return false;
  }

  /** A document's part: its facts extracted from the tree its analysis has, with locations anchored to the document. */
  private part(uri: string, analysis: DocumentAnalysis, anchor: DocumentAnchor): DocumentPart {
    // Most documents of a large file are policies: what cannot be a manifest is known from its text (and remembered).
    if (this.barren.has(analysis) || !mayHoldFacts(analysis.text, isKustomization(uri))) return { analysis, anchor, facts: null, cross: false };
    const facts = emptyFacts(uri);
    addDocumentFacts(facts, analysis.parsed, { anchor, policies: analysis.policies });
    if (facts.kustomizeNamespace === undefined && facts.namespaces.length + facts.workloads.length + facts.services.length + facts.policies.length === 0) {
      this.barren.add(analysis);
      return { analysis, anchor, facts: null, cross: false };
    }
    const cross = facts.policies.some((p) => p.ingress.some(selectsNamespaces) || p.egress.some(selectsNamespaces));
    return { analysis, anchor, facts, cross };
  }

  /** The file is no longer open: its disk copy takes its place in the index, or it leaves the index. */
  closeFile(uri: string): IndexChange | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    this.open.delete(uri);
    if (entry.disk) return this.index.setFacts(entry.disk);
    return this.workspaceFiles.has(uri) ? undefined : this.index.removeFile(uri);
  }

  /** The workspace pass of an open file, reused while nothing it depends on changed. */
  lint(input: WorkspaceLintInput & { readonly key: unknown }): WorkspaceLintResult {
    const entry = this.open.get(input.uri);
    if (!entry || !this.index.has(input.uri)) return NO_WORKSPACE_FINDINGS;
    const last = entry.last;
    if (last && last.factsVersion === entry.factsVersion && last.key === input.key && last.rules === input.rules && this.unchanged(last)) return last.result;
    const versions = new Map<string, number>();
    let concerned = false;
    for (const name of this.index.fileNamespaces(input.uri)) {
      versions.set(name, this.index.namespaceVersion(name));
      concerned ||= this.index.hasWorkloads(name);
    }
    // Every workspace judgment is about a namespace whose workloads the workspace holds; most files of a repository of
    // policies alone (and every large generated one) stop here, without reading their facts or findings.
    const result = concerned ? this.judgeDocuments(entry, input) : NO_WORKSPACE_FINDINGS;
    entry.last = { factsVersion: entry.factsVersion, key: input.key, rules: input.rules, versions, indexVersion: this.index.version, cross: entry.crossDocuments > 0, result };
    return result;
  }

  /**
   * The workspace pass of each document, reused for every document whose own results, facts and settings are the same and
   * whose reads of the index (kinds of facts, by namespace) have the same versions: after an edit, only the edited
   * documents and those that read what it changed are judged again.
   */
  private judgeDocuments(entry: OpenFile, input: WorkspaceLintInput): WorkspaceLintResult {
    const parts = this.index.resolvedParts(input.uri);
    const docs = entry.docs;
    // Both follow the analyses given to updateOpenFile just before; anything else would be a bug, judged as nothing.
    if (parts.length !== docs.length || docs.length !== input.results.length) return NO_WORKSPACE_FINDINGS;
    const indexChanged = entry.judgedAt !== this.index.factsVersion;
    entry.judgedAt = this.index.factsVersion;
    const changed = new Map<number, readonly DocumentResult[]>();
    for (let i = 0; i < docs.length; i++) {
      const facts = parts[i]?.resolved;
      if (!facts) continue;
      const doc = docs[i]!;
      const own = input.results[i]!;
      const last = doc.judgment;
      // Nothing it read changed and its own results are the same: the last judgment stands (no call, no allocation).
      if (!indexChanged && last?.facts === facts && last.rules === input.rules && last.reviewed?.own === own && last.results) {
        if (last.results !== own) changed.set(i, last.results);
        continue;
      }
      const judgment = (doc.judgment = judgeDocument(doc.judgment, { uri: input.uri, facts, cross: doc.cross, own, start: input.starts[i]!, analysis: doc.analysis }, input.rules, this.index, indexChanged));
      if (judgment.results !== own) changed.set(i, judgment.results!);
    }
    return changed.size === 0 ? NO_WORKSPACE_FINDINGS : changed;
  }

  /** The open files (other than `except`) whose last workspace pass may be out of date. */
  staleOpenFiles(except?: string): string[] {
    const out: string[] = [];
    for (const [uri, entry] of this.open) {
      if (uri === except) continue;
      if (entry.deferred) {
        if (this.index.workloadCount > 0) out.push(uri);
        continue;
      }
      if (!entry.last) continue;
      // A file no namespace of which holds workloads, before or now, has no workspace findings either way.
      if (entry.last.result === NO_WORKSPACE_FINDINGS && ![...entry.last.versions.keys()].some((ns) => this.index.hasWorkloads(ns))) continue;
      if (entry.last.factsVersion !== entry.factsVersion || !this.unchanged(entry.last)) out.push(uri);
    }
    return out;
  }

  private unchanged(last: NonNullable<OpenFile['last']>): boolean {
    if (last.cross) return last.indexVersion === this.index.version;
    for (const [name, version] of last.versions) if (this.index.namespaceVersion(name) !== version) return false;
    return true;
  }
}
