// The workspace pass over one file: runs the workspace rules against the index, lets file-wide rules that can judge better
// with every file review their findings (keep, reword or drop), and applies the file's suppression comments and the
// severity settings to what the workspace rules found. Pure: the index and the file's own findings come in, findings go out.
import type { Rule } from '../rules/types';
import type { FileFacts } from '../workspace/facts';
import { addDocumentFacts, anchorFacts, emptyFacts, extractFacts, isKustomization, mayHoldFacts, type Anchor } from '../workspace/extract';
import { WorkspaceIndex, type IndexChange } from '../workspace/index';
import { lastAtOrBefore } from '../syntax/search';
import { shiftSpan } from '../syntax/span';
import type { ActiveRules } from './active-rules';
import { levelOf } from './active-rules';
import { runWorkspaceCheck, runWorkspaceReview, type RuleFinding } from './checks';
import type { DocumentAnalysis, DocumentResult } from './document';

export interface WorkspaceLintInput {
  readonly uri: string;
  /** The file's facts, namespaces resolved (`index.file(uri)`). */
  readonly facts: FileFacts;
  readonly index: WorkspaceIndex;
  readonly rules: ActiveRules;
  /** The file's documents: where each starts, its analysis (for its suppression comments) and its own results. */
  readonly starts: ArrayLike<number>;
  readonly analyses: readonly (DocumentAnalysis | undefined)[];
  readonly results: readonly (readonly DocumentResult[])[];
}

/** Per document (by index), its results with the workspace pass applied (relative spans); documents it left alone are absent. */
export type WorkspaceLintResult = ReadonlyMap<number, readonly DocumentResult[]>;

export const NO_WORKSPACE_FINDINGS: WorkspaceLintResult = new Map();

function lintWorkspace(input: WorkspaceLintInput): WorkspaceLintResult {
  const { facts, index, rules } = input;
  const ctx = { uri: input.uri, facts, index, settings: rules.settings };
  const changed = new Map<number, DocumentResult[]>();
  const of = (documentIndex: number): DocumentResult[] => {
    let list = changed.get(documentIndex);
    if (!list) changed.set(documentIndex, (list = input.results[documentIndex]!.slice()));
    return list;
  };
  const count = input.results.length;
  // Reviews first, on the file's own results: each is kept, reworded or dropped.
  const reviewers = new Map(rules.enabled.filter((r) => r.reviewInWorkspace).map((r) => [r.meta.id, r]));
  if (reviewers.size > 0) {
    for (let i = 0; i < count; i++) {
      const results = input.results[i]!;
      for (let j = 0; j < results.length; j++) {
        const r = results[j]!;
        const rule = reviewers.get(r.ruleId);
        if (!rule) continue;
        const start = input.starts[i]!;
        const absolute = { ...r, span: shiftSpan(r.span, start) };
        const after = runWorkspaceReview(rule, absolute, ctx);
        if (after === absolute) continue;
        const list = of(i);
        const at = list.indexOf(r);
        if (after) list[at] = { ...r, message: after.message, span: shiftSpan(after.span, -start), ...(after.data ? { data: after.data } : {}) };
        else list.splice(at, 1);
      }
    }
  }
  for (const rule of rules.enabled) {
    if (!rule.checkWorkspace) continue;
    const id = rule.meta.id;
    for (const f of runWorkspaceCheck(rule, ctx)) {
      const placed = place({ ...f, ruleId: id }, rule, input);
      if (placed) of(placed.documentIndex).push(placed.result);
    }
  }
  for (const list of changed.values()) list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return changed.size === 0 ? NO_WORKSPACE_FINDINGS : changed;
}

/** The finding in its document, with its severity, unless a suppression comment there hides it or the rule is off. */
function place(f: RuleFinding, rule: Rule, input: WorkspaceLintInput): { documentIndex: number; result: DocumentResult } | undefined {
  const level = levelOf(rule, input.rules.settings, f.severity);
  if (level === 'off' || input.results.length === 0) return undefined;
  const documentIndex = Math.max(0, lastAtOrBefore(input.starts, f.span.start));
  const span = shiftSpan(f.span, -input.starts[documentIndex]!);
  for (const s of input.analyses[documentIndex]?.suppressions ?? []) {
    const applies = s.scope === 'document' || (s.target !== undefined && span.start >= s.target.start && span.start <= s.target.end);
    if (applies && (s.ruleIds.length === 0 || s.ruleIds.includes(f.ruleId))) return undefined;
  }
  return { documentIndex, result: { ...f, span, severity: level } };
}

/** One document of an open file as the index holds it: its analysis, where it starts, and its facts (null: none). */
interface DocumentPart {
  readonly analysis: DocumentAnalysis;
  readonly anchor: Anchor;
  readonly facts: FileFacts | null;
  /** Some peer of its policies has a namespaceSelector: its workspace findings may depend on every namespace. */
  readonly cross: boolean;
}

/** An open file as the workspace linter knows it. */
interface OpenFile {
  /** The facts of the disk copy, kept while the file is open (the open text wins) and indexed again when it closes. */
  disk?: FileFacts;
  /** The documents the index last took this file's facts from, in file order (empty until first indexed). */
  docs: DocumentPart[];
  analyses?: readonly DocumentAnalysis[];
  starts?: ArrayLike<number>;
  indexed: boolean;
  /** Bumped whenever some document's facts were replaced. */
  factsVersion: number;
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
  /** Per document analysis: its facts at offset 0 (null: none), extracted once. */
  private readonly documentFacts = new WeakMap<DocumentAnalysis, FileFacts | null>();

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
  updateOpenFile(uri: string, analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>): IndexChange | undefined {
    let entry = this.open.get(uri);
    if (!entry) this.open.set(uri, (entry = { docs: [], indexed: false, factsVersion: 0, crossDocuments: 0 }));
    if (entry.analyses === analyses && entry.starts === starts) return undefined;
    entry.analyses = analyses;
    entry.starts = starts;
    const docs = entry.docs;
    const oldCount = docs.length;
    const newCount = analyses.length;
    let prefix = 0;
    while (prefix < oldCount && prefix < newCount && docs[prefix]!.analysis === analyses[prefix]) {
      docs[prefix]!.anchor.start = starts[prefix]!;
      prefix++;
    }
    let suffix = 0;
    while (suffix < oldCount - prefix && suffix < newCount - prefix && docs[oldCount - 1 - suffix]!.analysis === analyses[newCount - 1 - suffix]) {
      docs[oldCount - 1 - suffix]!.anchor.start = starts[newCount - 1 - suffix]!;
      suffix++;
    }
    if (entry.indexed && prefix + suffix === oldCount && oldCount === newCount) return undefined;
    const inserted: DocumentPart[] = [];
    for (let i = prefix; i < newCount - suffix; i++) inserted.push(this.part(uri, analyses[i]!, starts[i]!));
    const replaced = docs.splice(prefix, oldCount - prefix - suffix, ...inserted);
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

  private part(uri: string, analysis: DocumentAnalysis, start: number): DocumentPart {
    let relative = this.documentFacts.get(analysis);
    if (relative === undefined) {
      relative = null;
      if (mayHoldFacts(analysis.text, isKustomization(uri))) {
        const built = emptyFacts(uri);
        addDocumentFacts(built, analysis.parsed);
        if (built.kustomizeNamespace !== undefined || built.namespaces.length + built.workloads.length + built.services.length + built.policies.length > 0) relative = built;
      }
      this.documentFacts.set(analysis, relative);
    }
    const anchor: Anchor = { start };
    if (!relative || relative.uri !== uri) return { analysis, anchor, facts: null, cross: false };
    const cross = relative.policies.some((p) => [...p.ingress, ...p.egress].some((r) => r.peers !== 'all' && r.peers.some((peer) => peer.namespaceSelector)));
    return { analysis, anchor, facts: anchorFacts(relative, anchor), cross };
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
  lint(input: Omit<WorkspaceLintInput, 'facts' | 'index'> & { readonly key: unknown }): WorkspaceLintResult {
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
    const result = concerned ? lintWorkspace({ ...input, facts: this.index.file(input.uri)!, index: this.index }) : NO_WORKSPACE_FINDINGS;
    entry.last = { factsVersion: entry.factsVersion, key: input.key, rules: input.rules, versions, indexVersion: this.index.version, cross: entry.crossDocuments > 0, result };
    return result;
  }

  /** The open files (other than `except`) whose last workspace pass may be out of date. */
  staleOpenFiles(except?: string): string[] {
    const out: string[] = [];
    for (const [uri, entry] of this.open) {
      if (uri === except || !entry.last) continue;
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
