// Comment lines: a new comment line above a given line, at that line's indentation; keeping the comment lines of text a
// deletion removes.
import type { EditStyle } from './style';
import { indentationAt, lineStartAt, nextLineStartAt } from './text-lines';
import type { TextEdit } from './text-edit';

/** Inserts `# comment` as a new line above the line containing `offset`, indented like that line. */
export function insertCommentAbove(text: string, offset: number, comment: string, style: EditStyle): TextEdit {
  const start = lineStartAt(text, offset);
  return { span: { start, end: start }, newText: `${indentationAt(text, offset)}# ${comment}${style.eol}` };
}

/**
 * The deletion `edit` changed to leave the whole-line comments of the lines it removes in place (after its new text), or
 * undefined when the edit does not remove whole lines, so a comment could not be kept without breaking the structure.
 * Comments may explain the removed lines, but they are the author's words: a fix never drops them.
 */
export function keepingCommentLines(text: string, edit: TextEdit): TextEdit | undefined {
  const removed = text.slice(edit.span.start, edit.span.end);
  const comments: string[] = [];
  for (let start = edit.span.start; start < edit.span.end; start = nextLineStartAt(text, start)) {
    const end = Math.min(nextLineStartAt(text, start), edit.span.end);
    if (text.slice(start, end).trim().startsWith('#')) comments.push(text.slice(start, end));
  }
  if (comments.length === 0) return edit;
  const wholeLines = lineStartAt(text, edit.span.start) === edit.span.start && (edit.span.end === text.length || text[edit.span.end - 1] === '\n');
  if (!wholeLines || !removed.endsWith('\n')) return undefined;
  return { span: edit.span, newText: edit.newText + comments.join('') };
}
