// Shared helpers of the code-action tests: apply LSP edits to a text, and the checks every fixed file must pass (it
// parses, no new error, every comment line of the original kept).
import type { Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/edit/index';
import { LineIndex } from '../../server/src/syntax/lines';

export function applyLspEdits(text: string, edits: readonly LspTextEdit[]): string {
  const lines = new LineIndex(text);
  return applyEdits(
    text,
    edits.map((e) => ({ span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }, newText: e.newText })),
  );
}

export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  return applyLspEdits(text, edit?.changes?.[uri] ?? []);
}

/** Whole-line comments, trimmed: what a fix must never lose. */
export function commentLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
}

/** The comment lines of `before` missing from `after` (as a multiset). */
export function lostComments(before: string, after: string): string[] {
  const remaining = new Map<string, number>();
  for (const c of commentLines(after)) remaining.set(c, (remaining.get(c) ?? 0) + 1);
  const lost: string[] = [];
  for (const c of commentLines(before)) {
    const n = remaining.get(c) ?? 0;
    if (n === 0) lost.push(c);
    else remaining.set(c, n - 1);
  }
  return lost;
}

/** A key for comparing diagnostics across edits that move lines: rule and message (ranges shift). */
export function diagnosticKey(d: Diagnostic): string {
  return `${String(d.code)}|${d.severity}|${typeof d.message === 'string' ? d.message : d.message.value}`;
}
