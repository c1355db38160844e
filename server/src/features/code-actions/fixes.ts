// Turns findings into fixes with file offsets: a rule's own fixes (its `fix`, called on the finding's document chunk) and
// the generic `# netpol-disable-next-line <rule>` comment. Fixes are matched to findings by rule id and span, never by
// message text. A fix that throws or returns edits outside its document is dropped, so a broken fix cannot damage a file.
import { editsAreValid, insertCommentAbove, lineTextAt, shiftEdit, type EditStyle, type TextEdit } from '../../edit/index';
import { runFix } from '../../lint/checks';
import type { FileFindingResult } from '../../lint/file';
import type { FileSnapshot } from '../../lint/snapshot';
import type { NetworkPolicy } from '../../model/policy';
import { shiftSpan } from '../../syntax/span';
import { fileStyle } from './file-style';

/** A fix in file offsets, with the rule it comes from. */
export interface FileFix {
  readonly ruleId: string;
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly safe: boolean;
  readonly preferred: boolean;
}

/** The fixes the finding's rule offers, preferred first. */
export function ruleFixes(snapshot: FileSnapshot, finding: FileFindingResult): FileFix[] {
  const rule = snapshot.rules.registry.byId(finding.ruleId);
  const doc = snapshot.documents[finding.documentIndex];
  if (!rule?.fix || !doc) return [];
  const text = doc.analysis.text;
  const local = { ...finding, span: shiftSpan(finding.span, -doc.start) };
  const policy = policyAt(doc.analysis.policies, local.span.start);
  const failed = (error: string): void => snapshot.rules.onFailure?.({ what: `fix of rule ${finding.ruleId}`, uri: snapshot.uri, line: snapshot.lines.positionAt(finding.span.start).line, error });
  return runFix(rule, local, { text, settings: snapshot.settings, ...(policy ? { policy } : {}) }, failed)
    .filter((f) => f.edits.length > 0 && editsAreValid(f.edits, text.length) && f.edits.some((e) => text.slice(e.span.start, e.span.end) !== e.newText))
    .map((f) => ({ ruleId: finding.ruleId, title: f.title, edits: f.edits.map((e) => shiftEdit(e, doc.start)), safe: f.safe, preferred: f.preferred === true }))
    .sort((a, b) => Number(b.preferred) - Number(a.preferred));
}

/**
 * `# netpol-disable-next-line <rule>` above the finding's line, at that line's indentation. Existing comments are never
 * rewritten: suppression comments stack, since each applies to the next line that is not a comment. Not offered on a
 * `---` line (a comment above it would belong to the previous document), nor for rules that are not `suppressible`
 * (unused-suppression, whose fix is deleting the comment; go-template, whose file is not linted, so comments are not read).
 */
export function disableNextLineFix(snapshot: FileSnapshot, finding: FileFindingResult, style: EditStyle = fileStyle(snapshot)): FileFix | undefined {
  if (snapshot.rules.registry.byId(finding.ruleId)?.meta.suppressible === false) return undefined;
  const text = snapshot.text;
  const start = finding.span.start;
  if (/^(---|\.\.\.)(\s|$)/.test(lineTextAt(text, start))) return undefined;
  const title = `Disable ${finding.ruleId} for this line`;
  return { ruleId: finding.ruleId, title, edits: [insertCommentAbove(text, start, `netpol-disable-next-line ${finding.ruleId}`, style)], safe: false, preferred: false };
}

/** The innermost policy whose object contains `offset` (chunk-relative); items of a List are inside the List's root. */
export function policyAt(policies: readonly NetworkPolicy[], offset: number): NetworkPolicy | undefined {
  let best: NetworkPolicy | undefined;
  for (const p of policies) {
    if (p.node.span.start <= offset && offset <= p.node.span.end) {
      if (!best || p.node.span.end - p.node.span.start < best.node.span.end - best.node.span.start) best = p;
    }
  }
  return best;
}
