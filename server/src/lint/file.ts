// Combines the cached per-document analyses of a file with the file-wide rules, applies suppression comments and the
// severity settings, and yields the file's findings per document (relative spans). `IncrementalLint` owns everything a
// file's lint remembers between runs, so that an edit redoes only the documents it changed.
import type { SuppressionContext, WholeFileContext } from '../rules/types';
import { shiftSpan } from '../syntax/span';
import { levelOf, type ActiveRules } from './active-rules';
import { runSuppressionCheck, runWholeFileCheck } from './checks';
import type { DocumentAnalysis, DocumentResult, RuleFinding } from './document';
import { FileRuleIndex } from './file-index';

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
}

const NONE: readonly DocumentResult[] = [];

/**
 * One file's lint, run again and again on the file's changing documents (owned by whoever analyses that file). After an
 * edit a run costs a light pass over the documents plus the work of the changed ones: a document's resolved results are
 * kept, and the file-wide rules judge again only the policies the change can affect (`FileRuleIndex`).
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
  /** The file-wide rules' index of the previous run's documents, and per document its results with their findings. */
  private fileRules: { readonly index: FileRuleIndex; final: (readonly DocumentResult[])[] } | undefined;
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
  lint(analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>, rules: ActiveRules, unchanged?: UnchangedDocuments): readonly (readonly DocumentResult[])[] {
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
    const sameRules = this.rules === rules;
    this.rules = rules;
    this.analyses = analyses;
    this.mentions = mentions;
    this.syntaxErrors = syntaxErrors;
    this.own = own;

    // The file-wide index follows the documents from run to run; a run that skips it starts it over next time.
    const fileRules = sameRules ? this.fileRules : undefined;
    this.fileRules = undefined;
    if (mentions.indexOf(1) === -1) return new Array<readonly DocumentResult[]>(count).fill(NONE);
    const whole = this.wholeFile(analyses, starts, rules);
    if (whole) return whole;
    if (rules.fileRules.length === 0) return own;
    const index = fileRules?.index ?? new FileRuleIndex(rules);
    // Documents whose file-wide findings changed are resolved again with them (their suppression comments may hide them);
    // the others keep their results of the previous run, moved with native copies.
    const final = fileRules ? fileRules.final.slice(0, from).concat(changed, fileRules.final.slice(oldEnd)) : own.slice();
    for (const i of index.update(analyses, fileRules ? region : undefined)) {
      const extra = index.findingsOf(i);
      final[i] = extra.length === 0 ? own[i]! : resolveDocument(analyses[i]!, extra, rules);
    }
    for (const f of index.takeFailures()) this.failures.push(f);
    this.fileRules = { index, final };
    // Not copied: the next run builds its own array from this one and never writes to it.
    return final;
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
      // The re-split may take in a neighbour of the edited document that came out the same: not a change either (so that
      // file-wide judgments of its policies are not redone). A loop over the re-split documents only.
      while (prefix < most - suffix && analyses[prefix] === previous[prefix]) prefix++;
      while (suffix < most - prefix && analyses[count - 1 - suffix] === previous[previous.length - 1 - suffix]) suffix++;
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
