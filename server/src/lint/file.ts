// Combines the cached per-document analyses of a file with the file-wide rules, applies suppression comments and the
// severity settings, and yields the file's findings per document (relative spans). `IncrementalLint` owns everything a
// file's lint remembers between runs, so that an edit redoes only the documents it changed.
import type { NetworkPolicy } from '../model/policy';
import type { FileContext, FileFinding, PolicyRef, SuppressionContext, WholeFileContext } from '../rules/types';
import { shiftSpan } from '../syntax/span';
import { levelOf, type ActiveRules } from './active-rules';
import { runFileCheck, runFileFacts, runSuppressionCheck, runWholeFileCheck } from './checks';
import type { DocumentAnalysis, DocumentResult, RuleFinding } from './document';

export interface FileFindingResult extends RuleFinding {
  readonly severity: Severity;
  readonly documentIndex: number;
}

type Severity = DocumentResult['severity'];

/**
 * Which documents an edit left as they were in the previous run of the same `IncrementalLint`: the first `prefix` and the
 * last `suffix`. A hint about another run (`since` is not the analyses that run was given) is ignored.
 */
export interface UnchangedDocuments {
  readonly since: readonly unknown[];
  readonly prefix: number;
  readonly suffix: number;
}

/** Documents `from`…`oldEnd` of the previous run became documents `from`…`newEnd`; the rest are the same analyses. */
interface ChangedRegion {
  readonly from: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** What the lint remembers of one document analysis, for the rules it was made with. */
interface DocumentMemory {
  /** The document's results when no file-wide finding falls in it. */
  results?: readonly DocumentResult[];
  /** The policies as file-wide rules see them, for the document index they were made for. */
  refs?: { readonly documentIndex: number; readonly refs: readonly PolicyRef[] };
  /** Per policy (same order), the facts file-wide rules derived from it (`FileContext.memo`). */
  facts?: Map<string, unknown>[];
  /** Per file-wide rule id, the JSON of the `fileFacts` of the document's policies. */
  signatures?: Map<string, string>;
}

const NONE: readonly DocumentResult[] = [];

/**
 * One file's lint, run again and again on the file's changing documents (owned by whoever analyses that file). After an
 * edit a run costs a light pass over the documents plus the work of the changed ones: a document's resolved results are
 * kept, and file-wide rules whose facts did not change are not run again.
 */
export class IncrementalLint {
  /** The rules of the previous run; everything below describes that run. */
  private rules: ActiveRules | undefined;
  private analyses: readonly DocumentAnalysis[] = [];
  /** Per document of the previous run: 1 where it mentions a NetworkPolicy, 1 where it has syntax errors. */
  private mentions = new Uint8Array(0);
  private syntaxErrors = new Uint8Array(0);
  /** Per document of the previous run, its own results (without file-wide findings). */
  private own: readonly (readonly DocumentResult[])[] = [];
  /** Per file-wide rule id, its findings in the previous run. */
  private findings = new Map<string, readonly (FileFinding & { readonly failure?: string })[]>();
  private memory = new WeakMap<DocumentAnalysis, DocumentMemory>();
  /** File-wide rules that threw since the last `takeFailures`. */
  private failures: { ruleId: string; documentIndex: number; offset: number; error: string }[] = [];

  /** The file-wide rules that threw in the runs since the last call (a reused finding is not a new failure). */
  takeFailures(): { ruleId: string; documentIndex: number; offset: number; error: string }[] {
    const taken = this.failures;
    if (taken.length > 0) this.failures = [];
    return taken;
  }

  /** The results of a file, per document (spans relative to each document, sorted). */
  lint(analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>, rules: ActiveRules, unchanged?: UnchangedDocuments): (readonly DocumentResult[])[] {
    if (this.rules !== rules) this.memory = new WeakMap();
    // An edit changes a run of documents; the ones before and after it take their flags and results from the previous
    // run with native array copies. Visiting each document instead would cost, in a large file, a cache miss per document
    // (the analyses are spread over a large heap) in a loop the engine has too few calls to optimise.
    const count = analyses.length;
    const region = this.changedRegion(analyses, rules, unchanged);
    const { from, oldEnd, newEnd } = region;
    const mentions = new Uint8Array(count);
    const syntaxErrors = new Uint8Array(count);
    mentions.set(this.mentions.subarray(0, from));
    syntaxErrors.set(this.syntaxErrors.subarray(0, from));
    mentions.set(this.mentions.subarray(oldEnd), newEnd);
    syntaxErrors.set(this.syntaxErrors.subarray(oldEnd), newEnd);
    const changed: (readonly DocumentResult[])[] = [];
    for (let i = from; i < newEnd; i++) {
      const analysis = analyses[i]!;
      mentions[i] = analysis.mentionsNetworkPolicy ? 1 : 0;
      syntaxErrors[i] = analysis.parsed.syntaxErrors.length > 0 ? 1 : 0;
      const memory = this.memoryOf(analysis);
      changed.push((memory.results ??= resolveDocument(analysis, NONE, rules)));
    }
    const own = this.own.slice(0, from).concat(changed, this.own.slice(oldEnd));
    const previous = this.analyses;
    const sameRules = this.rules === rules;
    this.rules = rules;
    this.analyses = analyses;
    this.mentions = mentions;
    this.syntaxErrors = syntaxErrors;
    this.own = own;

    if (mentions.indexOf(1) === -1) return new Array<readonly DocumentResult[]>(count).fill(NONE);
    const whole = this.wholeFile(analyses, starts, rules);
    if (whole) return whole;
    // Documents with file-wide findings are resolved again with them (their suppression comments may hide them).
    const perDocument = own.slice();
    for (const [i, extra] of this.runFileRules(analyses, previous, sameRules ? region : undefined, rules)) perDocument[i] = resolveDocument(analyses[i]!, extra, rules);
    return perDocument;
  }

  private memoryOf(analysis: DocumentAnalysis): DocumentMemory {
    let memory = this.memory.get(analysis);
    if (!memory) this.memory.set(analysis, (memory = {}));
    return memory;
  }

  /**
   * The run of documents that differ from the previous run: from the hint when it is about that run, else found by
   * comparing from both ends. Everything, when the rules changed.
   */
  private changedRegion(analyses: readonly DocumentAnalysis[], rules: ActiveRules, hint: UnchangedDocuments | undefined): ChangedRegion {
    const previous = this.analyses;
    const count = analyses.length;
    if (this.rules !== rules) return { from: 0, oldEnd: previous.length, newEnd: count };
    let prefix: number;
    let suffix: number;
    const most = Math.min(count, previous.length);
    if (hint && hint.since === previous) {
      prefix = Math.min(hint.prefix, most);
      suffix = Math.min(hint.suffix, most - prefix);
    } else {
      prefix = 0;
      while (prefix < most && analyses[prefix] === previous[prefix]) prefix++;
      suffix = 0;
      while (suffix < most - prefix && analyses[count - 1 - suffix] === previous[previous.length - 1 - suffix]) suffix++;
    }
    return { from: prefix, oldEnd: previous.length - suffix, newEnd: count - suffix };
  }

  /** The file's results when a whole-file rule recognises it (its one finding, if the rule is on); else undefined. */
  private wholeFile(analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>, rules: ActiveRules): (readonly DocumentResult[])[] | undefined {
    const syntaxErrors = this.syntaxErrors;
    for (const rule of rules.wholeFileRules) {
      const id = rule.meta.id;
      const ctx: WholeFileContext = {
        documentCount: analyses.length,
        get syntaxErrors() {
          return syntaxErrors.indexOf(1) !== -1;
        },
        facts: <T>(index: number) => analyses[index]!.ruleFacts.get(id) as T,
        text: (index) => analyses[index]!.text,
        start: (index) => starts[index]!,
      };
      const found = runWholeFileCheck(rule, ctx);
      if (!found) continue;
      const perDocument = new Array<readonly DocumentResult[]>(analyses.length).fill(NONE);
      const level = levelOf(rule, rules.settings);
      const index = found.documentIndex < analyses.length ? found.documentIndex : 0;
      if (level !== 'off') perDocument[index] = [{ span: found.span, message: found.message, ruleId: id, severity: level }];
      return perDocument;
    }
    return undefined;
  }

  /** Runs the file-wide rules (reusing the findings of those whose facts did not change); their findings by document. */
  private runFileRules(
    analyses: readonly DocumentAnalysis[],
    /** The analyses of the previous run. */
    previous: readonly DocumentAnalysis[],
    /** What changed since the previous run with the same rules; undefined when everything may have. */
    region: ChangedRegion | undefined,
    rules: ActiveRules,
  ): Map<number, RuleFinding[]> {
    const { settings } = rules;
    // The list of every policy is built only if some file-wide rule has to run (after most edits none has to).
    let allPolicies: PolicyRef[] | undefined;
    const policyList = (): PolicyRef[] => (allPolicies ??= this.collectPolicies(analyses));
    const memo = <T>(ref: PolicyRef, key: string, compute: () => T): T => memoIn(ref.facts, key, compute);
    const findingsByRule = new Map<string, readonly FileFinding[]>();
    const inDocument = new Map<number, RuleFinding[]>();
    for (const rule of rules.fileRules) {
      const id = rule.meta.id;
      const hasFacts = rule.fileFacts !== undefined;
      const compute = (policy: NetworkPolicy) => runFileFacts(rule, policy, settings);
      const fileCtx: FileContext = {
        get policies() {
          return policyList();
        },
        settings,
        memo,
        facts: <T>(ref: PolicyRef): T => (hasFacts ? memo(ref, id, () => compute(ref.policy) as T) : (undefined as T)),
      };
      const before = this.findings.get(id);
      // Reusable when the changed documents hold the same facts as before and none of the findings is in them (those carry
      // spans of the old text). Not when documents were added or removed: findings may name other policies' documents.
      const reusable =
        hasFacts &&
        region &&
        region.newEnd === region.oldEnd &&
        before &&
        before.every((f) => f.documentIndex < region.from || f.documentIndex >= region.oldEnd) &&
        this.sameFacts(previous, analyses, region, id, compute);
      const findings = reusable ? before : runFileCheck(rule, fileCtx);
      findingsByRule.set(id, findings);
      for (const f of findings) {
        const index = f.documentIndex < analyses.length ? f.documentIndex : 0;
        if (!reusable && f.failure !== undefined) this.failures.push({ ruleId: id, documentIndex: index, offset: f.span.start, error: f.failure });
        let list = inDocument.get(index);
        if (!list) inDocument.set(index, (list = []));
        list.push({ ...f, ruleId: id });
      }
    }
    this.findings = findingsByRule;
    return inDocument;
  }

  private collectPolicies(analyses: readonly DocumentAnalysis[]): PolicyRef[] {
    const policies: PolicyRef[] = [];
    for (let documentIndex = 0; documentIndex < analyses.length; documentIndex++) {
      const analysis = analyses[documentIndex]!;
      if (analysis.policies.length === 0) continue;
      const memory = this.memoryOf(analysis);
      if (memory.refs?.documentIndex !== documentIndex) {
        const facts = this.factsOf(analysis, memory);
        memory.refs = { documentIndex, refs: analysis.policies.map((policy, j) => ({ policy, documentIndex, facts: facts[j]! })) };
      }
      const refs = memory.refs.refs;
      for (let i = 0; i < refs.length; i++) policies.push(refs[i]!);
    }
    return policies;
  }

  private factsOf(analysis: DocumentAnalysis, memory: DocumentMemory = this.memoryOf(analysis)): Map<string, unknown>[] {
    return (memory.facts ??= analysis.policies.map(() => new Map()));
  }

  /** True when the changed documents' policies, in order, have the same facts for the rule before and after. */
  private sameFacts(
    previous: readonly DocumentAnalysis[],
    current: readonly DocumentAnalysis[],
    region: ChangedRegion,
    ruleId: string,
    compute: (policy: NetworkPolicy) => unknown,
  ): boolean {
    const signatures = (analyses: readonly DocumentAnalysis[], from: number, end: number): string => {
      let out = '';
      // Documents without policies (a blank document, a comment) have no facts and do not count.
      for (let i = from; i < end; i++) if (analyses[i]!.policies.length > 0) out += `${this.factSignature(analyses[i]!, ruleId, compute)}\n`;
      return out;
    };
    return signatures(previous, region.from, region.oldEnd) === signatures(current, region.from, region.newEnd);
  }

  /** The JSON of a document's policies' facts for one rule, computed once per document analysis. */
  private factSignature(analysis: DocumentAnalysis, ruleId: string, compute: (policy: NetworkPolicy) => unknown): string {
    const memory = this.memoryOf(analysis);
    const signatures = (memory.signatures ??= new Map());
    let signature = signatures.get(ruleId);
    if (signature === undefined) {
      const facts = this.factsOf(analysis, memory);
      signature = JSON.stringify(analysis.policies.map((policy, j) => memoIn(facts[j]!, ruleId, () => compute(policy))));
      signatures.set(ruleId, signature);
    }
    return signature;
  }
}

/** Per-document results (as `IncrementalLint.lint` gives them) as one list with absolute spans, in file order. */
export function placeResults(perDocument: readonly (readonly DocumentResult[])[], starts: ArrayLike<number>): FileFindingResult[] {
  const out: FileFindingResult[] = [];
  for (let documentIndex = 0; documentIndex < perDocument.length; documentIndex++) {
    const results = perDocument[documentIndex]!;
    const start = starts[documentIndex]!;
    for (const r of results) out.push({ ...r, span: shiftSpan(r.span, start), documentIndex });
  }
  return out;
}

function memoIn<T>(facts: Map<string, unknown>, key: string, compute: () => T): T {
  const known = facts.get(key);
  if (known !== undefined || facts.has(key)) return known as T;
  const value = compute();
  facts.set(key, value);
  return value;
}

/** One document's results: its findings and the file-wide ones in it, after its suppression comments and the settings. */
function resolveDocument(analysis: DocumentAnalysis, fileFindings: readonly RuleFinding[], rules: ActiveRules): readonly DocumentResult[] {
  if (analysis.findings.length === 0 && fileFindings.length === 0 && analysis.suppressions.length === 0) return NONE;
  const all = fileFindings.length === 0 ? analysis.findings : [...analysis.findings, ...fileFindings];
  return finalize(applySuppressions(all, analysis, rules), rules);
}

/** The findings the document's suppression comments leave, plus what the rules checking those comments find. */
function applySuppressions(findings: readonly RuleFinding[], analysis: DocumentAnalysis, rules: ActiveRules): readonly RuleFinding[] {
  const suppressions = analysis.suppressions;
  if (suppressions.length === 0) return findings;
  const { registry, settings } = rules;
  const kept: RuleFinding[] = [];
  const used = new Set<string>();
  const key = (index: number, id: string) => `${index}:${id}`;
  for (const f of findings) {
    if (registry.byId(f.ruleId)?.meta.suppressible === false) {
      kept.push(f);
      continue;
    }
    let suppressed = false;
    suppressions.forEach((s, index) => {
      const applies = s.scope === 'document' || (s.target !== undefined && f.span.start >= s.target.start && f.span.start <= s.target.end);
      if (!applies) return;
      if (s.ruleIds.length === 0) {
        suppressed = true;
        used.add(key(index, '*'));
      } else if (s.ruleIds.includes(f.ruleId)) {
        suppressed = true;
        used.add(key(index, f.ruleId));
      }
    });
    if (!suppressed) kept.push(f);
  }
  if (rules.suppressionRules.length === 0) return kept;
  const ctx: SuppressionContext = {
    suppressions,
    // Workspace findings are not known here (lint/workspace.ts applies the comment to them): a comment naming a workspace
    // rule is not reported as unused.
    hid: (index, id) => used.has(key(index, id)) || registry.byId(id)?.checkWorkspace !== undefined,
    isRule: (id) => registry.byId(id) !== undefined,
    isOff: (id) => {
      const rule = registry.byId(id);
      return rule !== undefined && levelOf(rule, settings) === 'off';
    },
  };
  for (const rule of rules.suppressionRules) for (const f of runSuppressionCheck(rule, ctx)) kept.push({ ...f, ruleId: rule.meta.id });
  return kept;
}

function finalize(findings: readonly RuleFinding[], rules: ActiveRules): DocumentResult[] {
  const out: DocumentResult[] = [];
  for (const f of findings) {
    const rule = rules.registry.byId(f.ruleId);
    const level = rule ? levelOf(rule, rules.settings, f.severity) : (f.severity ?? 'error');
    if (level === 'off') continue;
    out.push({ ...f, severity: level });
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out;
}
