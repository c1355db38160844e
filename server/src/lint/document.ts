// Analysis of one YAML document (chunk): parse, find policies, validate against the schema, run per-document rules.
// The result depends only on the chunk's text and the settings, so it is cached by text and reused across edits; it is a
// plain value that nothing writes to afterwards (what the file's lint remembers about it lives in `IncrementalLint`).
import { findPolicies } from '../model/build';
import type { NetworkPolicy } from '../model/policy';
import { validatePolicyNode, type SchemaProblem } from '../schema/validate';
import { LineIndex } from '../syntax/lines';
import { parseChunk, type ParsedChunk } from '../syntax/parse';
import type { DocumentContext, Severity, Suppression } from '../rules/types';
import type { ActiveRules } from './active-rules';
import { runDocumentChecks, runDocumentFacts, type RuleFinding } from './checks';
import { findSuppressions } from './suppressions';

export type { RuleFinding };

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
  /** Per rule id, the rule's `documentFacts` of this document (for whole-file checks). */
  readonly ruleFacts: ReadonlyMap<string, unknown>;
  /** True when a rule threw on this document (some finding has a `failure`). */
  readonly failed: boolean;
}

const MENTIONS_POLICY = /kind:\s*["']?NetworkPolicy(List)?\b|(?<![\w.-])networking\.k8s\.io\//;
const NO_FACTS: ReadonlyMap<string, unknown> = new Map();

export function parseDocumentChunk(text: string): { parsed: ParsedChunk; policies: NetworkPolicy[] } {
  const parsed = parseChunk(text, 0);
  const policies = parsed.syntaxErrors.length || parsed.aliasExpansionTooLarge ? [] : findPolicies(parsed.root);
  return { parsed, policies };
}

/** The analysis of one document under `rules`; `parsedInput` reuses an earlier parse of the same text. */
export function analyzeDocument(text: string, rules: ActiveRules, parsedInput?: { parsed: ParsedChunk; policies: readonly NetworkPolicy[] }): DocumentAnalysis {
  const { parsed, policies } = parsedInput ?? parseDocumentChunk(text);
  const { settings } = rules;
  const schemaProblems = new Map<NetworkPolicy, readonly SchemaProblem[]>();
  for (const p of policies) schemaProblems.set(p, validatePolicyNode(p.node));
  const ctx: DocumentContext = { text, parsed, policies, schemaProblems, settings };
  const findings: RuleFinding[] = [];
  runDocumentChecks(rules.enabled, policies, ctx, findings);
  let ruleFacts = NO_FACTS;
  if (rules.factRules.length > 0) ruleFacts = new Map(rules.factRules.map((r) => [r.meta.id, runDocumentFacts(r, text)]));
  return {
    text,
    parsed,
    policies,
    findings,
    suppressions: findSuppressions(text),
    mentionsNetworkPolicy: policies.length > 0 || MENTIONS_POLICY.test(text),
    lines: new LineIndex(text),
    ruleFacts,
    failed: findings.some((f) => f.failure !== undefined),
  };
}
