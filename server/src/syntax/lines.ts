// The one place where offsets become LSP line/character positions (UTF-16 code units, as LSP's default encoding and JS strings).
import type { Position, Range } from 'vscode-languageserver-types';
import { lastAtOrBefore } from './search';
import type { Span } from './span';

/** Offset ↔ position conversion for one text. */
export interface Lines {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(s: Span): Range;
  lineStart(line: number): number;
}

export class LineIndex implements Lines {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.lineStarts = text.indexOf('\r') === -1 ? starts : withLoneCarriageReturns(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStarts[position.line]!;
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextLineStart));
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }
}

/**
 * LSP clients break lines at `\r\n`, `\n` and a lone `\r` (YAML reads a lone one as text, but positions must still be
 * the editor's): the line starts after each lone carriage return, merged into the sorted starts after each `\n`.
 */
function withLoneCarriageReturns(text: string, starts: number[]): number[] {
  const lone: number[] = [];
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) lone.push(i + 1);
  if (lone.length === 0) return starts;
  const merged: number[] = [];
  let a = 0;
  let b = 0;
  while (a < starts.length || b < lone.length) merged.push(b >= lone.length || (a < starts.length && starts[a]! < lone[b]!) ? starts[a++]! : lone[b++]!);
  return merged;
}

/** The number of line breaks in a text, counted as `LineIndex` counts them. */
export function lineBreakCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  if (text.indexOf('\r') === -1) return count;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) count++;
  return count;
}

/** A piece of a file (a YAML document chunk) with the line index of its own text. */
export interface LinePiece {
  readonly start: number;
  readonly lines: LineIndex;
}

/**
 * The line index of a whole file, assembled from the line indexes of its pieces (which are cached with each document's
 * analysis), so that a new version of a large file costs nothing here, and never a pass over its text. Answers exactly
 * as `new LineIndex(text)` would. Pieces start at line starts; `firstLines[i]` is the line piece `i` starts on.
 */
export class FileLines implements Lines {
  constructor(
    private readonly starts: ArrayLike<number>,
    private readonly firstLines: ArrayLike<number>,
    private readonly indexOf: (piece: number) => LineIndex,
    readonly lineCount: number,
    private readonly length: number,
  ) {}

  static fromPieces(pieces: readonly LinePiece[], length: number): FileLines {
    const firstLines = new Int32Array(pieces.length);
    let line = 0;
    for (let i = 0; i < pieces.length; i++) {
      firstLines[i] = line;
      line += pieces[i]!.lines.lineCount - 1;
    }
    return new FileLines(
      pieces.map((p) => p.start),
      firstLines,
      (i) => pieces[i]!.lines,
      line + 1,
      length,
    );
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    if (this.starts.length === 0) return { line: 0, character: clamped };
    const i = this.pieceAtOffset(clamped);
    const p = this.indexOf(i).positionAt(clamped - this.starts[i]!);
    return { line: this.firstLines[i]! + p.line, character: p.character };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0 || this.starts.length === 0) return 0;
    const i = this.pieceAtLine(position.line);
    return this.starts[i]! + this.indexOf(i).offsetAt({ line: position.line - this.firstLines[i]!, character: position.character });
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  lineStart(line: number): number {
    return this.offsetAt({ line: Math.max(0, Math.min(line, this.lineCount - 1)), character: 0 });
  }

  /** The last piece starting at or before `offset` (at a boundary, the piece that starts there). */
  private pieceAtOffset(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  /** The last piece whose first line is at or before `line`. */
  private pieceAtLine(line: number): number {
    return lastAtOrBefore(this.firstLines, line);
  }
}

/**
 * The file range of a span relative to a piece that starts at offset `start` on line `firstLine`, from the piece's own
 * line index; the end of a span that runs on past the piece (`length`) is placed with the file's.
 */
export function placedRange(span: Span, pieceLines: LineIndex, firstLine: number, start: number, length: number, fileLines: Lines): Range {
  const position = (offset: number): Position => {
    if (offset > length) return fileLines.positionAt(start + offset);
    const p = pieceLines.positionAt(offset);
    return { line: firstLine + p.line, character: p.character };
  };
  return { start: position(span.start), end: position(span.end) };
}
