// Analysis of one YAML document (chunk): parse, find policies, validate against the schema, run per-document rules.
// The result depends only on the chunk's text and the settings, so it is cached by text and reused across edits.
import { findPolicies } from '../model/build';
import type { NetworkPolicy } from '../model/policy';
import { validatePolicyNode, type SchemaProblem } from '../schema/validate';
import { LineIndex } from '../syntax/lines';
import { parseChunk, type ParsedChunk } from '../syntax/parse';
import type { DocumentContext, Finding, PolicyRef, Rule, Severity } from '../rules/types';
import type { Settings } from './settings';
import { findSuppressions, type Suppression } from './suppressions';

export interface RuleFinding extends Finding {
  readonly ruleId: string;
}

/** A finding as reported: after suppression comments and severity settings, its span relative to its document. */
export interface DocumentResult extends RuleFinding {
  readonly severity: Severity;
}

export interface DocumentAnalysis {
  readonly text: string;
  readonly parsed: ParsedChunk;
  readonly policies: readonly NetworkPolicy[];
  /** Findings of per-document rules, spans relative to the chunk, before suppressions and severity settings. */
  readonly findings: readonly RuleFinding[];
  readonly suppressions: readonly Suppression[];
  /** True when the document is or mentions a NetworkPolicy (so syntax errors in it concern us). */
  readonly mentionsNetworkPolicy: boolean;
  /** Line starts of the chunk's text: file positions are assembled from these, never from the whole file's text. */
  readonly lines: LineIndex;
  /** Per policy (same order), the facts file-wide rules derived from it (`FileContext.memo`), filled on first use. */
  readonly policyFacts: readonly Map<string, unknown>[];
  /** Per file-wide rule id, the JSON of the `fileFacts` of the document's policies (filled on first use). */
  readonly factSignatures: Map<string, string>;
  /** The policies as file-wide rules see them, for the document index they were made for (reused while it holds). */
  readonly policyRefs: { documentIndex: number; refs: readonly PolicyRef[] };
  /** Offsets of the first `{{` and the first `}}` in the text (-1 if none), for the Go-template check of the file. */
  readonly templateOpen: number;
  readonly templateClose: number;
  /**
   * The document's results when no file-wide finding falls in it, for the settings they were resolved with: filled by
   * `lint/file.ts` on first use, so that an edit elsewhere resolves nothing again here.
   */
  readonly resolved: { settings?: Settings; results?: readonly DocumentResult[] };
}

const MENTIONS_POLICY = /kind:\s*["']?NetworkPolicy(List)?\b|(?<![\w.-])networking\.k8s\.io\//;

export function parseDocumentChunk(text: string): { parsed: ParsedChunk; policies: NetworkPolicy[] } {
  const parsed = parseChunk(text, 0);
  const policies = parsed.syntaxErrors.length || parsed.aliasExpansionTooLarge ? [] : findPolicies(parsed.root);
  return { parsed, policies };
}

export function analyzeDocument(text: string, settings: Settings, rules: readonly Rule[], parsedInput?: { parsed: ParsedChunk; policies: NetworkPolicy[] }): DocumentAnalysis {
  const { parsed, policies } = parsedInput ?? parseDocumentChunk(text);
  const schemaProblems = new Map<NetworkPolicy, readonly SchemaProblem[]>();
  for (const p of policies) schemaProblems.set(p, validatePolicyNode(p.node));
  const ctx: DocumentContext = { text, parsed, policies, schemaProblems, settings };
  const findings: RuleFinding[] = [];
  // The hottest loop of an open (every rule, every policy): no closure or intermediate array per call, and the same
  // all-or-nothing semantics as `safely` (a rule that throws leaves only its internal-error finding).
  for (const rule of rules) {
    const id = rule.meta.id;
    if (rule.checkDocument) {
      const mark = findings.length;
      try {
        for (const f of rule.checkDocument(ctx)) findings.push({ ...f, ruleId: id });
      } catch (error) {
        findings.length = mark;
        findings.push({ ...internalError(id, error), ruleId: id });
      }
    }
    if (rule.checkPolicy) {
      for (const p of policies) {
        const mark = findings.length;
        try {
          for (const f of rule.checkPolicy(p, ctx)) findings.push({ ...f, ruleId: id });
        } catch (error) {
          findings.length = mark;
          findings.push({ ...internalError(id, error), ruleId: id });
        }
      }
    }
  }
  return {
    text,
    parsed,
    policies,
    findings,
    suppressions: findSuppressions(text),
    mentionsNetworkPolicy: policies.length > 0 || MENTIONS_POLICY.test(text),
    lines: new LineIndex(text),
    policyFacts: policies.map(() => new Map()),
    factSignatures: new Map(),
    policyRefs: { documentIndex: -1, refs: [] },
    templateOpen: text.indexOf('{{'),
    templateClose: text.indexOf('}}'),
    resolved: {},
  };
}

/** A rule that throws must not take the others down: its failure becomes a finding of its own, at the document start. */
export function safely<T>(run: () => Iterable<T>, ruleId: string): T[] {
  try {
    return [...run()];
  } catch (error) {
    return [internalError(ruleId, error) as unknown as T];
  }
}

function internalError(ruleId: string, error: unknown): Finding {
  return { span: { start: 0, end: 0 }, message: `netpol internal error in rule ${ruleId}: ${String(error)}`, severity: 'error' };
}
