// Fix-all: every safe fix of a file, applied in passes until none is left (a fix can reveal or unblock another), on a
// copy of the text. The editor's `source.fixAll.netpol` action and `netpol-lint --fix` both use it, so they agree.
import { applyEdits, editsOverlap, type TextEdit } from '../../edit/index';
import { activeRules, type ActiveRules } from '../../lint/active-rules';
import type { Settings } from '../../lint/settings';
import { analyzeText, type FileSnapshot } from '../../lint/snapshot';
import { defaultRegistry } from '../../rules/registry';
import { ruleFixes, type FileFix } from './fixes';

/** Bounds the passes: real files converge in one or two; a pair of fixes undoing each other must not loop forever. */
const MAX_FIX_PASSES = 10;

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

/**
 * Fix-all of a text under `settings` (with netpol's rules) or under the very rules of a snapshot. `analysed`: the
 * snapshot of `text` under those rules, if the caller has one; the first pass then uses it instead of analysing again.
 */
export function fixAllText(text: string, settings: Settings | ActiveRules, options: { maxPasses?: number; uri?: string; analysed?: FileSnapshot } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const rules = 'registry' in settings ? settings : activeRules(defaultRegistry, settings);
  const uri = options.uri ?? 'untitled:fix-all';
  const applied: { ruleId: string; title: string }[] = [];
  let current = text;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const reuse = pass === 1 && options.analysed?.text === text && options.analysed.rules === rules;
    const fixes = safeFixesOnePass(reuse ? options.analysed! : analyzeText({ uri, text: current, version: 0 }, rules));
    if (fixes.length === 0) return { text: current, applied, passes: pass - 1, converged: true };
    current = applyEdits(current, fixes.flatMap((f) => f.edits));
    for (const f of fixes) applied.push({ ruleId: f.ruleId, title: f.title });
  }
  const converged = safeFixesOnePass(analyzeText({ uri, text: current, version: 0 }, rules)).length === 0;
  return { text: current, applied, passes: maxPasses, converged };
}
