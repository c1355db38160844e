// A text edit on offsets; converted to an LSP TextEdit at the boundary.
import type { Span } from '../syntax/span';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
