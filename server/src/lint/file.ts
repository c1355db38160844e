// Combines the cached per-document analyses of a file with the file-wide rules, applies suppression comments and the
// severity settings, and yields the file's findings with absolute spans.
import type { NetworkPolicy } from '../model/policy';
import { GO_TEMPLATE_RULE, ruleById, UNUSED_SUPPRESSION_RULE } from '../rules/registry';
import type { FileContext, PolicyRef, Rule, Severity } from '../rules/types';
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

/** Per-policy facts of file-wide rules (`FileContext.memo`), owned by whoever keeps the policies across edits. */
export type PolicyMemo = WeakMap<NetworkPolicy, Map<string, unknown>>;

export function lintFile(
  text: string,
  documents: readonly PlacedDocument[],
  settings: Settings,
  rules: readonly Rule[],
  memo: PolicyMemo = new WeakMap(),
): FileFindingResult[] {
  const mentionsPolicy = documents.some((d) => d.analysis.mentionsNetworkPolicy);
  if (!mentionsPolicy) return [];

  const template = goTemplateFinding(text, documents);
  if (template) return finalize([template], documents, settings);

  const raw: (RuleFinding & { documentIndex: number })[] = [];
  documents.forEach((d, documentIndex) => {
    for (const f of d.analysis.findings) raw.push({ ...f, span: shiftSpan(f.span, d.start), documentIndex });
  });
  const policies: PolicyRef[] = [];
  documents.forEach((d, documentIndex) => {
    for (const policy of d.analysis.policies) policies.push({ policy, documentIndex });
  });
  const fileCtx: FileContext = {
    policies,
    settings,
    memo<T>(policy: NetworkPolicy, key: string, compute: () => T): T {
      let facts = memo.get(policy);
      if (!facts) memo.set(policy, (facts = new Map()));
      if (facts.has(key)) return facts.get(key) as T;
      const value = compute();
      facts.set(key, value);
      return value;
    },
  };
  for (const rule of rules) {
    if (!rule.checkFile || !isEnabled(rule, settings)) continue;
    for (const f of safely(() => rule.checkFile!(fileCtx), rule.meta.id)) {
      const start = documents[f.documentIndex]?.start ?? 0;
      raw.push({ ...f, span: shiftSpan(f.span, start), ruleId: rule.meta.id });
    }
  }
  return finalize(applySuppressions(raw, documents, settings), documents, settings);
}

function goTemplateFinding(text: string, documents: readonly PlacedDocument[]): (RuleFinding & { documentIndex: number }) | undefined {
  // Only a file that does not parse can be a template; checking that first keeps a large valid file's text unread.
  if (!documents.some((d) => d.analysis.parsed.syntaxErrors.length > 0)) return undefined;
  const at = text.indexOf('{{');
  if (at === -1 || !text.includes('}}', at)) return undefined;
  const end = text.indexOf('}}', at);
  return {
    ruleId: GO_TEMPLATE_RULE.meta.id,
    span: { start: at, end: end === -1 ? at + 2 : end + 2 },
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
