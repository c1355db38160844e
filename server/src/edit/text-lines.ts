// Line arithmetic on raw text for the edit toolkit: where a line starts and ends, its indentation, a column. Works on any
// text (a whole file or one document chunk) and on both LF and CRLF line endings.

/** Offset of the first character of the line containing `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset) - 1) + 1;
}

/** Offset of the line break (or end of text) of the line containing `offset`; a CRLF line ends before its `\r`. */
export function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Offset just after the line break of the line containing `offset` (the end of text on the last line). */
export function nextLineStartAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Column of `offset` in its line, in UTF-16 code units. */
export function columnAt(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** The leading spaces of the line containing `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(start, i);
}

/** The text of the line containing `offset`, without its line break. */
export function lineTextAt(text: string, offset: number): string {
  return text.slice(lineStartAt(text, offset), lineEndAt(text, offset));
}

/** True when the line holding `offset` has only spaces before `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}
