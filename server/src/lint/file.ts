// Combines the cached per-document analyses of a file with the file-wide rules, applies suppression comments and the
// severity settings, and yields the file's findings per document (relative spans) or as one list (absolute spans).
import type { NetworkPolicy } from '../model/policy';
import { GO_TEMPLATE_RULE, ruleById, UNUSED_SUPPRESSION_RULE } from '../rules/registry';
import type { FileContext, FileFinding, PolicyRef, Rule, Severity } from '../rules/types';
import { shiftSpan, type Span } from '../syntax/span';
import { safely, type DocumentAnalysis, type DocumentResult, type RuleFinding } from './document';
import type { Settings } from './settings';

export interface PlacedDocument {
  readonly analysis: DocumentAnalysis;
  /** Offset of the document's chunk in the file. */
  readonly start: number;
}

export interface FileFindingResult extends RuleFinding {
  readonly severity: Severity;
  readonly documentIndex: number;
}

/**
 * What the previous run of the file-wide rules saw and found, so that a rule with `fileFacts` can be skipped after an edit
 * that changed none of its facts. Owned by whoever lints the same file again and again (the language service).
 */
export interface FileRuleCache {
  settings?: Settings;
  /** The analysis of each document, by index, in the previous run. */
  analyses: readonly DocumentAnalysis[];
  /** Per document of the previous run: 1 where it mentions a NetworkPolicy, 1 where it has syntax errors. */
  mentions: Uint8Array;
  syntaxErrors: Uint8Array;
  /** Per document of the previous run, its own results (without file-wide findings). */
  own: readonly (readonly DocumentResult[])[];
  findings: Map<string, readonly FileFinding[]>;
}

export function newFileRuleCache(): FileRuleCache {
  return { analyses: [], mentions: new Uint8Array(0), syntaxErrors: new Uint8Array(0), own: [], findings: new Map() };
}

/**
 * Which documents an edit left as they were in the previous run of `lintAnalyses` with the same cache: the first `prefix`
 * and the last `suffix`. A hint about another run (`since` is not the analyses that run was given) is ignored.
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

const NONE: readonly DocumentResult[] = [];

/**
 * The results of a file, per document (spans relative to each document, sorted): per-document findings, file-wide rules,
 * suppression comments and severity settings. After an edit this costs a light pass over the documents plus the work of
 * the changed ones: a document's resolved results are kept with its analysis, and file-wide rules whose facts did not
 * change are not run again.
 */
export function lintAnalyses(
  analyses: readonly DocumentAnalysis[],
  starts: ArrayLike<number>,
  settings: Settings,
  rules: readonly Rule[],
  cache: FileRuleCache = newFileRuleCache(),
  unchanged?: UnchangedDocuments,
): (readonly DocumentResult[])[] {
  // An edit changes a run of documents; the ones before and after it take their flags and results from the previous
  // run with native array copies. Visiting each document instead would cost, in a large file, a cache miss per document
  // (the analyses are spread over a large heap) in a loop the engine has too few calls to optimise.
  const count = analyses.length;
  const region = changedRegion(analyses, cache, settings, unchanged);
  const { from, oldEnd, newEnd } = region;
  const mentions = new Uint8Array(count);
  const syntaxErrors = new Uint8Array(count);
  mentions.set(cache.mentions.subarray(0, from));
  syntaxErrors.set(cache.syntaxErrors.subarray(0, from));
  mentions.set(cache.mentions.subarray(oldEnd), newEnd);
  syntaxErrors.set(cache.syntaxErrors.subarray(oldEnd), newEnd);
  const changed: (readonly DocumentResult[])[] = [];
  for (let i = from; i < newEnd; i++) {
    const analysis = analyses[i]!;
    mentions[i] = analysis.mentionsNetworkPolicy ? 1 : 0;
    syntaxErrors[i] = analysis.parsed.syntaxErrors.length > 0 ? 1 : 0;
    const resolved = analysis.resolved;
    if (resolved.settings !== settings || !resolved.results) {
      resolved.results = resolveDocument(analysis, NONE, settings);
      resolved.settings = settings;
    }
    changed.push(resolved.results);
  }
  const own = cache.own.slice(0, from).concat(changed, cache.own.slice(oldEnd));
  const previous = cache.analyses;
  const sameSettings = cache.settings === settings;
  cache.settings = settings;
  cache.analyses = analyses;
  cache.mentions = mentions;
  cache.syntaxErrors = syntaxErrors;
  cache.own = own;

  if (mentions.indexOf(1) === -1) return new Array<readonly DocumentResult[]>(count).fill(NONE);
  // Only a file that does not parse can be a template; a template gets that one finding and no other.
  const template = syntaxErrors.indexOf(1) !== -1 ? goTemplateFinding(analyses, starts) : undefined;
  if (template) {
    const perDocument = new Array<readonly DocumentResult[]>(count).fill(NONE);
    const level = levelOf(GO_TEMPLATE_RULE, settings);
    if (level !== 'off') perDocument[template.documentIndex] = [{ ...template, severity: level }];
    return perDocument;
  }
  // Documents with file-wide findings are resolved again with them (their suppression comments may hide them).
  const perDocument = own.slice();
  for (const [i, extra] of runFileRules(analyses, previous, sameSettings ? region : undefined, settings, rules, cache)) perDocument[i] = resolveDocument(analyses[i]!, extra, settings);
  return perDocument;
}

/**
 * The run of documents that differ from the previous run: from the hint when it is about that run, else found by
 * comparing from both ends. Everything, when the settings changed.
 */
function changedRegion(analyses: readonly DocumentAnalysis[], cache: FileRuleCache, settings: Settings, hint: UnchangedDocuments | undefined): ChangedRegion {
  const previous = cache.analyses;
  const count = analyses.length;
  if (cache.settings !== settings) return { from: 0, oldEnd: previous.length, newEnd: count };
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

/** The results of `lintAnalyses` as one list with absolute spans, in file order. */
export function placeResults(perDocument: readonly (readonly DocumentResult[])[], starts: ArrayLike<number>): FileFindingResult[] {
  const out: FileFindingResult[] = [];
  for (let documentIndex = 0; documentIndex < perDocument.length; documentIndex++) {
    const results = perDocument[documentIndex]!;
    const start = starts[documentIndex]!;
    for (const r of results) out.push({ ...r, span: shiftSpan(r.span, start), documentIndex });
  }
  return out;
}

/** `lintAnalyses` of placed documents, as one list with absolute spans. */
export function lintFile(
  documents: readonly PlacedDocument[],
  settings: Settings,
  rules: readonly Rule[],
  cache: FileRuleCache = newFileRuleCache(),
): FileFindingResult[] {
  const starts = documents.map((d) => d.start);
  return placeResults(lintAnalyses(documents.map((d) => d.analysis), starts, settings, rules, cache), starts);
}

/** Runs the file-wide rules (reusing the findings of those whose facts did not change); their findings by document. */
function runFileRules(
  analyses: readonly DocumentAnalysis[],
  /** The analyses of the previous run. */
  previous: readonly DocumentAnalysis[],
  /** What changed since the previous run with the same settings; undefined when everything may have. */
  region: ChangedRegion | undefined,
  settings: Settings,
  rules: readonly Rule[],
  cache: FileRuleCache,
): Map<number, RuleFinding[]> {
  // The list of every policy is built only if some file-wide rule has to run (after most edits none has to).
  let allPolicies: PolicyRef[] | undefined;
  const policyList = (): PolicyRef[] => (allPolicies ??= collectPolicies(analyses));
  const memo = <T>(ref: PolicyRef, key: string, compute: () => T): T => memoIn(ref.facts, key, compute);
  const findingsByRule = new Map<string, readonly FileFinding[]>();
  const inDocument = new Map<number, RuleFinding[]>();
  for (const rule of rules) {
    if (!rule.checkFile || !isEnabled(rule, settings)) continue;
    const id = rule.meta.id;
    const fileFacts = rule.fileFacts?.bind(rule);
    const fileCtx: FileContext = {
      get policies() {
        return policyList();
      },
      settings,
      memo,
      facts: <T>(ref: PolicyRef): T => (fileFacts ? memo(ref, id, () => fileFacts(ref.policy, settings) as T) : (undefined as T)),
    };
    const before = cache.findings.get(id);
    const compute = fileFacts && ((policy: NetworkPolicy) => fileFacts(policy, settings));
    // Reusable when the changed documents hold the same facts as before and none of the findings is in them (those carry
    // spans of the old text). Not when documents were added or removed: findings may name other policies' documents.
    const reusable =
      compute &&
      region &&
      region.newEnd === region.oldEnd &&
      before &&
      before.every((f) => f.documentIndex < region.from || f.documentIndex >= region.oldEnd) &&
      sameFacts(previous, analyses, region, id, compute);
    const findings = reusable ? before : safely(() => rule.checkFile!(fileCtx), id);
    findingsByRule.set(id, findings);
    for (const f of findings) {
      const index = f.documentIndex < analyses.length ? f.documentIndex : 0;
      let list = inDocument.get(index);
      if (!list) inDocument.set(index, (list = []));
      list.push({ ...f, ruleId: id });
    }
  }
  cache.findings = findingsByRule;
  return inDocument;
}

/** One document's results: its findings and the file-wide ones in it, after its suppression comments and the settings. */
function resolveDocument(analysis: DocumentAnalysis, fileFindings: readonly RuleFinding[], settings: Settings): readonly DocumentResult[] {
  if (analysis.findings.length === 0 && fileFindings.length === 0 && analysis.suppressions.length === 0) return NONE;
  const all = fileFindings.length === 0 ? analysis.findings : [...analysis.findings, ...fileFindings];
  return finalize(applySuppressions(all, analysis, settings), settings);
}

function collectPolicies(analyses: readonly DocumentAnalysis[]): PolicyRef[] {
  const policies: PolicyRef[] = [];
  for (let documentIndex = 0; documentIndex < analyses.length; documentIndex++) {
    const analysis = analyses[documentIndex]!;
    const cached = analysis.policyRefs;
    if (cached.documentIndex !== documentIndex) {
      cached.refs = analysis.policies.map((policy, j) => ({ policy, documentIndex, facts: analysis.policyFacts[j]! }));
      cached.documentIndex = documentIndex;
    }
    const refs = cached.refs;
    for (let i = 0; i < refs.length; i++) policies.push(refs[i]!);
  }
  return policies;
}

/** True when the changed documents' policies, in order, have the same facts for the rule before and after. */
function sameFacts(
  previous: readonly DocumentAnalysis[],
  current: readonly DocumentAnalysis[],
  region: ChangedRegion,
  ruleId: string,
  compute: (policy: NetworkPolicy) => unknown,
): boolean {
  const signatures = (analyses: readonly DocumentAnalysis[], from: number, end: number): string => {
    let out = '';
    // Documents without policies (a blank document, a comment) have no facts and do not count.
    for (let i = from; i < end; i++) if (analyses[i]!.policies.length > 0) out += `${factSignature(analyses[i]!, ruleId, compute)}\n`;
    return out;
  };
  return signatures(previous, region.from, region.oldEnd) === signatures(current, region.from, region.newEnd);
}

function memoIn<T>(facts: Map<string, unknown>, key: string, compute: () => T): T {
  const known = facts.get(key);
  if (known !== undefined || facts.has(key)) return known as T;
  const value = compute();
  facts.set(key, value);
  return value;
}

/** The JSON of a document's policies' facts for one rule, computed once per document analysis. */
function factSignature(analysis: DocumentAnalysis, ruleId: string, compute: (policy: NetworkPolicy) => unknown): string {
  let signature = analysis.factSignatures.get(ruleId);
  if (signature === undefined) {
    signature = JSON.stringify(analysis.policies.map((policy, j) => memoIn(analysis.policyFacts[j]!, ruleId, () => compute(policy))));
    analysis.factSignatures.set(ruleId, signature);
  }
  return signature;
}



function goTemplateFinding(analyses: readonly DocumentAnalysis[], starts: ArrayLike<number>): (RuleFinding & { documentIndex: number }) | undefined {
  // The braces are looked up per document (where they were found once, when the document was analysed), so that the
  // whole text of a large file is not scanned on every edit. The span, relative to the opening document, may run on
  // into a later document.
  const first = analyses.findIndex((a) => a.templateOpen !== -1);
  if (first === -1) return undefined;
  const opening = analyses[first]!;
  let end = opening.text.indexOf('}}', opening.templateOpen);
  for (let i = first + 1; end === -1 && i < analyses.length; i++) {
    const a = analyses[i]!;
    if (a.templateClose !== -1) end = starts[i]! - starts[first]! + a.templateClose;
  }
  if (end === -1) return undefined;
  return {
    ruleId: GO_TEMPLATE_RULE.meta.id,
    span: { start: opening.templateOpen, end: end + 2 },
    message: 'This file is a Helm/Go template, not YAML yet, so netpol does not check it. Check the rendered output instead: `helm template <release> <chart> | netpol-lint -`.',
    documentIndex: first,
  };
}

function applySuppressions(findings: readonly RuleFinding[], analysis: DocumentAnalysis, settings: Settings): RuleFinding[] {
  const suppressions = analysis.suppressions;
  if (suppressions.length === 0) return findings as RuleFinding[];
  const kept: RuleFinding[] = [];
  const used = new Set<string>();
  const key = (index: number, id: string) => `${index}:${id}`;
  for (const f of findings) {
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
  if (levelOf(UNUSED_SUPPRESSION_RULE, settings) !== 'off') {
    suppressions.forEach((s, index) => {
      if (s.ruleIds.length === 0) {
        if (!used.has(key(index, '*'))) kept.push(unused(s.span, 'This suppression comment hides no diagnostic. Remove it.'));
        return;
      }
      s.ruleIds.forEach((id, i) => {
        if (used.has(key(index, id))) return;
        const why = ruleById(id) ? `no "${id}" diagnostic here` : `"${id}" is not a netpol rule id`;
        const rule = ruleById(id);
        // A rule that is off hides nothing, but the comment still documents intent for other settings: leave it alone.
        if (rule && levelOf(rule, settings) === 'off') return;
        kept.push(unused(s.idSpans[i]!, `Unused suppression: ${why}. Remove it.`));
      });
    });
  }
  return kept;
}

function unused(span: Span, message: string): RuleFinding {
  return { ruleId: UNUSED_SUPPRESSION_RULE.meta.id, span, message, tag: 'unnecessary' };
}

function finalize(findings: readonly RuleFinding[], settings: Settings): DocumentResult[] {
  const out: DocumentResult[] = [];
  for (const f of findings) {
    const rule = ruleById(f.ruleId);
    const level = rule ? levelOf(rule, settings, f.severity) : (f.severity ?? 'error');
    if (level === 'off') continue;
    out.push({ ...f, severity: level });
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out;
}
export function isEnabled(rule: Rule, settings: Settings): boolean {
  return levelOf(rule, settings) !== 'off';
}

function levelOf(rule: Rule, settings: Settings, findingSeverity?: Severity): Severity | 'off' {
  const configured = settings.rules[rule.meta.id];
  if (configured) return configured;
  if (rule.meta.profile === 'strict' && settings.profile !== 'strict') return 'off';
  return findingSeverity ?? rule.meta.severity;
}

export type { NetworkPolicy };
