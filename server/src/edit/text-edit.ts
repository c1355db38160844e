// A text edit on offsets; converted to an LSP TextEdit at the boundary.
import { shiftSpan, type Span } from '../syntax/span';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** Applies edits that do not overlap (as LSP requires); edits at the same offset are applied in the order given. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => y.e.span.start - x.e.span.start || y.e.span.end - x.e.span.end || y.i - x.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export function shiftEdit(edit: TextEdit, delta: number): TextEdit {
  return { span: shiftSpan(edit.span, delta), newText: edit.newText };
}

/** True when two sets of edits touch the same text (an insertion at the boundary of a replacement counts as touching). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.span.start <= y.span.end && y.span.start <= x.span.end));
}

/** True when every edit lies within [0, length] and no two edits overlap. */
export function editsAreValid(edits: readonly TextEdit[], length: number): boolean {
  if (edits.some((e) => e.span.start < 0 || e.span.end < e.span.start || e.span.end > length)) return false;
  const sorted = [...edits].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.span.start < sorted[i - 1]!.span.end) return false;
  return true;
}
