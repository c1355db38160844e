// Combines the cached per-document analyses of a file with the file-wide rules, applies suppression comments and the
// severity settings, and yields the file's findings with absolute spans.
import type { NetworkPolicy } from '../model/policy';
import { GO_TEMPLATE_RULE, ruleById, UNUSED_SUPPRESSION_RULE } from '../rules/registry';
import type { FileContext, FileFinding, PolicyRef, Rule, Severity } from '../rules/types';
import { shiftSpan, type Span } from '../syntax/span';
import { safely, type DocumentAnalysis, type RuleFinding } from './document';
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
  findings: Map<string, readonly FileFinding[]>;
}

export function newFileRuleCache(): FileRuleCache {
  return { analyses: [], findings: new Map() };
}

export function lintFile(
  /** The file's text; unused since everything is read from the documents, kept so that callers need not change. */
  _text: string,
  documents: readonly PlacedDocument[],
  settings: Settings,
  rules: readonly Rule[],
  cache: FileRuleCache = newFileRuleCache(),
): FileFindingResult[] {
  // One pass over the documents: this part runs on every edit, for every document of the file, so it only collects.
  let mentionsPolicy = false;
  let syntaxErrors = false;
  const raw: (RuleFinding & { documentIndex: number })[] = [];
  const analyses: DocumentAnalysis[] = new Array(documents.length);
  for (let documentIndex = 0; documentIndex < documents.length; documentIndex++) {
    const { analysis, start } = documents[documentIndex]!;
    analyses[documentIndex] = analysis;
    if (analysis.mentionsNetworkPolicy) mentionsPolicy = true;
    if (analysis.parsed.syntaxErrors.length > 0) syntaxErrors = true;
    const found = analysis.findings;
    for (let i = 0; i < found.length; i++) raw.push({ ...found[i]!, span: shiftSpan(found[i]!.span, start), documentIndex });
  }
  // The list of every policy is built only if some file-wide rule has to run (after most edits none has to).
  let allPolicies: PolicyRef[] | undefined;
  const policyList = (): PolicyRef[] => (allPolicies ??= collectPolicies(analyses));
  if (!mentionsPolicy) return [];
  // Only a file that does not parse can be a template.
  const template = syntaxErrors ? goTemplateFinding(documents) : undefined;
  if (template) return finalize([template], documents, settings);

  const memo = <T>(ref: PolicyRef, key: string, compute: () => T): T => memoIn(ref.facts, key, compute);
  const previous = cache.settings === settings ? cache.analyses : undefined;
  const findingsByRule = new Map<string, readonly FileFinding[]>();
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
    const reusable = fileFacts && previous && before && unchangedFacts(previous, analyses, id, (policy) => fileFacts(policy, settings));
    // Findings in an edited document carry spans of its old text: those need a fresh run.
    const findings = reusable && before.every((f) => previous[f.documentIndex] === analyses[f.documentIndex]) ? before : safely(() => rule.checkFile!(fileCtx), id);
    findingsByRule.set(id, findings);
    for (const f of findings) {
      const start = documents[f.documentIndex]?.start ?? 0;
      raw.push({ ...f, span: shiftSpan(f.span, start), ruleId: id });
    }
  }
  cache.settings = settings;
  cache.analyses = analyses;
  cache.findings = findingsByRule;
  return finalize(applySuppressions(raw, documents, settings), documents, settings);
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

/** True when every document has the same analysis as before, or one whose policies have the same facts for the rule. */
function unchangedFacts(
  previous: readonly DocumentAnalysis[],
  current: readonly DocumentAnalysis[],
  ruleId: string,
  compute: (policy: NetworkPolicy) => unknown,
): boolean {
  if (previous.length !== current.length) return false;
  for (let i = 0; i < current.length; i++) {
    const a = previous[i]!;
    const b = current[i]!;
    if (a !== b && factSignature(a, ruleId, compute) !== factSignature(b, ruleId, compute)) return false;
  }
  return true;
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



function goTemplateFinding(documents: readonly PlacedDocument[]): (RuleFinding & { documentIndex: number }) | undefined {
  // Only a file that does not parse can be a template. The braces are looked up per document (where they were found
  // once, when the document was analysed), so that the whole text of a large file is not scanned on every edit.
  if (!documents.some((d) => d.analysis.parsed.syntaxErrors.length > 0)) return undefined;
  const first = documents.findIndex((d) => d.analysis.templateOpen !== -1);
  if (first === -1) return undefined;
  const opening = documents[first]!;
  const at = opening.start + opening.analysis.templateOpen;
  const sameDocument = opening.analysis.text.indexOf('}}', opening.analysis.templateOpen);
  let end = sameDocument === -1 ? -1 : opening.start + sameDocument;
  for (let i = first + 1; end === -1 && i < documents.length; i++) {
    const d = documents[i]!;
    if (d.analysis.templateClose !== -1) end = d.start + d.analysis.templateClose;
  }
  if (end === -1) return undefined;
  return {
    ruleId: GO_TEMPLATE_RULE.meta.id,
    span: { start: at, end: end + 2 },
    message: 'This file is a Helm/Go template, not YAML yet, so netpol does not check it. Check the rendered output instead: `helm template <release> <chart> | netpol-lint -`.',
    documentIndex: 0,
  };
}

function applySuppressions(
  findings: (RuleFinding & { documentIndex: number })[],
  documents: readonly PlacedDocument[],
  settings: Settings,
): (RuleFinding & { documentIndex: number })[] {
  const kept: (RuleFinding & { documentIndex: number })[] = [];
  const used = new Set<string>();
  const key = (doc: number, index: number, id: string) => `${doc}:${index}:${id}`;
  for (const f of findings) {
    const doc = documents[f.documentIndex]!;
    const relativeStart = f.span.start - doc.start;
    let suppressed = false;
    doc.analysis.suppressions.forEach((s, index) => {
      const applies = s.scope === 'document' || (s.target !== undefined && relativeStart >= s.target.start && relativeStart <= s.target.end);
      if (!applies) return;
      if (s.ruleIds.length === 0) {
        suppressed = true;
        used.add(key(f.documentIndex, index, '*'));
      } else if (s.ruleIds.includes(f.ruleId)) {
        suppressed = true;
        used.add(key(f.documentIndex, index, f.ruleId));
      }
    });
    if (!suppressed) kept.push(f);
  }
  if (levelOf(UNUSED_SUPPRESSION_RULE, settings) !== 'off') {
    documents.forEach((doc, documentIndex) => {
      if (doc.analysis.suppressions.length === 0) return;
      doc.analysis.suppressions.forEach((s, index) => {
        if (s.ruleIds.length === 0) {
          if (!used.has(key(documentIndex, index, '*'))) kept.push(unused(s.span, doc.start, documentIndex, 'This suppression comment hides no diagnostic. Remove it.'));
          return;
        }
        s.ruleIds.forEach((id, i) => {
          if (used.has(key(documentIndex, index, id))) return;
          const why = ruleById(id) ? `no "${id}" diagnostic here` : `"${id}" is not a netpol rule id`;
          const rule = ruleById(id);
          // A rule that is off hides nothing, but the comment still documents intent for other settings: leave it alone.
          if (rule && levelOf(rule, settings) === 'off') return;
          kept.push(unused(s.idSpans[i]!, doc.start, documentIndex, `Unused suppression: ${why}. Remove it.`));
        });
      });
    });
  }
  return kept;
}

function unused(span: Span, start: number, documentIndex: number, message: string): RuleFinding & { documentIndex: number } {
  return { ruleId: UNUSED_SUPPRESSION_RULE.meta.id, span: shiftSpan(span, start), message, documentIndex, tag: 'unnecessary' };
}

function finalize(findings: (RuleFinding & { documentIndex: number })[], _documents: readonly PlacedDocument[], settings: Settings): FileFindingResult[] {
  const out: FileFindingResult[] = [];
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
