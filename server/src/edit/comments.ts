// Comment lines: a new comment line above a given line, at that line's indentation.
import type { EditStyle } from './style';
import { indentationAt, lineStartAt } from './text-lines';
import type { TextEdit } from './text-edit';

/** Inserts `# comment` as a new line above the line containing `offset`, indented like that line. */
export function insertCommentAbove(text: string, offset: number, comment: string, style: EditStyle): TextEdit {
  const start = lineStartAt(text, offset);
  return { span: { start, end: start }, newText: `${indentationAt(text, offset)}# ${comment}${style.eol}` };
}
