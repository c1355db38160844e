// Fix-all: every safe fix of a file, applied in passes until none is left (a fix can reveal or unblock another), on a
// copy of the text. The editor's `source.fixAll.netpol` action and `netpol-lint --fix` both use it, so they agree.
import { applyEdits, editsOverlap, type TextEdit } from '../../edit/index';
import { analyzeDocument, parseDocumentChunk } from '../../lint/document';
import { isEnabled, lintFile, type PlacedDocument } from '../../lint/file';
import type { Settings } from '../../lint/settings';
import { allRules } from '../../rules/registry';
import type { FileSnapshot } from '../../service';
import { LineIndex } from '../../syntax/lines';
import { splitDocuments } from '../../syntax/split';
import { ruleFixes, type FileFix } from './fixes';

/** Bounds the passes: real files converge in one or two; a pair of fixes undoing each other must not loop forever. */
export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  readonly text: string;
  /** Every fix applied, in order, over all passes. */
  readonly applied: readonly { readonly ruleId: string; readonly title: string }[];
  readonly passes: number;
  /** False when fixes were still being found after the last pass. */
  readonly converged: boolean;
}

/** One pass: the first safe fix of each finding, skipping fixes that touch text an earlier one already changes. */
export function safeFixesOnePass(snapshot: FileSnapshot): FileFix[] {
  const chosen: FileFix[] = [];
  const edits: TextEdit[] = [];
  for (const finding of snapshot.findings) {
    const fix = ruleFixes(snapshot, finding).find((f) => f.safe);
    if (!fix || editsOverlap(fix.edits, edits)) continue;
    chosen.push(fix);
    edits.push(...fix.edits);
  }
  return chosen;
}

export function fixAllText(text: string, settings: Settings, options: { maxPasses?: number; uri?: string } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const applied: { ruleId: string; title: string }[] = [];
  let current = text;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const fixes = safeFixesOnePass(analyzeText(current, settings, options.uri));
    if (fixes.length === 0) return { text: current, applied, passes: pass - 1, converged: true };
    current = applyEdits(current, fixes.flatMap((f) => f.edits));
    for (const f of fixes) applied.push({ ruleId: f.ruleId, title: f.title });
  }
  const converged = safeFixesOnePass(analyzeText(current, settings, options.uri)).length === 0;
  return { text: current, applied, passes: maxPasses, converged };
}

/** The analysis the language service does, without its caches: for texts that exist only inside a fix-all run. */
export function analyzeText(text: string, settings: Settings, uri = 'untitled:fix-all'): FileSnapshot {
  const rules = allRules.filter((r) => isEnabled(r, settings));
  const documents: PlacedDocument[] = splitDocuments(text).map((chunk) => ({
    analysis: analyzeDocument(chunk.text, settings, rules, parseDocumentChunk(chunk.text)),
    start: chunk.start,
  }));
  const findings = settings.enable ? lintFile(documents, settings, rules) : [];
  return { uri, text, version: 0, lines: new LineIndex(text), documents, findings, settings };
}
