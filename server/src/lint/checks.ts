// Every call into a rule's code is made here, so that what happens when a rule throws is decided in one place: the
// findings of that call are replaced by one internal-error finding (or, for a fix, no fix), and the other rules go on.
// Whoever analyses a file reports those findings' failures (`Failure`) to the service's owner, once per new analysis.
import type { NetworkPolicy } from '../model/policy';
import type { DocumentContext, FileFinding, FileIndexContext, Finding, Fix, FixContext, Rule, SuppressionContext, WholeFileContext, WorkspaceContext } from '../rules/types';
import type { Settings } from './settings';

export interface RuleFinding extends Finding {
  readonly ruleId: string;
  /** Set on the internal-error finding of a rule that threw: the error, as `describeError` words it. */
  readonly failure?: string;
}

/** A rule or feature that threw: what it was and where (file and line), never the text it was given. */
export interface Failure {
  /** E.g. `rule invalid-cidr`, `fix of rule invalid-cidr`, `hover`. */
  readonly what: string;
  readonly uri: string;
  /** Zero-based line. */
  readonly line?: number;
  readonly error: string;
}

export type FailureSink = (failure: Failure) => void;

/** The error's message and the frame that threw it: enough to find the bug, and no user text beyond what the error says. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((l) => l.trimStart().startsWith('at '))?.trim();
  return frame ? `${String(error)} (${frame})` : String(error);
}

/** Runs the per-document and per-policy checks of `rules` on one document, appending their findings. */
export function runDocumentChecks(rules: readonly Rule[], policies: readonly NetworkPolicy[], ctx: DocumentContext, findings: RuleFinding[]): void {
  // The hottest loop of an open (every rule, every policy): no closure or intermediate array per call, and the same
  // all-or-nothing semantics as `contained` (a rule that throws leaves only its internal-error finding).
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
          findings.push({ ...internalError(id, error, p.node.span.start), ruleId: id });
        }
      }
    }
  }
}

/** A file-wide rule that threw on one policy: the error as `describeError` words it, and as the finding says it. */
export interface FileRuleFailure {
  readonly error: string;
  readonly message: string;
}

/** A file-wide rule's judgment of one policy against the file's index: its findings, or how it failed (none of them kept). */
export function runFileJudgment(rule: Rule, policy: NetworkPolicy, facts: unknown, ctx: FileIndexContext): Finding[] | FileRuleFailure {
  try {
    return rule.checkInFile ? [...rule.checkInFile(policy, facts, ctx)] : [];
  } catch (error) {
    return { error: describeError(error), message: String(error) };
  }
}

/** A whole-file check that throws recognises nothing: the file is checked as usual. */
export function runWholeFileCheck(rule: Rule, ctx: WholeFileContext): FileFinding | undefined {
  try {
    return rule.checkWholeFile?.(ctx);
  } catch {
    return undefined;
  }
}

export function runSuppressionCheck(rule: Rule, ctx: SuppressionContext): Finding[] {
  return rule.checkSuppressions ? contained(() => rule.checkSuppressions!(ctx), rule.meta.id) : [];
}

export function runWorkspaceCheck(rule: Rule, ctx: WorkspaceContext): Finding[] {
  return rule.checkWorkspace ? contained(() => rule.checkWorkspace!(ctx), rule.meta.id) : [];
}

/** A review that throws leaves the file's own finding standing. */
export function runWorkspaceReview(rule: Rule, finding: Finding, ctx: WorkspaceContext): Finding | undefined {
  try {
    return rule.reviewInWorkspace ? rule.reviewInWorkspace(finding, ctx) : finding;
  } catch {
    return finding;
  }
}

/** A file-wide rule's `fileFacts` of one policy and the keys it is filed under; how it failed, when it threw. */
export function runFileFacts(rule: Rule, policy: NetworkPolicy, settings: Settings): { facts: unknown; keys: readonly string[]; error: FileRuleFailure | undefined } {
  try {
    const facts = rule.fileFacts?.(policy, settings);
    return { facts, keys: rule.fileKeys?.(facts) ?? [], error: undefined };
  } catch (error) {
    return { facts: undefined, keys: [], error: { error: describeError(error), message: String(error) } };
  }
}

/** A rule's `documentFacts` of one document; a rule that throws has none. */
export function runDocumentFacts(rule: Rule, text: string): unknown {
  try {
    return rule.documentFacts?.(text);
  } catch {
    return undefined;
  }
}

/** The fixes a rule offers for one of its findings; a fix that throws offers none (and is told to `failed`). */
export function runFix(rule: Rule, finding: Finding, ctx: FixContext, failed?: (error: string) => void): Fix[] {
  try {
    return rule.fix ? rule.fix(finding, ctx) : [];
  } catch (error) {
    failed?.(describeError(error));
    return [];
  }
}

function contained<T>(run: () => Iterable<T>, ruleId: string): T[] {
  try {
    return [...run()];
  } catch (error) {
    return [internalError(ruleId, error) as unknown as T];
  }
}

/** The finding that stands for a rule's failed call, at `at` (the policy's start, or the document's). */
function internalError(ruleId: string, error: unknown, at = 0): Finding & { failure: string } {
  return { span: { start: at, end: at }, message: `netpol internal error in rule ${ruleId}: ${String(error)}`, severity: 'error', failure: describeError(error) };
}
